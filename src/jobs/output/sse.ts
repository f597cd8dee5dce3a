import type { Request, Response } from 'express';
import type { OutputEvent } from './output-follower.js';

const HEARTBEAT_MS = 15_000;

function write(res: Response, text: string): Promise<void> {
  if (res.write(text)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** One Server-Sent Event per output event: "open", "line", "reset", "end". */
export function toSse(event: OutputEvent): string {
  switch (event.type) {
    case 'open':
      return `event: open\ndata: ${JSON.stringify({ job_id: event.jobId, stream: event.stream, path: event.path })}\n\n`;
    case 'line':
      return `event: line\ndata: ${event.line}\n\n`;
    case 'reset':
      return 'event: reset\ndata: {}\n\n';
    case 'end':
      return `event: end\ndata: ${JSON.stringify({ state: event.state })}\n\n`;
  }
}

/**
 * Sends `events` as text/event-stream, with a comment line every 15 s so proxies keep the
 * connection, and stops (aborting `abort`) when the client goes away.
 */
export async function sendSse(
  req: Request,
  res: Response,
  events: AsyncIterable<OutputEvent>,
  abort: AbortController,
): Promise<void> {
  req.on('close', () => abort.abort());
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  try {
    for await (const event of events) await write(res, toSse(event));
  } finally {
    clearInterval(heartbeat);
    res.end();
  }
}
