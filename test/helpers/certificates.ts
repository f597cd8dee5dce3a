/**
 * Throwaway PKI for client-certificate tests, made with openssl: a CA, a server certificate
 * for 127.0.0.1, client certificates signed by the CA, and a self-signed impostor.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Pki {
  dir: string;
  caFile: string;
  ca: Buffer;
  serverCertFile: string;
  serverKeyFile: string;
  /** PEM certificate and key of a client whose subject is `CN=<cn>`, signed by the CA. */
  client(cn: string): Promise<{ cert: Buffer; key: Buffer }>;
  /** A self-signed certificate with subject `CN=<cn>` (not from the CA). */
  impostor(cn: string): Promise<{ cert: Buffer; key: Buffer }>;
  remove(): Promise<void>;
}

const openssl = (args: string[], cwd: string) => run('openssl', args, { cwd });

/** `<name>.crt` and `<name>.key`: a self-signed certificate for `CN=<cn>`. */
const selfSigned = (dir: string, name: string, cn: string) =>
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${cn}`,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
    ],
    dir,
  );

export async function createPki(): Promise<Pki> {
  const dir = await mkdtemp(join(tmpdir(), 's9s-pki-'));
  await selfSigned(dir, 'ca', 's9s e2e CA');
  const signed = async (name: string, cn: string, extensions?: string) => {
    await openssl(
      [
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        `/CN=${cn}`,
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.csr`,
      ],
      dir,
    );
    const args = [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-out',
      `${name}.crt`,
    ];
    if (extensions) {
      await run('sh', ['-c', `printf '%s\\n' '${extensions}' > ${name}.ext`], { cwd: dir });
      args.push('-extfile', `${name}.ext`);
    }
    await openssl(args, dir);
    return {
      cert: await readFile(join(dir, `${name}.crt`)),
      key: await readFile(join(dir, `${name}.key`)),
    };
  };
  await signed('server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1');
  let count = 0;
  return {
    dir,
    caFile: join(dir, 'ca.crt'),
    ca: await readFile(join(dir, 'ca.crt')),
    serverCertFile: join(dir, 'server.crt'),
    serverKeyFile: join(dir, 'server.key'),
    client: (cn) => signed(`client${++count}`, cn, 'extendedKeyUsage=clientAuth'),
    impostor: async (cn) => {
      const name = `impostor${++count}`;
      await selfSigned(dir, name, cn);
      return {
        cert: await readFile(join(dir, `${name}.crt`)),
        key: await readFile(join(dir, `${name}.key`)),
      };
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface HttpsResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs read arbitrary JSON
  body: any;
}

/** GET over HTTPS trusting `ca`, optionally presenting a client certificate. */
export function httpsGet(
  url: string,
  options: { ca: Buffer; cert?: Buffer; key?: Buffer; headers?: Record<string, string> },
): Promise<HttpsResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        ca: options.ca,
        cert: options.cert,
        key: options.key,
        headers: options.headers,
        agent: false,
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.end();
  });
}
