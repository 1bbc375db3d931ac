import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RestClient } from './rest-client.js';

export interface RunningRestEndpoint {
  /** The origin, e.g. `http://127.0.0.1:41234`; operations are `POST /q1`, `/q2`, `/q3`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves the direct REST client over `node:http` so the load generator drives it exactly like the
 * GraphQL targets: `POST /q1` `{ ids }`, `POST /q2` `{ first }`, `POST /q3` (no upstream call),
 * each answering the same JSON as the GraphQL operation (`{ data: ... }`), with the caller's
 * `Authorization` passed to Pi. A failed upstream call answers 502, an unknown path 404.
 */
export async function startRestEndpoint(client: RestClient): Promise<RunningRestEndpoint> {
  const server = createServer((req, res) => {
    handle(client, req, res).catch((error: unknown) =>
      send(res, 502, { errors: [{ message: String(error) }] }),
    );
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(client: RestClient, req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const body = (text === '' ? {} : JSON.parse(text)) as { ids?: string[]; first?: number };
  const authorization = req.headers.authorization ?? '';
  switch (req.url) {
    case '/q1':
      send(res, 200, {
        data: { jobs: await client.jobsWithBrands(body.ids ?? [], authorization) },
      });
      return;
    case '/q2':
      send(res, 200, {
        data: { brands: { nodes: await client.brandNames(body.first ?? 20, authorization) } },
      });
      return;
    case '/q3':
      send(res, 200, { data: { __typename: 'Query' } });
      return;
    default:
      send(res, 404, { errors: [{ message: 'not found' }] });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}
