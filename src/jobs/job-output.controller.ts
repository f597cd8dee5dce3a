import { applyDecorators, Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, RequireScopes } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ErrorCode } from '../common/errors/index.js';
import { ApiErrors } from '../openapi/index.js';
import { JobOutputQueryDto } from './dto/job-action.dto.js';
import { JobOutputDto } from './dto/job-output.dto.js';
import type { OutputStream } from './output/output-path.js';
import { JobOutputService } from './output/job-output.service.js';
import { sendSse } from './output/sse.js';

const OUTPUT_DESCRIPTION =
  "Owner, operator or admin. The last `lines` lines of the job's file, read from its end; the " +
  "path resolves Slurm's patterns (%j %A %a %u %x %N ...) and defaults (slurm-%j.out, " +
  'slurm-%A_%a.out in the working directory). 404 names the resolved path while the file does ' +
  'not exist. With follow=true the answer is text/event-stream: events "open", "line" (one per ' +
  'line), "reset" and finally "end" when the job has ended.';

/** GET :job_id/<stream>: one route per file, documented alike. */
function OutputRoute(stream: OutputStream, summary: string): MethodDecorator {
  return applyDecorators(
    Get(`:job_id/${stream}`),
    RequireScopes('jobs:read'),
    ApiOperation({ summary, description: OUTPUT_DESCRIPTION }),
    ApiParam({ name: 'job_id', example: '12345' }),
    ApiProduces('application/json', 'text/event-stream'),
    ApiOkResponse({ type: JobOutputDto }),
    ApiErrors(
      ErrorCode.VALIDATION_ERROR,
      ErrorCode.AUTHENTICATION_FAILED,
      ErrorCode.PERMISSION_DENIED,
      ErrorCode.RESOURCE_NOT_FOUND,
    ),
  );
}

@ApiTags('Jobs')
@Controller('jobs')
export class JobOutputController {
  constructor(private readonly output: JobOutputService) {}

  @OutputRoute('output', 'Get job output (stdout)')
  stdout(
    @Param('job_id') id: string,
    @Query() query: JobOutputQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.respond('output', { id, query, principal, req, res });
  }

  @OutputRoute('error', 'Get job error output (stderr)')
  stderr(
    @Param('job_id') id: string,
    @Query() query: JobOutputQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.respond('error', { id, query, principal, req, res });
  }

  /** The raw response is needed for the event stream; the plain answer is sent as JSON. */
  private async respond(
    stream: OutputStream,
    call: {
      id: string;
      query: JobOutputQueryDto;
      principal: Principal;
      req: Request;
      res: Response;
    },
  ): Promise<void> {
    const { id, query, principal, req, res } = call;
    if (query.follow) {
      const abort = new AbortController();
      const events = await this.output.follow(principal, query.cluster, id, stream, {
        lines: query.lines,
        signal: abort.signal,
      });
      await sendSse(req, res, events, abort);
      return;
    }
    res.json(await this.output.tail(principal, query.cluster, id, stream, query.lines));
  }
}
