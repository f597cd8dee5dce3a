import { setTimeout as sleep } from 'node:timers/promises';
import { LineSplitter } from './tail.js';
import type { OpenedOutput } from './output-file.js';

export type OutputEvent =
  | { type: 'open'; jobId: string; stream: 'output' | 'error'; path: string }
  | { type: 'line'; line: string }
  | { type: 'reset' }
  | { type: 'end'; state: string | null };

export interface FollowOptions {
  /** Opens the file with the access rules applied (each poll: the file may appear or be replaced). */
  open: () => Promise<OpenedOutput>;
  /** Byte offset to continue from (the end of the tail already sent). */
  from: number;
  pollMs: number;
  /** Whether the job has ended, and its final state. */
  jobEnded: () => { ended: boolean; state: string | null };
  signal: AbortSignal;
  /** Most bytes read per poll, so one burst of output cannot hold the process. */
  maxBytesPerPoll?: number;
}

const DEFAULT_MAX_BYTES_PER_POLL = 1024 * 1024;

/**
 * New lines of a growing output file until the job ends (then the rest of the file and an
 * `end` event) or `signal` aborts. A file that shrinks was truncated or replaced: `reset`,
 * then it is read from its start. Used by the SSE route and usable by a WebSocket channel.
 */
export async function* followOutput(options: FollowOptions): AsyncGenerator<OutputEvent> {
  const maxBytes = options.maxBytesPerPoll ?? DEFAULT_MAX_BYTES_PER_POLL;
  const splitter = new LineSplitter();
  const decoder = new TextDecoder('utf-8');
  let position = options.from;
  while (!options.signal.aborted) {
    // Checked before reading: lines written before the job ended are still read below.
    const status = options.jobEnded();
    let more = true;
    while (more && !options.signal.aborted) {
      const opened = await options.open();
      if (opened.kind !== 'open') break;
      try {
        if (opened.size < position) {
          position = 0;
          splitter.flush();
          yield { type: 'reset' };
        }
        const length = Math.min(opened.size - position, maxBytes);
        more = status.ended && opened.size - position > maxBytes;
        if (length <= 0) break;
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await opened.handle.read(buffer, 0, length, position);
        position += bytesRead;
        const text = decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
        for (const line of splitter.push(text)) yield { type: 'line', line };
      } finally {
        await opened.handle.close();
      }
    }
    if (status.ended) {
      for (const line of splitter.push(decoder.decode())) yield { type: 'line', line };
      for (const line of splitter.flush()) yield { type: 'line', line };
      yield { type: 'end', state: status.state };
      return;
    }
    try {
      await sleep(options.pollMs, undefined, { signal: options.signal });
    } catch {
      return;
    }
  }
}
