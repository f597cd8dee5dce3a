import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireScopes } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ErrorCode } from '../common/errors/index.js';
import { ApiErrors } from '../openapi/index.js';
import { CpuWindowQueryDto, ListUsersQueryDto, UserParamsDto } from './dto/user-query.dto.js';
import { UserDto, UserListDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

const ERRORS = [
  ErrorCode.VALIDATION_ERROR,
  ErrorCode.AUTHENTICATION_FAILED,
  ErrorCode.PERMISSION_DENIED,
  ErrorCode.SLURM_ERROR,
];

@ApiTags('Users')
@Controller('users')
@RequireScopes('users:read')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({
    summary: 'List users',
    description:
      'Slurm users from accounting, sorted by name. Operators and admins see every user; ' +
      'a user sees only themself.',
  })
  @ApiOkResponse({ type: UserListDto })
  @ApiErrors(...ERRORS)
  list(
    @Query() query: ListUsersQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserListDto> {
    return this.users.list(principal, query);
  }

  @Get(':username')
  @ApiOperation({
    summary: 'Get user details',
    description: 'Operators and admins: any user; a user: only themself (else 403).',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(...ERRORS, ErrorCode.RESOURCE_NOT_FOUND)
  get(
    @Param() params: UserParamsDto,
    @Query() query: CpuWindowQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserDto> {
    return this.users.get(principal, params.username, query);
  }
}
