import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max } from 'class-validator';
import { ApiError } from './api-error.js';
import { GatewayValidationPipe } from './validation.js';

class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Max(1000)
  limit?: number;
}

const asQuery: ArgumentMetadata = { type: 'query', metatype: PageQuery };

describe('GatewayValidationPipe', () => {
  it('converts a query once and hands out the same frozen DTO for the same query', async () => {
    const pipe = new GatewayValidationPipe();
    const first = (await pipe.transform({ limit: '50' }, asQuery)) as PageQuery;
    expect(first).toBeInstanceOf(PageQuery);
    expect(first.limit).toBe(50);
    expect(Object.isFrozen(first)).toBe(true);
    expect(await pipe.transform({ limit: '50' }, asQuery)).toBe(first);
    expect(await pipe.transform({ limit: '51' }, asQuery)).not.toBe(first);
  });

  it('rejects a bad query every time, with the field named', async () => {
    const pipe = new GatewayValidationPipe();
    for (let i = 0; i < 2; i++) {
      const error = (await pipe
        .transform({ limit: '5000' }, asQuery)
        .catch((e: unknown) => e)) as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect(JSON.stringify(error.details)).toContain('"field":"limit"');
    }
    await expect(pipe.transform({ limit: '1', extra: 'x' }, asQuery)).rejects.toBeInstanceOf(
      ApiError,
    );
  });

  it('does not remember bodies', async () => {
    const pipe = new GatewayValidationPipe();
    const asBody: ArgumentMetadata = { type: 'body', metatype: PageQuery };
    const a = await pipe.transform({ limit: 5 }, asBody);
    const b = await pipe.transform({ limit: 5 }, asBody);
    expect(a).not.toBe(b);
    expect(Object.isFrozen(a)).toBe(false);
  });
});
