import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';

/** Why a request body could not be used; the HTTP handler turns it into a JSON error response. */
export class BodyError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'BodyError';
    this.status = status;
  }
}

/**
 * The default cap on a GraphQL request body, compressed or inflated (`MAX_BODY_BYTES`): large
 * enough for any hand-written operation and its variables, small enough that a hostile body costs
 * little.
 */
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

/** A request body stream with its headers: an `IncomingMessage`, or a stand-in in tests. */
export type BodyStream = Readable & Pick<IncomingMessage, 'headers'>;

/** The `Content-Encoding`s a request body may use, and the inflater of each. */
const INFLATERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Reads a POST body for Apollo: parsed JSON for `application/json` (and `+json`) bodies, otherwise
 * `undefined` (Apollo then answers 400, or its CSRF check blocks the request first). A body with
 * `Content-Encoding: gzip`, `deflate` or `br` is inflated as it streams in, and `maxBytes` caps
 * both the bytes received and the bytes inflated, so a small compression bomb is stopped after
 * at most `maxBytes` (plus one inflater chunk) of output.
 *
 * @throws BodyError 413 when the body (as sent, or inflated) exceeds `maxBytes`: checked on
 * `Content-Length` before reading, and while reading, which then stops; 415 for another
 * `Content-Encoding` or a charset other than UTF-8; 400 for corrupt compressed data or malformed
 * JSON.
 */
export async function readGraphQLBody(req: BodyStream, maxBytes: number): Promise<unknown> {
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  const hasEncoding = encoding !== undefined && encoding !== '' && encoding !== 'identity';
  const createInflater = hasEncoding ? INFLATERS[encoding] : undefined;
  if (hasEncoding && createInflater === undefined) {
    throw new BodyError(
      415,
      `Unsupported Content-Encoding "${encoding}": use gzip, deflate or br.`,
    );
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);

  const { essence, charset } = parseContentType(req.headers['content-type']);
  const isJson = essence === 'application/json' || essence.endsWith('+json');
  if (isJson && charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new BodyError(415, `Unsupported charset "${charset}": send UTF-8 JSON.`);
  }

  const raw =
    createInflater === undefined
      ? await readAll(req, maxBytes)
      : await readInflated(req, createInflater(), maxBytes);
  if (!isJson || raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new BodyError(400, 'The request body is not valid JSON.');
  }
}

function tooLarge(maxBytes: number): BodyError {
  return new BodyError(413, `The request body is larger than ${maxBytes} bytes.`);
}

function parseContentType(header: string | undefined): {
  essence: string;
  charset: string | undefined;
} {
  const [essence = '', ...params] = (header ?? '')
    .split(';')
    .map((part) => part.trim().toLowerCase());
  const charset = params.find((param) => param.startsWith('charset='))?.slice('charset='.length);
  return { essence, charset: charset?.replace(/^"(.*)"$/, '$1') };
}

/**
 * Reads a request body as raw bytes (the webhooks receiver verifies signatures over them).
 * @throws BodyError 413 as soon as more than `maxBytes` arrived (reading stops), or the stream's
 * error (e.g. the client closed the connection before the end).
 */
export function readAll(req: Readable, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        // Stop reading: the handler answers 413 and closes the connection.
        req.pause();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => onError(closedEarly());
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * Pipes `req` through `inflater`, counting bytes on both sides; past `maxBytes` on either side it
 * stops reading and destroys the inflater at once, so the rest is neither read nor inflated.
 */
function readInflated(req: Readable, inflater: Transform, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let inflated = 0;
    let requestEnded = false;
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', settle);
      req.off('close', onClose);
      req.unpipe(inflater);
      if (error === undefined) {
        resolve(Buffer.concat(chunks));
        return;
      }
      req.pause();
      inflater.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) settle(tooLarge(maxBytes));
    };
    const onEnd = () => {
      requestEnded = true;
    };
    // `close` also follows a complete body, while the inflater may still be flushing.
    const onClose = () => {
      if (!requestEnded) settle(closedEarly());
    };
    inflater.on('data', (chunk: Buffer) => {
      if (settled) return;
      inflated += chunk.length;
      if (inflated > maxBytes) {
        settle(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    inflater.on('end', () => settle());
    // Stays attached after settling: a late zlib error must not become an uncaught exception.
    inflater.on('error', () =>
      settle(new BodyError(400, 'The compressed request body is corrupt.')),
    );
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', settle);
    req.on('close', onClose);
    req.pipe(inflater);
  });
}

function closedEarly(): Error {
  return new Error('The client closed the connection before sending the whole body.');
}
