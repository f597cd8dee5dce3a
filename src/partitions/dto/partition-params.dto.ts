import { ApiProperty } from '@nestjs/swagger';
import { Matches, MaxLength } from 'class-validator';

export class PartitionParamsDto {
  @ApiProperty({ example: 'gpu' })
  @MaxLength(128)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'name is not a valid partition name' })
  name!: string;
}
