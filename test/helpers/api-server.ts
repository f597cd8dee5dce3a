/**
 * Starts the BUILT API (`node dist/src/main.js`) as a real process on a free port, with the
 * stack environment (DATABASE_URL = the test database, see load-stack-env.ts) plus overrides.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../..');
/** The build under test: dist/, or E2E_DIST_DIR (a private build, when several people share dist/). */
export function distDir(): string {
  return resolve(REPO, process.env.E2E_DIST_DIR ?? 'dist');
}

const MAIN = resolve(distDir(), 'src/main.js');

export interface ApiProcess {
  child: ChildProcess;
  port: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export interface ApiServer {
  url: string;
  port: number;
  pid: number;
  /** SIGTERM to this process only, then waits for it; resolves with the exit code. */
  stop(): Promise<number | null>;
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Spawns the API (or another dist entry point) without waiting for it to be ready. */
export async function spawnApi(
  env: Record<string, string> = {},
  entry: string = MAIN,
): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd: REPO,
    // ANON_RATE_LIMIT: suites hammering public routes must not throttle each other.
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ANON_RATE_LIMIT: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  // Never leave a server behind when a test run ends abruptly.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));
  return { child, port, output: () => output, exited };
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Starts the API and resolves once GET /v1/status answers (whatever its status). */
export async function startApi(
  env: Record<string, string> = {},
  { timeoutMs = 90_000 }: { timeoutMs?: number } = {},
): Promise<ApiServer> {
  const api = await spawnApi(env);
  const url = `http://127.0.0.1:${api.port}`;
  let exitCode: number | null | undefined;
  void api.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(`${url}/v1/status`))) {
    if (exitCode !== undefined) {
      throw new Error(`API exited with ${exitCode} before answering:\n${api.output()}`);
    }
    if (Date.now() > deadline) {
      api.child.kill('SIGKILL');
      throw new Error(`API did not answer within ${timeoutMs} ms:\n${api.output()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port: api.port,
    pid: api.child.pid ?? -1,
    output: api.output,
    stop: async () => {
      if (exitCode !== undefined) return exitCode;
      api.child.kill('SIGTERM');
      const timer = setTimeout(() => api.child.kill('SIGKILL'), 20_000);
      const code = await api.exited;
      clearTimeout(timer);
      return code;
    },
  };
}
