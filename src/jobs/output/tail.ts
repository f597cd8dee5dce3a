import type { FileHandle } from 'node:fs/promises';

export interface TailOptions {
  /** Lines wanted from the end. */
  lines: number;
  /** Read at most this many bytes from the end, whatever the line count (default 8 MiB). */
  maxBytes?: number;
  /** Bytes read per step backwards (default 64 KiB). */
  chunkSize?: number;
}

export interface TailResult {
  lines: string[];
  /** Size of the file when it was read. */
  size: number;
  /** Byte offset just after the last line returned: where a follower continues. */
  end: number;
  /** True when older content exists before the first line returned. */
  truncated: boolean;
}

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
const DEFAULT_CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * The last `lines` lines of an open file, read backwards chunk by chunk so a huge file is
 * never read whole. A final newline ends the last line; it does not start an empty one.
 */
export async function tailFile(handle: FileHandle, options: TailOptions): Promise<TailResult> {
  const { size } = await handle.stat();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  if (options.lines <= 0 || size === 0) {
    return { lines: [], size, end: size, truncated: size > 0 };
  }
  const chunks: Buffer[] = [];
  let position = size;
  let newlines = 0;
  let skipFinal = true;
  // One more newline than lines wanted marks where the first wanted line starts.
  while (position > 0 && newlines <= options.lines && size - position < maxBytes) {
    const length = Math.min(chunkSize, position, maxBytes - (size - position));
    position -= length;
    const chunk = Buffer.alloc(length);
    await readFully(handle, chunk, position);
    for (let i = length - 1; i >= 0; i -= 1) {
      if (chunk[i] !== NEWLINE) {
        skipFinal = false;
        continue;
      }
      if (skipFinal && position + i === size - 1) {
        continue;
      }
      newlines += 1;
    }
    chunks.unshift(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const all = body.split('\n');
  const reachedStart = position === 0;
  // Without reaching the start, the first piece is a partial line (or the one before ours).
  const complete = reachedStart ? all : all.slice(1);
  const lines = complete.slice(-options.lines).map(stripCarriageReturn);
  const truncated = !reachedStart || complete.length > lines.length;
  return { lines, size, end: size, truncated };
}

async function readFully(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesRead } = await handle.read(
      buffer,
      offset,
      buffer.length - offset,
      position + offset,
    );
    if (bytesRead === 0) {
      throw new Error('file shrank while it was being read');
    }
    offset += bytesRead;
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/**
 * Splits appended bytes into complete lines, keeping a trailing partial line for the next
 * call (used while following a growing file).
 */
export class LineSplitter {
  private pending = '';

  push(text: string): string[] {
    const parts = (this.pending + text).split('\n');
    this.pending = parts.pop() ?? '';
    return parts.map(stripCarriageReturn);
  }

  /** The partial line left over, emitted when the stream ends. */
  flush(): string[] {
    const rest = this.pending;
    this.pending = '';
    return rest === '' ? [] : [stripCarriageReturn(rest)];
  }
}
