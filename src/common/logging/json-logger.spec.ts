import { jest } from '@jest/globals';
import { requestContext } from '../http/request-context.js';
import { createLogger, JsonLogger, logLevelsFor } from './json-logger.js';

function capture(run: (logger: JsonLogger) => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0);
  try {
    run(createLogger('info', 'json') as JsonLogger);
  } finally {
    spy.mockRestore();
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with the request id of the current request', () => {
    const [entry] = capture((logger) =>
      requestContext.run({ requestId: 'req_log' }, () => logger.log('hello', 'Test')),
    );
    expect(entry).toMatchObject({
      level: 'log',
      message: 'hello',
      context: 'Test',
      request_id: 'req_log',
    });
  });

  it('spreads structured params and masks secrets', () => {
    const [entry] = capture((logger) =>
      logger.log('login', { user: 'alice', password: 'hunter2', api_key: 's9s_secret' }, 'Auth'),
    );
    expect(entry).toMatchObject({ message: 'login', user: 'alice' });
    expect(JSON.stringify(entry)).not.toContain('hunter2');
    expect(JSON.stringify(entry)).not.toContain('s9s_secret');
  });

  it('has no request id outside a request', () => {
    const [entry] = capture((logger) => logger.log('boot', 'Bootstrap'));
    expect(entry.request_id).toBeUndefined();
  });
});

describe('logLevelsFor', () => {
  it('enables the level and everything more severe', () => {
    expect(logLevelsFor('warn')).toEqual(['fatal', 'error', 'warn']);
    expect(logLevelsFor('info')).toEqual(['fatal', 'error', 'warn', 'log']);
    expect(logLevelsFor('verbose')).toHaveLength(6);
  });
});
