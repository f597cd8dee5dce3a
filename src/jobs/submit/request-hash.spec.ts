import { canonicalJson, requestHash } from './request-hash.js';

describe('requestHash', () => {
  it('ignores key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
    expect(requestHash('main', { script: 'x', nodes: 1 })).toBe(
      requestHash('main', { nodes: 1, script: 'x', hold: undefined }),
    );
  });

  it('differs with the cluster or the body', () => {
    const base = requestHash('main', { script: 'x' });
    expect(requestHash('legacy', { script: 'x' })).not.toBe(base);
    expect(requestHash('main', { script: 'y' })).not.toBe(base);
  });
});
