import { DetailQueue } from './detail-queue.js';

describe('DetailQueue', () => {
  it('hands out new jobs before changed ones, without duplicates', () => {
    const queue = new DetailQueue();
    queue.add(['1', '2'], 'changed', 10);
    queue.add(['3', '2'], 'new', 11);
    queue.add(['3', '1'], 'changed', 12);
    expect(queue.size).toBe(3);
    expect(queue.take(2)).toEqual(['3', '2']);
    expect(queue.take(5)).toEqual(['1']);
    expect(queue.size).toBe(0);
  });

  it('drops what a full list started later has covered', () => {
    const queue = new DetailQueue();
    queue.add(['1'], 'new', 100);
    queue.add(['2'], 'changed', 300);
    queue.dropCovered(() => true, 200);
    expect(queue.take(10)).toEqual(['2']);
  });
});
