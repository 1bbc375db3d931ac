import { Agent } from 'undici';
import type { Dispatcher } from 'undici';

/** One request the gateway sent upstream, as it left the Pi client. */
export interface RecordedRequest {
  method: string;
  /** The path without its query string, e.g. `/api/v1/jobs/<id>`. */
  path: string;
  query: URLSearchParams;
  /** Every `expand` value (Pi takes one; more than one would be a gateway bug worth seeing). */
  expand: string[];
  include: string[];
  /** The comma-separated `fields` split into names, or `undefined` when none was sent. */
  fields: string[] | undefined;
  authorization: string | undefined;
  /** Every request header, by lowercase name (e.g. `idempotency-key`, forwarded BYOK headers). */
  headers: Record<string, string>;
  /** The request body as sent (the Pi client sends JSON strings), if any. */
  body: string | undefined;
  /** The response's status, once it arrived. */
  status?: number;
  /** The response's `X-Request-Id`, once it arrived. */
  responseRequestId?: string;
  /** The response's `X-RateLimit-*` figures, when it carried them. */
  rateLimit?: { limit: number; remaining: number; reset: number };
  /** Why the request failed without a complete response (e.g. aborted, socket closed). */
  error?: Error;
}

export interface RecordingDispatcher {
  /** Pass as the Pi client's `dispatcher`. */
  dispatcher: Dispatcher;
  /** Every request so far, in dispatch order. */
  readonly requests: RecordedRequest[];
  /** Requests whose path matches, e.g. `upstream.matching(/^\/api\/v1\/jobs\//)`. */
  matching(path: RegExp | string): RecordedRequest[];
  /** Forgets what was recorded (call between tests). */
  clear(): void;
  close(): Promise<void>;
}

/**
 * An undici `Agent` composed with an interceptor that records each request (method, path,
 * `expand`/`include`/`fields`, `Authorization`) and its response's status and `X-Request-Id`,
 * so GraphQL tests can assert the exact upstream traffic of an operation.
 */
export function createRecordingDispatcher(): RecordingDispatcher {
  const requests: RecordedRequest[] = [];
  const agent = new Agent();
  const record: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
    const entry = toRecord(options);
    requests.push(entry);
    return dispatch(options, observeResponse(handler, entry));
  };
  return {
    dispatcher: agent.compose(record),
    requests,
    matching: (path) =>
      requests.filter((request) =>
        typeof path === 'string' ? request.path === path : path.test(request.path),
      ),
    clear: () => {
      requests.length = 0;
    },
    close: () => agent.close(),
  };
}

function toRecord(options: Dispatcher.DispatchOptions): RecordedRequest {
  const queryStart = options.path.indexOf('?');
  const path = queryStart === -1 ? options.path : options.path.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? '' : options.path.slice(queryStart + 1));
  for (const [name, value] of Object.entries(options.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) query.append(name, String(item));
  }
  const fields = query.get('fields');
  return {
    method: options.method,
    path,
    query,
    expand: query.getAll('expand'),
    include: query.getAll('include'),
    fields: fields === null ? undefined : fields.split(','),
    authorization: headerValue(options.headers, 'authorization'),
    headers: Object.fromEntries(
      headerPairs(options.headers).map(([key, value]) => [key.toLowerCase(), String(value)]),
    ),
    body: typeof options.body === 'string' ? options.body : undefined,
  };
}

function headerValue(
  headers: Dispatcher.DispatchOptions['headers'],
  name: string,
): string | undefined {
  const found = headerPairs(headers).find(([key]) => key.toLowerCase() === name);
  return found === undefined ? undefined : String(found[1]);
}

function headerPairs(headers: Dispatcher.DispatchOptions['headers']): Array<[string, unknown]> {
  if (headers === undefined || headers === null) return [];
  const pairs: Array<[string, unknown]> = [];
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2)
      pairs.push([String(headers[i]), headers[i + 1]]);
  } else if (Symbol.iterator in headers) {
    for (const [key, value] of headers as Iterable<[string, unknown]>) pairs.push([key, value]);
  } else {
    pairs.push(...Object.entries(headers));
  }
  return pairs;
}

// Wraps either handler style undici may pass down (`onResponseStart` or the legacy `onHeaders`).
function observeResponse(
  handler: Dispatcher.DispatchHandler,
  entry: RecordedRequest,
): Dispatcher.DispatchHandler {
  return new Proxy(handler, {
    get(target, property) {
      if (property === 'onResponseStart' && typeof target.onResponseStart === 'function') {
        return (
          ...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>
        ) => {
          const [, statusCode, headers] = args;
          recordResponse(entry, statusCode, (name) => {
            const value = headers[name];
            return Array.isArray(value) ? value[0] : value;
          });
          return target.onResponseStart?.(...args);
        };
      }
      if (property === 'onHeaders' && typeof target.onHeaders === 'function') {
        return (...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onHeaders']>>) => {
          const [statusCode, rawHeaders] = args;
          recordResponse(entry, statusCode, (name) => {
            for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
              if (String(rawHeaders[i]).toLowerCase() === name) return String(rawHeaders[i + 1]);
            }
            return undefined;
          });
          return target.onHeaders?.(...args);
        };
      }
      if (property === 'onResponseError' || property === 'onError') {
        const original: unknown = Reflect.get(target, property);
        if (typeof original !== 'function') return original;
        return (...args: unknown[]) => {
          const error = args[args.length - 1];
          entry.error = error instanceof Error ? error : new Error(String(error));
          return (original as (...params: unknown[]) => unknown).apply(target, args);
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function recordResponse(
  entry: RecordedRequest,
  status: number,
  header: (name: string) => string | undefined,
): void {
  entry.status = status;
  entry.responseRequestId = header('x-request-id');
  const [limit, remaining, reset] = ['limit', 'remaining', 'reset'].map((name) =>
    Number(header(`x-ratelimit-${name}`) ?? Number.NaN),
  );
  if (
    limit !== undefined &&
    remaining !== undefined &&
    reset !== undefined &&
    !Number.isNaN(limit + remaining + reset)
  ) {
    entry.rateLimit = { limit, remaining, reset };
  }
}
