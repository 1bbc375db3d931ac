/**
 * A recording HTTP proxy between gateways and the Pi simulator: Pi's view of the traffic, exactly.
 * It counts long-polls per job at every instant (the count drops before a long-poll's response is
 * written, so a poller's next request can never overlap its previous one in the count), records
 * each request with its answer, and can hold long-polls unanswered (a Pi whose long-poll has not
 * returned yet) until the client gives up on them.
 */
import { once } from 'node:events';
import { Agent, createServer, request as httpRequest } from 'node:http';
import type {
  ClientRequest,
  IncomingHttpHeaders,
  IncomingMessage,
  ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProbedRequest {
  method: string;
  /** The path without its query string. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  /** `GET /api/v1/jobs/:id` or `/runs/:id` with `wait_for_completion=true`. */
  longPoll: boolean;
  /** The answer's status, once it was sent. */
  status?: number;
  /** The answer's parsed JSON body, once it was sent. */
  body?: any;
  /** The client went away (or the probe stopped) before an answer was sent. */
  aborted: boolean;
}

export interface UpstreamProbe {
  /** The origin to use as `PI_BASE_URL`. */
  url: string;
  /** Where requests go; settable until the first request. */
  target: string | undefined;
  /** While true, long-polls are never forwarded nor answered (the client must give up on them). */
  holdLongPolls: boolean;
  readonly requests: ProbedRequest[];
  /** Requests for one job or run id (`/api/v1/jobs/<id>` or `/api/v1/runs/<id>`). */
  forObject(id: string): ProbedRequest[];
  longPollsInFlight(id: string): number;
  /**
   * The most long-polls for `id` (sent with `authorization`, when given) that were ever in flight
   * at the same time.
   */
  maxConcurrentLongPolls(id: string, authorization?: string): number;
  stop(): Promise<void>;
}

/** Starts the probe on 127.0.0.1:0, forwarding to `target` (settable later). */
export async function startUpstreamProbe(target?: string): Promise<UpstreamProbe> {
  const requests: ProbedRequest[] = [];
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const agent = new Agent({ keepAlive: true });

  const probe: UpstreamProbe = {
    url: '',
    target,
    holdLongPolls: false,
    requests,
    forObject: (id) => requests.filter((entry) => entry.path.endsWith(`/${id}`)),
    longPollsInFlight: (id) => inFlight.get(id) ?? 0,
    maxConcurrentLongPolls: (id, authorization) =>
      maxInFlight.get(authorization === undefined ? id : `${id} ${authorization}`) ?? 0,
    stop: async () => {
      server.close();
      server.closeAllConnections();
      agent.destroy();
      await once(server, 'close');
    },
  };

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://probe');
    const objectId = /^\/api\/v1\/(?:jobs|runs)\/([^/]+)$/.exec(url.pathname)?.[1];
    const entry: ProbedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      longPoll: objectId !== undefined && url.searchParams.get('wait_for_completion') === 'true',
      aborted: false,
    };
    requests.push(entry);

    // Counted per object, and per object and key.
    const counters =
      entry.longPoll && objectId !== undefined
        ? [objectId, `${objectId} ${entry.authorization ?? ''}`]
        : [];
    for (const counter of counters) {
      const count = (inFlight.get(counter) ?? 0) + 1;
      inFlight.set(counter, count);
      maxInFlight.set(counter, Math.max(count, maxInFlight.get(counter) ?? 0));
    }
    let open = counters.length > 0;
    const settle = (): void => {
      if (!open) return;
      open = false;
      for (const counter of counters) inFlight.set(counter, (inFlight.get(counter) ?? 1) - 1);
    };
    let upstream: ClientRequest | undefined;
    res.on('close', () => {
      if (!res.writableFinished) entry.aborted = true;
      settle();
      upstream?.destroy();
    });
    if (entry.longPoll && probe.holdLongPolls) return;
    if (probe.target === undefined) throw new Error('The upstream probe has no target');

    upstream = httpRequest(
      new URL(`${url.pathname}${url.search}`, probe.target),
      { method: req.method, headers: forwardedHeaders(req.headers), agent },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          entry.status = answer.statusCode;
          entry.body = parseJson(body);
          settle();
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }

  const server = createServer(handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  probe.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return probe;
}

function forwardedHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { host: _host, connection: _connection, ...rest } = headers;
  return rest;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return body.toString('utf8');
  }
}
