import { EnvReader } from './env-reader.js';
import { loadConfig } from './load-config.js';
import { readWorkerConfig } from './worker.config.js';

describe('readWorkerConfig', () => {
  it('opens no metrics listener by default, and binds to loopback when one is asked for', () => {
    const env = new EnvReader({});
    expect(readWorkerConfig(env)).toEqual({ metricsPort: undefined, metricsHost: '127.0.0.1' });
    expect(env.issues).toEqual([]);
  });

  it.each([
    [{ WORKER_METRICS_PORT: '9464' }, { metricsPort: 9464, metricsHost: '127.0.0.1' }],
    [
      { WORKER_METRICS_PORT: '9464', WORKER_METRICS_HOST: '0.0.0.0' },
      { metricsPort: 9464, metricsHost: '0.0.0.0' },
    ],
    [
      { WORKER_METRICS_PORT: '65535', WORKER_METRICS_HOST: 'worker-1.cluster.local' },
      { metricsPort: 65535, metricsHost: 'worker-1.cluster.local' },
    ],
    [
      { WORKER_METRICS_PORT: '1', WORKER_METRICS_HOST: '::1' },
      { metricsPort: 1, metricsHost: '::1' },
    ],
    [{ WORKER_METRICS_PORT: ' ' }, { metricsPort: undefined, metricsHost: '127.0.0.1' }],
  ])('reads %j', (vars, expected) => {
    const env = new EnvReader(vars);
    expect(readWorkerConfig(env)).toEqual(expected);
    expect(env.issues).toEqual([]);
  });

  it.each([
    [{ WORKER_METRICS_PORT: '0' }, 'WORKER_METRICS_PORT'],
    [{ WORKER_METRICS_PORT: '65536' }, 'WORKER_METRICS_PORT'],
    [{ WORKER_METRICS_PORT: 'metrics' }, 'WORKER_METRICS_PORT'],
    [{ WORKER_METRICS_PORT: '9464.5' }, 'WORKER_METRICS_PORT'],
    [{ WORKER_METRICS_HOST: 'http://0.0.0.0' }, 'WORKER_METRICS_HOST'],
    [{ WORKER_METRICS_HOST: 'host:9464' }, 'WORKER_METRICS_HOST'],
    [{ WORKER_METRICS_HOST: 'bad_host' }, 'WORKER_METRICS_HOST'],
  ])('%j names %s', (vars, variable) => {
    const env = new EnvReader(vars);
    readWorkerConfig(env);
    expect(env.issues.map((i) => i.variable)).toEqual([variable]);
    expect(env.issues[0].problem).toContain(String(Object.values(vars)[0]));
  });
});

describe('the worker section in the configuration', () => {
  it('is validated with the others: a bad value is a ConfigError naming each variable', () => {
    expect(loadConfig({ WORKER_METRICS_PORT: '9100' }, ['worker']).worker.metricsPort).toBe(9100);
    expect(() =>
      loadConfig({ WORKER_METRICS_PORT: '-1', WORKER_METRICS_HOST: 'a b' }, ['worker']),
    ).toThrow(
      expect.objectContaining({
        name: 'ConfigError',
        message: expect.stringMatching(/WORKER_METRICS_HOST: .*\n.*WORKER_METRICS_PORT: /s),
      }),
    );
  });
});
