import { plainToInstance } from 'class-transformer';
import { ListJobsQueryDto } from '../dto/list-jobs.query.dto.js';
import { accountingStates, needsAccounting, toJobFilter } from './list-query.js';

function filterOf(query: Record<string, string>) {
  return toJobFilter(plainToInstance(ListJobsQueryDto, query));
}

describe('toJobFilter', () => {
  it('splits lists, canonicalises states and parses times', () => {
    expect(
      filterOf({
        state: 'pd, R,PENDING',
        user: 'alice,bob',
        start_time: '2023-12-15T00:00:00Z',
        end_time: '1702684800',
      }),
    ).toEqual({
      states: ['PENDING', 'RUNNING'],
      users: ['alice', 'bob'],
      partitions: undefined,
      accounts: undefined,
      qos: undefined,
      names: undefined,
      since: 1702598400,
      until: 1702684800,
    });
  });

  it('has paging and sort defaults', () => {
    const query = plainToInstance(ListJobsQueryDto, {});
    expect([query.limit, query.offset, query.sort, query.order]).toEqual([
      100,
      0,
      'submit_time',
      'desc',
    ]);
  });
});

describe('needsAccounting', () => {
  it('reads accounting for finished states and time windows only', () => {
    expect(needsAccounting(filterOf({}))).toBe(false);
    expect(needsAccounting(filterOf({ state: 'PENDING,RUNNING' }))).toBe(false);
    expect(needsAccounting(filterOf({ state: 'RUNNING,COMPLETED' }))).toBe(true);
    expect(needsAccounting(filterOf({ start_time: '1700000000' }))).toBe(true);
    expect(needsAccounting(filterOf({ state: 'COMPLETING', start_time: '1700000000' }))).toBe(
      false,
    );
  });

  it('passes base states to accounting', () => {
    expect(accountingStates(filterOf({ state: 'CD,CG,F' }))).toEqual(['COMPLETED', 'FAILED']);
    expect(accountingStates(filterOf({}))).toBeUndefined();
  });
});
