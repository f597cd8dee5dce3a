import { createPersonalTokenStrategy } from './personal-token.strategy.js';
import { runStrategy } from './run-strategy.js';

describe('personal access tokens through passport-http-bearer', () => {
  const strategy = createPersonalTokenStrategy((token) =>
    Promise.resolve(
      token === 's9sp_good'
        ? { ok: true, value: { id: 'p1' } }
        : { ok: false, reason: 'token revoked' },
    ),
  );

  it('hands the bearer token to the verifier and succeeds with its value', async () => {
    expect(await runStrategy(strategy, 'Bearer s9sp_good')).toEqual({
      kind: 'success',
      user: { id: 'p1' },
    });
  });

  it('fails with the verifier reason', async () => {
    expect(await runStrategy(strategy, 'Bearer s9sp_bad')).toEqual({
      kind: 'fail',
      reason: 'token revoked',
    });
  });

  it('fails without a bearer token (no query or body fallback)', async () => {
    expect((await runStrategy(strategy, '')).kind).toBe('fail');
    expect((await runStrategy(strategy, 'Basic abc')).kind).toBe('fail');
  });

  it('reports verifier errors as errors, not as authentication', async () => {
    const broken = createPersonalTokenStrategy(() => Promise.reject(new Error('db down')));
    const outcome = await runStrategy(broken, 'Bearer s9sp_x');
    expect(outcome.kind).toBe('error');
  });
});
