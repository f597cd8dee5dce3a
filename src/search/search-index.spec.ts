import { makeJob, makeNode, makePartition, makeUser } from '../search/testing/model-fixtures.js';
import { jobDoc, nodeDoc, partitionDoc, userDoc } from './search-documents.js';
import { SearchIndex } from './search-index.js';

function buildIndex(): SearchIndex {
  const index = new SearchIndex();
  index.replaceType(
    'job',
    [
      makeJob({ id: '1', user: 'alice', name: 'preprocess', partition: 'normal' }),
      makeJob({ id: '2', user: 'alice', name: 'train', partition: 'gpu', gpus: 2 }),
      makeJob({ id: '3', user: 'bob', name: 'train', partition: 'gpu', gpus: 4 }),
      makeJob({ id: '4', user: 'alice', name: 'simulation', partition: 'gpu', gpus: 1 }),
      makeJob({ id: '5', user: 'carol', name: 'alice-check', partition: 'normal' }),
    ].map((j) => jobDoc(j, 'main')),
  );
  index.replaceType(
    'node',
    [
      makeNode({
        name: 'gpu001',
        partitions: ['gpu', 'debug'],
        features: ['gpu', 'a100'],
        gpusTotal: 4,
      }),
      makeNode({ name: 'node001' }),
    ].map((n) => nodeDoc(n, 'main')),
  );
  index.replaceType(
    'user',
    [makeUser(), makeUser({ name: 'bob' })].map((u) => userDoc(u, 'main')),
  );
  index.replaceType('partition', [
    partitionDoc(makePartition({ name: 'gpu', nodes: ['gpu001'] }), ['a100', 'gpu'], 'main'),
  ]);
  return index;
}

describe('SearchIndex', () => {
  it('ranks alice\'s GPU jobs first for "alice gpu"', () => {
    const { hits, total } = buildIndex().search({ q: 'alice gpu', limit: 20 });
    const top = hits.slice(0, 2).map((h) => `${h.type}:${h.id}`);
    expect(top.sort()).toEqual(['job:2', 'job:4']);
    expect(hits[0].score).toBe(1);
    expect(total).toBe(hits.length);
    // Everything after them matches only one of the two words.
    for (const hit of hits.slice(2)) expect(hit.score).toBeLessThanOrEqual(0.5);
  });

  it('scores lie in 0..1 and never rise down the list', () => {
    const { hits } = buildIndex().search({ q: 'alice gpu train', limit: 50 });
    const scores = hits.map((h) => h.score);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('returns the spec shape with urls', () => {
    const { hits } = buildIndex().search({ q: 'gpu001', limit: 1 });
    expect(hits[0]).toEqual({
      type: 'node',
      id: 'gpu001',
      title: 'Node gpu001',
      description: 'IDLE, 4 CPUs, 4 GPUs; features gpu, a100',
      url: '/v1/nodes/gpu001',
      score: 1,
    });
  });

  it('filters by type, by visibility, and limits', () => {
    const index = buildIndex();
    const nodes = index.search({ q: 'gpu', types: ['node'], limit: 10 }).hits;
    expect(nodes.map((h) => h.id)).toEqual(['gpu001']);
    const visible = index.search({
      q: 'train gpu',
      types: ['job'],
      limit: 10,
      visible: (d) => d.owner === 'bob',
    });
    expect(visible.hits.map((h) => h.id)).toEqual(['3']);
    const limited = index.search({ q: 'gpu', limit: 2 });
    expect(limited.hits).toHaveLength(2);
    expect(limited.total).toBeGreaterThan(2);
  });

  it('matches states and partitions', () => {
    const index = buildIndex();
    index.upsert(jobDoc(makeJob({ id: '9', state: 'PENDING', user: 'dave' }), 'main'));
    expect(index.search({ q: 'pending', types: ['job'], limit: 10 }).hits.map((h) => h.id)).toEqual(
      ['9'],
    );
    expect(index.search({ q: 'normal', types: ['job'], limit: 10 }).total).toBe(3);
  });

  it('updates documents in place and drops removed ones', () => {
    const index = buildIndex();
    const before = index.size;
    index.upsert(jobDoc(makeJob({ id: '1', user: 'alice', name: 'renamed' }), 'main'));
    expect(index.size).toBe(before);
    expect(index.search({ q: 'renamed', limit: 5 }).hits.map((h) => h.id)).toEqual(['1']);
    expect(index.search({ q: 'preprocess', limit: 5 }).total).toBe(0);
    index.remove('job', '1');
    expect(index.search({ q: 'renamed', limit: 5 }).total).toBe(0);
    index.replaceType('user', [userDoc(makeUser({ name: 'erin' }), 'main')]);
    expect(index.search({ q: 'bob', types: ['user'], limit: 5 }).total).toBe(0);
    expect(index.search({ q: 'erin', limit: 5 }).hits[0].url).toBe('/v1/users/erin');
  });

  it('puts the cluster in urls outside the default cluster and ignores empty queries', () => {
    const doc = jobDoc(makeJob({ cluster: 'legacy', id: '7' }), 'main');
    expect(doc.url).toBe('/v1/jobs/7?cluster=legacy');
    expect(buildIndex().search({ q: '  ,, ', limit: 5 })).toEqual({ hits: [], total: 0 });
  });
});

describe('SearchIndex fuzziness', () => {
  it('forgives typos in words but not in ids', () => {
    const index = new SearchIndex();
    index.replaceType(
      'node',
      [makeNode({ name: 'node001' }), makeNode({ name: 'node002' })].map((n) => nodeDoc(n, 'main')),
    );
    index.upsert(jobDoc(makeJob({ id: '5', name: 'simulation' }), 'main'));
    expect(index.search({ q: 'node002', limit: 5 }).hits.map((h) => h.id)).toEqual(['node002']);
    expect(index.search({ q: 'simulaton', limit: 5 }).hits.map((h) => h.id)).toEqual(['5']);
  });
});
