import type { IncomingMessage } from 'node:http';

/** The largest request body the simulator reads (Pi documents no limit; this guards memory). */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

/** Thrown by {@link readBody} when a body exceeds {@link MAX_BODY_BYTES}; answered with 413. */
export class BodyTooLargeError extends Error {
  constructor() {
    super(`Request body exceeds ${MAX_BODY_BYTES} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a request body into one buffer. Rejects with {@link BodyTooLargeError} past the limit
 * (the rest is drained, not kept), or with an `Error` when the client goes away mid-body.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData);
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}
