import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DEPENDENCY_TYPES } from '../view/dependencies.js';
import {
  IsEnvironment,
  IsPlainText,
  IsSlurmDuration,
  IsSlurmMemory,
  toJobIds,
} from './validators.js';

const SLURM_NAME = /^[A-Za-z0-9_.-]+$/;
const PARTITIONS = /^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$/;
const JOB_ID = /^\d+(_(\d+|\*))?$/;
const ARRAY_SPEC = /^\d+(-\d+(:\d+)?)?(,\d+(-\d+(:\d+)?)?)*(%\d+)?$/;
const ABSOLUTE = /^\//;

export class SubmitDependencyDto {
  @ApiProperty({ enum: DEPENDENCY_TYPES, example: 'afterok' })
  @IsIn(DEPENDENCY_TYPES)
  type!: (typeof DEPENDENCY_TYPES)[number];

  @ApiPropertyOptional({ description: 'Required except for singleton', example: '12344' })
  @ValidateIf((o: SubmitDependencyDto) => o.type !== 'singleton')
  @Transform(toJobIds)
  @IsString()
  @Matches(JOB_ID, { message: 'job_id must be a job id such as "12344" or "12340_3"' })
  job_id?: string;
}

/** POST /v1/jobs (spec: "Submit Job"), plus job arrays and hold at submission. */
export class SubmitJobDto {
  @ApiProperty({
    description:
      'A command or script path run by /bin/sh (e.g. "/bin/sleep 60"), or a whole batch script ' +
      'starting with "#!"',
    example: '/home/alice/scripts/simulation.sh',
  })
  @IsPlainText(true)
  @MaxLength(1_000_000)
  @IsNotEmpty()
  @IsString()
  @IsDefined({ message: 'script is required' })
  script!: string;

  @ApiPropertyOptional({ example: 'my_simulation' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsPlainText()
  job_name?: string;

  @ApiPropertyOptional({ description: 'Partition (or a comma-separated list)', example: 'gpu' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(PARTITIONS, { message: 'partition must be a partition name (or a comma list)' })
  partition?: string;

  @ApiPropertyOptional({ minimum: 1, example: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  nodes?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'CPUs allocated on each node', example: 16 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  cpus_per_node?: number;

  @ApiPropertyOptional({ description: 'Memory per node', example: '64GB' })
  @IsOptional()
  @IsSlurmMemory()
  memory?: string;

  @ApiPropertyOptional({ minimum: 0, description: 'GPUs per node (gres/gpu)', example: 2 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1024)
  gpus?: number;

  @ApiPropertyOptional({ description: 'Minutes, H:MM:SS or D-HH:MM:SS', example: '4:00:00' })
  @IsOptional()
  @IsSlurmDuration()
  time_limit?: string;

  @ApiPropertyOptional({ example: 'research' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(SLURM_NAME, { message: 'account must be an account name' })
  account?: string;

  @ApiPropertyOptional({ example: 'normal' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(SLURM_NAME, { message: 'qos must be a QOS name' })
  qos?: string;

  @ApiPropertyOptional({
    description: 'Absolute path on the cluster (default: JOBS_DEFAULT_WORKDIR, /tmp)',
    example: '/home/alice/simulations',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  @Matches(ABSOLUTE, { message: 'working_directory must be an absolute path' })
  @IsPlainText()
  working_directory?: string;

  @ApiPropertyOptional({
    description: 'stdout file; Slurm patterns such as %j are allowed',
    example: '/home/alice/logs/%j.out',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  @IsPlainText()
  standard_output?: string;

  @ApiPropertyOptional({ example: '/home/alice/logs/%j.err' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  @IsPlainText()
  standard_error?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { CUDA_VISIBLE_DEVICES: '0,1' },
  })
  @IsOptional()
  @IsEnvironment()
  environment?: Record<string, string>;

  @ApiPropertyOptional({
    type: [SubmitDependencyDto],
    example: [{ type: 'afterok', job_id: '12344' }],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubmitDependencyDto)
  dependencies?: SubmitDependencyDto[];

  @ApiPropertyOptional({
    description: 'Job array indexes, optionally with a %limit',
    example: '1-10%2',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @Matches(ARRAY_SPEC, { message: 'array must look like "1-10", "1,3,5" or "0-15:4%2"' })
  array?: string;

  @ApiPropertyOptional({ description: 'Submit the job held (release it later)', example: false })
  @IsOptional()
  @IsBoolean()
  hold?: boolean;
}
