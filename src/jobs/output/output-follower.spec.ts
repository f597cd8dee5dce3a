import { appendFile, mkdtemp, open, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenedOutput } from './output-file.js';
import { followOutput, type OutputEvent } from './output-follower.js';

describe('followOutput', () => {
  let dir: string;
  let file: string;
  let ended: boolean;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'follow-spec-'));
    file = join(dir, 'out');
    ended = false;
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const openFile = async (): Promise<OpenedOutput> => {
    try {
      const handle = await open(file, 'r');
      return { kind: 'open', handle, size: (await handle.stat()).size };
    } catch {
      return { kind: 'missing' };
    }
  };

  async function collect(
    from: number,
    act: (events: OutputEvent[]) => Promise<void>,
    signal?: AbortSignal,
  ) {
    const events: OutputEvent[] = [];
    const run = (async () => {
      for await (const event of followOutput({
        open: openFile,
        from,
        pollMs: 10,
        jobEnded: () => ({ ended, state: ended ? 'COMPLETED' : 'RUNNING' }),
        signal: signal ?? new AbortController().signal,
        maxBytesPerPoll: 8,
      })) {
        events.push(event);
      }
    })();
    await act(events);
    await run;
    return events;
  }

  const tick = () => new Promise((resolve) => setTimeout(resolve, 40));

  it('streams appended lines, waits for a missing file, flushes the rest at the end', async () => {
    const events = await collect(0, async () => {
      await tick();
      await writeFile(file, 'one\ntw');
      await tick();
      await appendFile(file, 'o\nthree\nlast without newline');
      ended = true;
    });
    expect(events).toEqual([
      { type: 'line', line: 'one' },
      { type: 'line', line: 'two' },
      { type: 'line', line: 'three' },
      { type: 'line', line: 'last without newline' },
      { type: 'end', state: 'COMPLETED' },
    ]);
  });

  it('continues after the given offset and restarts after a truncation', async () => {
    await writeFile(file, 'already sent\n');
    const events = await collect(13, async () => {
      await appendFile(file, 'new\n');
      await tick();
      await truncate(file, 0);
      await tick();
      await writeFile(file, 'again\n');
      await tick();
      ended = true;
    });
    expect(events).toEqual([
      { type: 'line', line: 'new' },
      { type: 'reset' },
      { type: 'line', line: 'again' },
      { type: 'end', state: 'COMPLETED' },
    ]);
  });

  it('stops when aborted', async () => {
    const abort = new AbortController();
    const events = await collect(
      0,
      async () => {
        await writeFile(file, 'x\n');
        await tick();
        abort.abort();
      },
      abort.signal,
    );
    expect(events).toEqual([{ type: 'line', line: 'x' }]);
  });
});
