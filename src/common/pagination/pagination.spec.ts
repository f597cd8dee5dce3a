import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { paginate, PagingQueryDto } from './index.js';

describe('paginate', () => {
  const items = Array.from({ length: 156 }, (_, i) => i);

  it('returns one page with the spec fields', () => {
    const page = paginate(items, { limit: 50, offset: 0 });
    expect(page.items).toEqual(items.slice(0, 50));
    expect(page).toMatchObject({ total: 156, limit: 50, offset: 0, has_more: true });
  });

  it('has no more on the last page', () => {
    const page = paginate(items, { limit: 50, offset: 150 });
    expect(page.items).toEqual([150, 151, 152, 153, 154, 155]);
    expect(page.has_more).toBe(false);
  });

  it('is empty past the end', () => {
    expect(paginate(items, { limit: 10, offset: 500 })).toMatchObject({
      items: [],
      total: 156,
      has_more: false,
    });
  });
});

describe('PagingQueryDto', () => {
  const check = (query: Record<string, string>) => {
    const dto = plainToInstance(PagingQueryDto, query);
    return { dto, errors: validateSync(dto) };
  };

  it('defaults to limit 100 offset 0', () => {
    const { dto, errors } = check({});
    expect(errors).toEqual([]);
    expect(dto).toMatchObject({ limit: 100, offset: 0 });
  });

  it('converts query strings to numbers', () => {
    const { dto, errors } = check({ limit: '50', offset: '10' });
    expect(errors).toEqual([]);
    expect(dto).toMatchObject({ limit: 50, offset: 10 });
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '1001' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ offset: '-1' }, 'offset'],
    [{ offset: '1.5' }, 'offset'],
  ])('rejects %j', (query, field) => {
    expect(check(query).errors.map((e) => e.property)).toEqual([field]);
  });
});
