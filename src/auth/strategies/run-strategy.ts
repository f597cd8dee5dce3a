/** What a passport strategy concluded about a request. */
export type StrategyOutcome<T> =
  | { kind: 'success'; user: T }
  | { kind: 'fail'; reason: string }
  | { kind: 'error'; error: unknown };

/** The only part of a request the strategies may look at (never query or body). */
export interface CredentialRequest {
  headers: { authorization?: string };
}

/** Any passport strategy (passport-jwt, passport-http-bearer, ...). */
export interface PassportStrategyLike {
  authenticate(req: never, options?: object): void;
}

interface StrategyActions {
  success(user: unknown): void;
  fail(challenge?: unknown, status?: number): void;
  error(err: unknown): void;
  pass(): void;
  redirect(url: string): void;
}

/**
 * Runs one passport strategy without passport's global registry or sessions, the way passport's
 * own middleware does: a per-call object inheriting from the strategy gets the action callbacks.
 * The request handed over carries only the Authorization header, so strategies that would also
 * read `access_token` from the query string or body (tokens in URLs end up in logs) cannot.
 */
export function runStrategy<T>(
  strategy: PassportStrategyLike,
  authorization: string,
): Promise<StrategyOutcome<T>> {
  return new Promise((resolve) => {
    const call = Object.create(strategy) as PassportStrategyLike & StrategyActions;
    call.success = (user) => resolve({ kind: 'success', user: user as T });
    call.fail = (challenge) => resolve({ kind: 'fail', reason: describe(challenge) });
    call.error = (error) => resolve({ kind: 'error', error });
    call.pass = () => resolve({ kind: 'fail', reason: 'no credentials' });
    call.redirect = () => resolve({ kind: 'fail', reason: 'unexpected redirect' });
    const request: CredentialRequest = { headers: { authorization } };
    try {
      call.authenticate(request as never, {});
    } catch (error: unknown) {
      resolve({ kind: 'error', error });
    }
  });
}

function describe(challenge: unknown): string {
  if (challenge instanceof Error) return challenge.message;
  if (typeof challenge === 'string') {
    // passport-http-bearer fails with a WWW-Authenticate challenge string.
    return /error_description="([^"]*)"/.exec(challenge)?.[1] ?? challenge;
  }
  if (challenge && typeof challenge === 'object' && 'message' in challenge) {
    return String(challenge.message);
  }
  return 'invalid credentials';
}
