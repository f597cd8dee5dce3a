import { Strategy as BearerStrategy } from 'passport-http-bearer';
import type { PassportStrategyLike } from './run-strategy.js';

/** The verifier answers the principal-like value, or a reason when the token is not valid. */
export type TokenVerifier<T> = (
  token: string,
) => Promise<{ ok: true; value: T } | { ok: false; reason: string }>;

/** passport-http-bearer for personal access tokens (`s9sp_...`), checked by `verify`. */
export function createPersonalTokenStrategy<T>(verify: TokenVerifier<T>): PassportStrategyLike {
  return new BearerStrategy((token, done) => {
    verify(token).then(
      (result) => {
        if (result.ok) done(null, result.value);
        else done(null, false, result.reason);
      },
      (error: unknown) => done(error),
    );
  });
}
