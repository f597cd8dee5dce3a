import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineSplitter, tailFile } from './tail.js';

describe('tailFile', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tail-spec-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function tail(content: string | Buffer, lines: number, extra = {}) {
    const file = join(dir, `f-${Math.random().toString(36).slice(2)}`);
    await writeFile(file, content);
    const handle = await open(file, 'r');
    try {
      return await tailFile(handle, { lines, ...extra });
    } finally {
      await handle.close();
    }
  }

  it('returns the last lines of a file ending with a newline', async () => {
    const result = await tail('a\nb\nc\nd\n', 2);
    expect(result.lines).toEqual(['c', 'd']);
    expect(result.truncated).toBe(true);
    expect(result.size).toBe(8);
  });

  it('keeps a last line without a final newline', async () => {
    expect((await tail('a\nb\nc', 2)).lines).toEqual(['b', 'c']);
  });

  it('returns the whole file when it has fewer lines than asked', async () => {
    const result = await tail('one\ntwo\n', 10);
    expect(result.lines).toEqual(['one', 'two']);
    expect(result.truncated).toBe(false);
  });

  it('handles empty files and empty lines', async () => {
    expect((await tail('', 5)).lines).toEqual([]);
    expect((await tail('\n\n', 5)).lines).toEqual(['', '']);
    expect((await tail('x\n\ny\n', 2)).lines).toEqual(['', 'y']);
  });

  it('reads across chunk boundaries and strips carriage returns', async () => {
    const content = Array.from({ length: 500 }, (_, i) => `line ${i}\r`).join('\n') + '\n';
    const result = await tail(content, 7, { chunkSize: 16 });
    expect(result.lines).toEqual(Array.from({ length: 7 }, (_, i) => `line ${493 + i}`));
  });

  it('never reads more than maxBytes from the end', async () => {
    const content = Array.from({ length: 1000 }, (_, i) => `l${String(i).padStart(4, '0')}`).join(
      '\n',
    );
    const result = await tail(content, 1000, { maxBytes: 60, chunkSize: 7 });
    // 60 bytes hold 10 complete 6-byte lines at most; the partial first piece is dropped.
    expect(result.lines.length).toBeLessThanOrEqual(10);
    expect(result.lines.at(-1)).toBe('l0999');
    expect(result.truncated).toBe(true);
  });

  it('keeps multi-byte characters intact', async () => {
    const result = await tail(Buffer.from('héllo\nwörld ✓\n'), 1, { chunkSize: 3 });
    expect(result.lines).toEqual(['wörld ✓']);
  });
});

describe('LineSplitter', () => {
  it('holds back a partial line until it completes', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('ab')).toEqual([]);
    expect(splitter.push('c\nde')).toEqual(['abc']);
    expect(splitter.push('f\r\ng\n')).toEqual(['def', 'g']);
    expect(splitter.push('tail')).toEqual([]);
    expect(splitter.flush()).toEqual(['tail']);
    expect(splitter.flush()).toEqual([]);
  });
});
