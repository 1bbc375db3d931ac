import type { IncomingMessage } from 'node:http';

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
 * The default cap on a GraphQL request body (Apollo Router's default): large enough for any
 * hand-written operation, small enough that a hostile body costs little.
 */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Reads a POST body for Apollo: parsed JSON for `application/json` (and `+json`) bodies, otherwise
 * `undefined` (Apollo then answers 400, or its CSRF check blocks the request first).
 *
 * @throws BodyError 413 when the body exceeds `maxBytes` (checked on `Content-Length` before
 * reading, and while reading), 415 for a compressed body or a charset other than UTF-8,
 * 400 for malformed JSON.
 */
export async function readGraphQLBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  // Inflating would let a small gzip bomb become a huge body; clients send GraphQL uncompressed.
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    throw new BodyError(415, 'Compressed request bodies are not supported.');
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);

  const { essence, charset } = parseContentType(req.headers['content-type']);
  const isJson = essence === 'application/json' || essence.endsWith('+json');
  if (isJson && charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new BodyError(415, `Unsupported charset "${charset}": send UTF-8 JSON.`);
  }

  const raw = await readAll(req, maxBytes);
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
export function readAll(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
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
    const onClose = () =>
      onError(new Error('The client closed the connection before sending the whole body.'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
