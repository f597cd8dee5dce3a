/**
 * Incremental splitter for one big array inside a JSON object, e.g. the `jobs` of
 * `{"meta":{...},"jobs":[{...},{...}],"errors":[]}`.
 *
 * slurmrestd answers a job list of a busy cluster with 150 MB of JSON; parsing that in one
 * `JSON.parse` blocks the event loop for seconds and holds the whole text and tree. Fed
 * chunk by chunk, this scanner hands each array element to `onItem` as soon as it is
 * complete (parsed on its own, a few KB), and keeps the rest of the object (meta, errors,
 * warnings, last_update) with the array emptied, parsed by `end()`.
 *
 * It scans bytes: every structural character of JSON is ASCII and never occurs inside a
 * multi-byte UTF-8 sequence, so chunk borders may fall anywhere.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

type Mode = 'outside' | 'array' | 'done';

export class JsonArraySplitter {
  private readonly keyBytes: Buffer;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private mode: Mode = 'outside';
  /** Depth inside the target array (its elements start at this depth). */
  private arrayDepth = -1;
  /** Top-level key capture. */
  private expectKey = false;
  private capturingKey = false;
  private keyParts: number[] = [];
  private lastKey: Buffer | null = null;
  private armed = false;
  /** Current element. */
  private itemParts: Buffer[] = [];
  private inItem = false;
  private itemIsScalar = false;
  private readonly restParts: Buffer[] = [];
  private count = 0;

  constructor(
    key: string,
    private readonly onItem: (item: unknown) => void,
  ) {
    this.keyBytes = Buffer.from(key, 'utf8');
  }

  /** Number of elements emitted so far. */
  get items(): number {
    return this.count;
  }

  write(chunk: Buffer): void {
    let restStart = this.mode === 'array' ? -1 : 0;
    let itemStart = this.inItem ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.mode === 'array' && this.depth === this.arrayDepth && !this.inItem) {
        if (isSpace(byte) || byte === COMMA) continue;
        if (byte === CLOSE_BRACKET) {
          this.mode = 'done';
          this.depth--;
          restStart = i;
          continue;
        }
        this.inItem = true;
        this.itemIsScalar = byte !== OPEN_BRACE && byte !== OPEN_BRACKET && byte !== QUOTE;
        itemStart = i;
      }
      if (this.inItem && this.itemIsScalar && this.depth === this.arrayDepth) {
        if (isSpace(byte) || byte === COMMA || byte === CLOSE_BRACKET) {
          this.finishItem(chunk.subarray(itemStart, i));
          itemStart = -1;
          i--; // let the delimiter be handled as between elements
          continue;
        }
        continue;
      }
      if (this.inString) {
        if (this.capturingKey && !(byte === QUOTE && !this.escaped)) this.keyParts.push(byte);
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) {
          this.inString = false;
          if (this.capturingKey) {
            this.capturingKey = false;
            this.lastKey = Buffer.from(this.keyParts);
            this.keyParts = [];
            this.expectKey = false;
          }
          if (this.inItem && this.depth === this.arrayDepth) {
            this.finishItem(chunk.subarray(itemStart, i + 1));
            itemStart = -1;
          }
        }
        continue;
      }
      switch (byte) {
        case QUOTE:
          this.inString = true;
          this.armed = false;
          if (this.mode !== 'array' && this.depth === 1 && this.expectKey) {
            this.capturingKey = true;
            this.keyParts = [];
          }
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          this.depth++;
          if (this.mode === 'outside' && this.depth === 2 && this.armed) {
            this.armed = false;
            if (byte === OPEN_BRACKET) {
              this.mode = 'array';
              this.arrayDepth = this.depth;
              this.restParts.push(chunk.subarray(restStart, i + 1));
              restStart = -1;
            }
          } else if (this.depth === 1 && byte === OPEN_BRACE) {
            this.expectKey = true;
          }
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          this.depth--;
          if (this.inItem && this.depth === this.arrayDepth) {
            this.finishItem(chunk.subarray(itemStart, i + 1));
            itemStart = -1;
          }
          break;
        case COMMA:
          if (this.depth === 1 && this.mode !== 'array') this.expectKey = true;
          break;
        case COLON:
          if (this.depth === 1 && this.mode === 'outside') {
            this.armed = this.lastKey !== null && this.lastKey.equals(this.keyBytes);
          }
          break;
        default:
          if (this.armed && !isSpace(byte)) this.armed = false;
      }
    }
    if (this.inItem && itemStart >= 0) this.itemParts.push(chunk.subarray(itemStart));
    if (this.mode !== 'array' && restStart >= 0) this.restParts.push(chunk.subarray(restStart));
  }

  /** Parse what remains of the object (the array left empty). Throws on truncated input. */
  end(): Record<string, unknown> {
    if (this.inItem && this.itemIsScalar) {
      this.finishItem(Buffer.alloc(0));
    }
    const text = Buffer.concat(this.restParts).toString('utf8');
    if (this.depth !== 0 || this.inString || this.mode === 'array') {
      throw new SyntaxError('Truncated JSON document');
    }
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new SyntaxError('Expected a JSON object');
    }
    return value as Record<string, unknown>;
  }

  private finishItem(last: Buffer): void {
    this.itemParts.push(last);
    const text = Buffer.concat(this.itemParts).toString('utf8');
    this.itemParts = [];
    this.inItem = false;
    this.count++;
    this.onItem(JSON.parse(text));
  }
}
