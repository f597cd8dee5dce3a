import { constants } from 'node:fs';
import { open, readFile, realpath, type FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';

export type OpenedOutput =
  | { kind: 'open'; handle: FileHandle; size: number }
  | { kind: 'missing' }
  | { kind: 'refused'; reason: string };

export interface OutputFileRules {
  /** Root of the cluster's filesystem on the gateway host ("" or undefined = "/"). */
  root: string | undefined;
  /** Uid the file must belong to (the job's user); null when unknown. */
  uid: number | null;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Opens a job's output file for reading, refusing what a job of that user cannot have
 * written: anything resolving outside the cluster's root (symlinks), anything but a regular
 * file, and files owned by another user (a user could otherwise point their output path at
 * a symlink to a file only the gateway may read).
 */
export async function openOutputFile(path: string, rules: OutputFileRules): Promise<OpenedOutput> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    if (isMissing(error)) return { kind: 'missing' };
    throw error;
  }
  if (rules.root) {
    const root = await realpath(rules.root);
    if (real !== root && !real.startsWith(root.endsWith('/') ? root : `${root}/`)) {
      return { kind: 'refused', reason: 'the path leads outside the cluster filesystem' };
    }
  }
  let handle: FileHandle;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if (isMissing(error)) return { kind: 'missing' };
    throw error;
  }
  const stat = await handle.stat();
  const refusal = !stat.isFile()
    ? 'it is not a regular file'
    : rules.uid !== null
      ? stat.uid !== rules.uid
        ? "it does not belong to the job's user"
        : null
      : stat.uid === 0
        ? 'it belongs to root'
        : null;
  if (refusal !== null) {
    await handle.close();
    return { kind: 'refused', reason: refusal };
  }
  return { kind: 'open', handle, size: stat.size };
}

const passwdCache = new Map<string, { at: number; users: Map<string, number> }>();
const PASSWD_TTL_MS = 60_000;

/** Uid of `user` in the passwd file of the cluster's root; null when not listed. */
export async function lookupUid(user: string, root: string | undefined): Promise<number | null> {
  const file = posix.join(root || '/', 'etc/passwd');
  let cached = passwdCache.get(file);
  if (!cached || Date.now() - cached.at > PASSWD_TTL_MS) {
    const users = new Map<string, number>();
    try {
      for (const line of (await readFile(file, 'utf8')).split('\n')) {
        const [name, , uid] = line.split(':');
        if (name && uid && /^\d+$/.test(uid)) users.set(name, Number(uid));
      }
    } catch {
      // No passwd file under this root: uids stay unknown.
    }
    cached = { at: Date.now(), users };
    passwdCache.set(file, cached);
  }
  return cached.users.get(user) ?? null;
}
