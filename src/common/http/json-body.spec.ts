import { JsonBodyCache, notModified, sendJsonBody, toJsonBody } from './json-body.js';

describe('toJsonBody', () => {
  it('serializes once with a weak entity tag that follows the content', () => {
    const a = toJsonBody({ jobs: [1, 2], total: 2 });
    expect(a.text).toBe('{"jobs":[1,2],"total":2}');
    expect(a.bytes).toBe(a.text.length);
    expect(a.etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(toJsonBody({ jobs: [1, 2], total: 2 }).etag).toBe(a.etag);
    expect(toJsonBody({ jobs: [1, 3], total: 2 }).etag).not.toBe(a.etag);
  });

  it('counts bytes, not characters, and holds them encoded', () => {
    const body = toJsonBody('é');
    expect(body.bytes).toBe(4);
    expect(body.encoded.toString('utf8')).toBe('"é"');
  });

  it('sets the content type and entity tag on the response', () => {
    const headers: Record<string, string> = {};
    const res = { setHeader: (name: string, value: string) => (headers[name] = value) };
    const body = toJsonBody({ ok: true });
    expect(sendJsonBody(res as never, body)).toBe('{"ok":true}');
    expect(headers).toEqual({
      'Content-Type': 'application/json; charset=utf-8',
      ETag: body.etag,
    });
  });

  it('hands the body itself to a sink that takes it', () => {
    const taken: unknown[] = [];
    const body = toJsonBody([1]);
    sendJsonBody({ setHeader: () => undefined, takeJsonBody: (b) => taken.push(b) }, body);
    expect(taken).toEqual([body]);
  });
});

describe('JsonBodyCache', () => {
  it('builds once per key and stamp', () => {
    const cache = new JsonBodyCache(1 << 20);
    let builds = 0;
    const build = () => ({ n: ++builds });
    expect(cache.get('k', 'v1', build).text).toBe('{"n":1}');
    expect(cache.get('k', 'v1', build).text).toBe('{"n":1}');
    expect(cache.get('k', 'v2', build).text).toBe('{"n":2}');
    expect(cache.get('other', 'v2', build).text).toBe('{"n":3}');
    expect(builds).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('evicts the least recently used entries beyond its byte budget (text + encoded bytes)', () => {
    const cache = new JsonBodyCache(60);
    const ten = (c: string) => () => c.repeat(8); // '"cccccccc"' is 10 bytes
    cache.get('a', 's', ten('a'));
    cache.get('b', 's', ten('b'));
    cache.get('c', 's', ten('c'));
    cache.get('a', 's', ten('x')); // a is used again: b is now the oldest
    cache.get('d', 's', ten('d'));
    expect(cache.size).toBe(3);
    expect(cache.totalBytes).toBe(60);
    let rebuilt = false;
    cache.get('b', 's', () => ((rebuilt = true), 'bbbbbbbb'));
    expect(rebuilt).toBe(true);
    expect(cache.get('a', 's', ten('y')).text).toBe('"aaaaaaaa"');
  });

  it('serves a body larger than its budget without keeping it', () => {
    const cache = new JsonBodyCache(5);
    expect(cache.get('big', 's', () => 'x'.repeat(100)).bytes).toBe(102);
    expect(cache.size).toBe(0);
    expect(cache.totalBytes).toBe(0);
  });
});

describe('notModified', () => {
  const etag = 'W/"abc"';

  it('matches If-None-Match weakly, in a list, or as *', () => {
    expect(notModified({ 'if-none-match': 'W/"abc"' }, etag)).toBe(true);
    expect(notModified({ 'if-none-match': '"abc"' }, etag)).toBe(true);
    expect(notModified({ 'if-none-match': '"x", W/"abc" ' }, etag)).toBe(true);
    expect(notModified({ 'if-none-match': '*' }, etag)).toBe(true);
    expect(notModified({ 'if-none-match': 'W/"abd"' }, etag)).toBe(false);
    expect(notModified({ 'if-none-match': 'abc' }, etag)).toBe(false);
  });

  it('is false without a condition or when the client bypasses caches', () => {
    expect(notModified({}, etag)).toBe(false);
    expect(notModified({ 'if-none-match': '' }, etag)).toBe(false);
    expect(notModified({ 'if-modified-since': 'Tue, 01 Dec 2026 00:00:00 GMT' }, etag)).toBe(false);
    expect(notModified({ 'if-none-match': etag, 'cache-control': 'no-cache' }, etag)).toBe(false);
    expect(
      notModified({ 'if-none-match': etag, 'cache-control': 'max-age=0, no-cache' }, etag),
    ).toBe(false);
    expect(notModified({ 'if-none-match': etag, 'cache-control': 'max-age=0' }, etag)).toBe(true);
  });
});
