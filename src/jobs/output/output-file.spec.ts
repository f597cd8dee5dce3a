import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lookupUid, openOutputFile } from './output-file.js';

describe('openOutputFile', () => {
  let root: string;
  const uid = process.getuid?.() ?? 0;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'output-file-spec-'));
    await mkdir(join(root, 'tmp'));
    await mkdir(join(root, 'etc'));
    await writeFile(join(root, 'tmp/job.out'), 'hello\n');
    await writeFile(
      join(root, 'etc/passwd'),
      'root:x:0:0::/root:/bin/sh\nalice:x:1001:1001::/home/alice:/bin/sh\n',
    );
    await writeFile(join(tmpdir(), 'outside-secret'), 'secret');
    await symlink(join(tmpdir(), 'outside-secret'), join(root, 'tmp/escape.out'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(join(tmpdir(), 'outside-secret'), { force: true });
  });

  it('opens a regular file of the expected owner inside the root', async () => {
    const opened = await openOutputFile(join(root, 'tmp/job.out'), { root, uid });
    expect(opened.kind).toBe('open');
    if (opened.kind === 'open') {
      expect(opened.size).toBe(6);
      await opened.handle.close();
    }
  });

  it('reports missing files', async () => {
    expect(await openOutputFile(join(root, 'tmp/none.out'), { root, uid })).toEqual({
      kind: 'missing',
    });
    expect(await openOutputFile(join(root, 'tmp/job.out/x'), { root, uid })).toEqual({
      kind: 'missing',
    });
  });

  it('refuses symlinks out of the root, directories and files of another user', async () => {
    expect((await openOutputFile(join(root, 'tmp/escape.out'), { root, uid })).kind).toBe(
      'refused',
    );
    expect((await openOutputFile(join(root, 'tmp'), { root, uid })).kind).toBe('refused');
    expect(await openOutputFile(join(root, 'tmp/job.out'), { root, uid: uid + 1 })).toEqual({
      kind: 'refused',
      reason: "it does not belong to the job's user",
    });
  });
});

describe('lookupUid', () => {
  it("reads the uid from the cluster root's passwd file", async () => {
    const root = await mkdtemp(join(tmpdir(), 'passwd-spec-'));
    await mkdir(join(root, 'etc'));
    await writeFile(join(root, 'etc/passwd'), 'alice:x:1001:1001::/home/alice:/bin/sh\n');
    expect(await lookupUid('alice', root)).toBe(1001);
    expect(await lookupUid('nobody-here', root)).toBeNull();
    expect(await lookupUid('alice', join(root, 'missing'))).toBeNull();
    await rm(root, { recursive: true, force: true });
  });
});
