import { JsonArraySplitter } from './json-array-splitter.js';

function split(text: string, key: string, chunkSize: number) {
  const items: unknown[] = [];
  const splitter = new JsonArraySplitter(key, (item) => items.push(item));
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += chunkSize) {
    splitter.write(bytes.subarray(i, i + chunkSize));
  }
  return { items, rest: splitter.end() };
}

const doc = {
  meta: { plugin: { name: 'x' }, note: 'has "jobs": [1,2] inside a string' },
  errors: [],
  jobs: [
    { job_id: 1, name: 'a,b]}{["', nested: { arr: [1, [2, 3]], s: '\\"' } },
    { job_id: 2, name: 'ünïcødé ✓ 😀', nodes: 'gpu[001-002]' },
    'a string item',
    42,
    -1.5e3,
    null,
    true,
    [],
    {},
  ],
  warnings: [{ description: 'w' }],
  last_update: { number: 1700000000 },
};
const text = JSON.stringify(doc, null, 1);

describe('JsonArraySplitter', () => {
  it.each([1, 2, 3, 7, 64, 100000])('emits every element with chunks of %i bytes', (size) => {
    const { items, rest } = split(text, 'jobs', size);
    expect(items).toEqual(doc.jobs);
    expect(rest).toEqual({ ...doc, jobs: [] });
  });

  it('works on compact JSON too', () => {
    const { items, rest } = split(JSON.stringify(doc), 'jobs', 5);
    expect(items).toEqual(doc.jobs);
    expect(rest.last_update).toEqual({ number: 1700000000 });
  });

  it('ignores the key inside nested objects and strings', () => {
    const nested = JSON.stringify({ meta: { jobs: [9] }, s: '"jobs":[8]', jobs: [{ id: 1 }] });
    expect(split(nested, 'jobs', 4).items).toEqual([{ id: 1 }]);
  });

  it('leaves a document without the key intact', () => {
    const { items, rest } = split('{"errors":[{"error_number":2017}],"jobs":null}', 'jobs', 3);
    expect(items).toEqual([]);
    expect(rest).toEqual({ errors: [{ error_number: 2017 }], jobs: null });
  });

  it('handles an empty array', () => {
    expect(split('{"jobs":[ ],"x":1}', 'jobs', 2)).toEqual({ items: [], rest: { jobs: [], x: 1 } });
  });

  it('throws on truncated input', () => {
    const splitter = new JsonArraySplitter('jobs', () => undefined);
    splitter.write(Buffer.from('{"jobs":[{"a":1},{"b":'));
    expect(() => splitter.end()).toThrow(SyntaxError);
  });

  it('throws when the document is not an object', () => {
    const splitter = new JsonArraySplitter('jobs', () => undefined);
    splitter.write(Buffer.from('[1,2]'));
    expect(() => splitter.end()).toThrow(SyntaxError);
  });

  it('splits a large list in bounded pieces', () => {
    const many = {
      jobs: Array.from({ length: 5000 }, (_, i) => ({ job_id: i, s: 'x'.repeat(50) })),
    };
    let seen = 0;
    const splitter = new JsonArraySplitter('jobs', () => seen++);
    const bytes = Buffer.from(JSON.stringify(many));
    for (let i = 0; i < bytes.length; i += 65536) splitter.write(bytes.subarray(i, i + 65536));
    splitter.end();
    expect(seen).toBe(5000);
    expect(splitter.items).toBe(5000);
  });
});
