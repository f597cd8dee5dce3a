import {
  acceptRequestId,
  currentRequestId,
  newRequestId,
  requestContext,
} from './request-context.js';

describe('request ids', () => {
  it('keeps a sane incoming id', () => {
    expect(acceptRequestId('abc-123')).toBe('abc-123');
    expect(acceptRequestId(['trace.1:2', 'other'])).toBe('trace.1:2');
  });

  it.each([undefined, '', 'has space', '<script>', 'x'.repeat(200), '-leading'])(
    'replaces %j with a generated one',
    (incoming) => {
      expect(acceptRequestId(incoming)).toMatch(/^req_[A-Za-z0-9_-]{20,}$/);
    },
  );

  it('never repeats an id', () => {
    const ids = Array.from({ length: 10_000 }, () => newRequestId());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries the id through async calls', async () => {
    const seen = await requestContext.run({ requestId: 'req_ctx' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentRequestId();
    });
    expect(seen).toBe('req_ctx');
    expect(currentRequestId()).toBeUndefined();
  });
});
