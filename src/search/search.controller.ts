import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ErrorCode } from '../common/errors/index.js';
import { ApiErrors } from '../openapi/index.js';
import { SearchQueryDto, SearchResponseDto } from './dto/search.dto.js';
import { SearchService } from './search.service.js';

@ApiTags('Search')
@Controller('search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @ApiOperation({
    summary: 'Global search',
    description:
      'Ranked jobs, nodes, users and partitions of one cluster (MiniSearch over the live ' +
      'snapshot). Results matching more of the words rank first, so `alice gpu` lists ' +
      "alice's GPU jobs before other matches. Types need their read scope (jobs:read, " +
      'nodes:read, users:read); a user who is not operator/admin finds only their own jobs.',
  })
  @ApiOkResponse({ type: SearchResponseDto })
  @ApiErrors(
    ErrorCode.VALIDATION_ERROR,
    ErrorCode.AUTHENTICATION_FAILED,
    ErrorCode.PERMISSION_DENIED,
    ErrorCode.SERVICE_UNAVAILABLE,
  )
  search(
    @Query() query: SearchQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SearchResponseDto> {
    return this.searchService.search(principal, query);
  }
}
