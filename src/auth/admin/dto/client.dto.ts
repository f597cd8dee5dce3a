import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ROLES, SCOPES, TIERS, type Role, type Tier } from '../../principal.js';

const SLURM_USER = /^[a-z_][a-z0-9_.-]{0,31}$/;
const CLIENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export class CreateClientDto {
  @ApiProperty({ example: 'alice', description: 'Unique name of the client' })
  @Matches(CLIENT_NAME, { message: 'name must be 1-64 letters, digits, . _ @ -' })
  name!: string;

  @ApiProperty({ enum: ROLES, example: 'user' })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({ example: 'alice', description: 'The Slurm user this client acts as' })
  @Matches(SLURM_USER, { message: 'slurm_user must be a POSIX user name' })
  slurm_user!: string;

  @ApiPropertyOptional({ example: { legacy: 'alice' }, description: 'Per-cluster Slurm users' })
  @IsOptional()
  @IsObject()
  slurm_users?: Record<string, string>;

  @ApiPropertyOptional({ enum: TIERS, example: 'free' })
  @IsOptional()
  @IsIn(TIERS)
  tier?: Tier;

  @ApiPropertyOptional({ example: 50000, description: 'Requests per window (enterprise tier)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  custom_limit?: number;

  @ApiPropertyOptional({ example: ['jobs:read', 'jobs:write'], description: 'Default: by role' })
  @IsOptional()
  @IsIn(SCOPES, { each: true })
  scopes?: string[];

  @ApiPropertyOptional({ example: 'alice-laptop', description: 'Client certificate subject CN' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  cert_subject?: string;
}

export class UpdateClientDto {
  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: TIERS })
  @IsOptional()
  @IsIn(TIERS)
  tier?: Tier;

  @ApiPropertyOptional({ example: 50000, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  custom_limit?: number | null;

  @ApiPropertyOptional({ example: 'alice' })
  @IsOptional()
  @Matches(SLURM_USER, { message: 'slurm_user must be a POSIX user name' })
  slurm_user?: string;

  @ApiPropertyOptional({ example: { legacy: 'alice' } })
  @IsOptional()
  @IsObject()
  slurm_users?: Record<string, string>;

  @ApiPropertyOptional({ example: ['jobs:read'] })
  @IsOptional()
  @IsIn(SCOPES, { each: true })
  scopes?: string[];

  @ApiPropertyOptional({ example: 'alice-laptop', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  cert_subject?: string | null;
}

export class CreateKeyDto {
  @ApiPropertyOptional({ example: 'laptop' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  name?: string;

  @ApiPropertyOptional({
    example: 90,
    description: 'Days until the credential expires (default: never)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expires_in_days?: number;

  @ApiPropertyOptional({ example: 3600, description: 'Seconds until expiry (alternative to days)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(315_360_000)
  expires_in_seconds?: number;

  @ApiPropertyOptional({ example: ['jobs:read'], description: 'Narrower than the client scopes' })
  @IsOptional()
  @IsIn(SCOPES, { each: true })
  scopes?: string[];
}

export class CreateOAuthClientDto {
  @ApiPropertyOptional({ example: 'alice-pipeline' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  name?: string;

  @ApiPropertyOptional({
    example: ['jobs:read', 'jobs:write'],
    description: 'Default: the client scopes',
  })
  @IsOptional()
  @IsIn(SCOPES, { each: true })
  scopes?: string[];
}
