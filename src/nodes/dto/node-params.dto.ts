import { ApiProperty } from '@nestjs/swagger';
import { Matches, MaxLength } from 'class-validator';

export class NodeParamsDto {
  @ApiProperty({ example: 'node001' })
  @MaxLength(128)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'node_name is not a valid node name' })
  node_name!: string;
}
