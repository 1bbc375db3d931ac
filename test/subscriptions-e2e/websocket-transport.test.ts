import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBrandJob } from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import { waitFor } from '../helpers/wait-for.js';
import { connectWebSocket, jobEvents, toWebSocketUrl } from './helpers.js';
import type { Received } from './helpers.js';

const JOB_UPDATED = `subscription($id: ID!) { jobUpdated(id: $id) { status } }`;

/** The `extensions.code` of each error a rejected operation got (graphql-ws `error` message). */
function errorCodes(received: Received): unknown[] {
  const errors = Array.isArray(received.error) ? received.error : [];
  return errors.map((error: { extensions?: { code?: unknown } }) => error.extensions?.code);
}

describe('graphql-ws on the GraphQL path', () => {
  it('should close the socket with 4403 when connection_init carries no key or a malformed one', async () => {
    const gateway = await startTestGateway();

    const codes = await Promise.all(
      [undefined, { authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 42 }].map(
        async (params) => {
          const connection = connectWebSocket(gateway.url, params);
          const received = connection.subscribe('{ __typename }');
          await received.finished;
          return connection.closed;
        },
      ),
    );

    expect(codes).toEqual([4403, 4403, 4403]);
    expect(gateway.upstream.requests).toHaveLength(0);
  });

  it('should accept the key as `Authorization` too, and serve queries over the socket', async () => {
    const gateway = await startTestGateway();
    const jobId = await createBrandJob(gateway.sim, 'alpha');
    const connection = connectWebSocket(gateway.url, {
      Authorization: gateway.as('alpha').authorization,
    });

    const received = connection.subscribe('query($id: ID!) { job(id: $id) { id } }', {
      id: jobId,
    });
    await received.finished;

    expect(received.state).toBe('complete');
    expect(received.results).toEqual([{ data: { job: { id: jobId } } }]);
  });

  it('should error the operation with UNAUTHENTICATED when Pi rejects a well-formed key', async () => {
    const gateway = await startTestGateway();
    const jobId = await createBrandJob(gateway.sim, 'alpha');

    const received = connectWebSocket(gateway.url, {
      authorization: 'Bearer pi_test_unknown',
    }).subscribe(JOB_UPDATED, { id: jobId });
    await received.finished;

    expect(received.state).toBe('complete');
    expect(received.results[0]?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('should answer NOT_FOUND without an upstream call for an id that is not a UUID', async () => {
    const gateway = await startTestGateway();
    const connection = connectWebSocket(gateway.url, gateway.as('alpha'));

    const job = connection.subscribe(JOB_UPDATED, { id: 'not-a-uuid' });
    const run = connection.subscribe('subscription { runUpdated(id: "42") { status } }');
    await Promise.all([job.finished, run.finished]);

    expect(job.results[0]?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(run.results[0]?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(gateway.upstream.requests).toHaveLength(0);
  });

  it('should reject operations over the per-socket cap with an error and keep the socket usable', async () => {
    const gateway = await startTestGateway({ simulator: { stepMs: 2000 } });
    const jobId = await createBrandJob(gateway.sim, 'alpha');
    const connection = connectWebSocket(gateway.url, gateway.as('alpha'));
    const active = Array.from({ length: 100 }, () =>
      connection.subscribe(JOB_UPDATED, { id: jobId }),
    );
    await waitFor(
      () => active.every((subscriber) => subscriber.results.length > 0),
      10_000,
      '100 subscriptions to get their first state',
    );

    const excess = connection.subscribe(JOB_UPDATED, { id: jobId });
    await excess.finished;
    active[0]!.unsubscribe();
    const query = connection.subscribe('query($id: ID!) { job(id: $id) { id } }', { id: jobId });
    await query.finished;

    expect(excess.state).toBe('error');
    expect(errorCodes(excess)).toEqual(['BAD_REQUEST']);
    expect(query.results).toEqual([{ data: { job: { id: jobId } } }]);
    expect(active.slice(1).every((subscriber) => subscriber.state === 'active')).toBe(true);
  });

  it('should apply the validation rules and variable checks of HTTP, with the same codes', async () => {
    const gateway = await startTestGateway();
    const connection = connectWebSocket(gateway.url, gateway.as('alpha'));

    const invalid = connection.subscribe('subscription { jobUpdated(id: "x") { statuz } }');
    const unparsable = connection.subscribe('subscription { jobUpdated(');
    const badVariable = connection.subscribe(JOB_UPDATED, { id: { not: 'an id' } });
    await Promise.all([invalid.finished, unparsable.finished, badVariable.finished]);

    expect(errorCodes(invalid)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(errorCodes(unparsable)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(errorCodes(badVariable)).toEqual(['BAD_USER_INPUT']);
    expect(gateway.upstream.requests).toHaveLength(0);
  });

  it('should refuse introspection over the socket in production and allow it otherwise', async () => {
    const production = await startTestGateway({ config: { nodeEnv: 'production' } });
    const development = await startTestGateway();
    const introspect = (url: string, authorization: string) =>
      connectWebSocket(url, { authorization }).subscribe('{ __schema { queryType { name } } }');

    const refused = introspect(production.url, production.as('alpha').authorization);
    const allowed = introspect(development.url, development.as('alpha').authorization);
    await Promise.all([refused.finished, allowed.finished]);

    expect(errorCodes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(allowed.results).toEqual([{ data: { __schema: { queryType: { name: 'Query' } } } }]);
  });

  it('should drop field suggestions in production over HTTP and the socket, and keep them otherwise', async () => {
    const production = await startTestGateway({ config: { nodeEnv: 'production' } });
    const development = await startTestGateway();
    const TYPO = '{ job(id: "x") { statuz } }';
    const messagesOf = async (gateway: typeof production) => {
      const overSocket = connectWebSocket(gateway.url, gateway.as('alpha')).subscribe(TYPO);
      const overHttp = await gateway.gql(TYPO);
      await overSocket.finished;
      return [
        (overSocket.error as Array<{ message: string }>).map((error) => error.message),
        (overHttp.body.errors as Array<{ message: string }>).map((error) => error.message),
      ];
    };

    const [socketDev, httpDev] = await messagesOf(development);
    const [socketProd, httpProd] = await messagesOf(production);

    expect(socketDev).toEqual(httpDev);
    expect(httpDev).toEqual([
      expect.stringMatching(
        /^Cannot query field "statuz" on type "Job"\. Did you mean "status"\?$/,
      ),
    ]);
    expect(socketProd).toEqual(httpProd);
    expect(httpProd).toEqual(['Cannot query field "statuz" on type "Job".']);
    expect(production.upstream.requests).toHaveLength(0);
  });

  it('should close sockets that break the protocol with the graphql-ws codes (4406, 4401, 4408)', async () => {
    const gateway = await startTestGateway();
    const url = toWebSocketUrl(gateway.url);
    const closeCode = async (protocol: string | undefined, send: (socket: WebSocket) => void) => {
      const socket = protocol === undefined ? new WebSocket(url) : new WebSocket(url, protocol);
      const closed = once(socket, 'close') as Promise<[number, Buffer]>;
      await once(socket, 'open');
      send(socket);
      return (await closed)[0];
    };

    const codes = await Promise.all([
      // No subprotocol asked for (the `ws` client refuses a server that picks none it asked for).
      closeCode(undefined, () => {}),
      closeCode('graphql-transport-ws', (socket) =>
        socket.send(
          JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ __typename }' } }),
        ),
      ),
      // Nothing sent: the 3-second `connection_init` wait runs out.
      closeCode('graphql-transport-ws', () => {}),
    ]);

    expect(codes).toEqual([4406, 4401, 4408]);
  });

  it('should close the socket with 1009 when a frame exceeds the payload cap', async () => {
    const gateway = await startTestGateway();
    const socket = new WebSocket(toWebSocketUrl(gateway.url), 'graphql-transport-ws');
    await once(socket, 'open');
    const closed = once(socket, 'close') as Promise<[number, Buffer]>;

    socket.send('x'.repeat(2 * 1024 * 1024));
    const [code] = await closed;

    expect(code).toBe(1009);
  });

  it('should answer a subscription sent over HTTP with BAD_REQUEST and no upstream call', async () => {
    const gateway = await startTestGateway();

    const response = await gateway.gql(JOB_UPDATED, { id: '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b' });

    expect(response.body.data).toBeNull();
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('WebSocket'),
        extensions: { code: 'BAD_REQUEST' },
      }),
    ]);
    expect(gateway.upstream.requests).toHaveLength(0);
  });

  it('should complete open subscriptions and close sockets with 1001 when the gateway stops', async () => {
    const gateway = await startTestGateway({ simulator: { stepMs: 2000 } });
    const jobId = await createBrandJob(gateway.sim, 'alpha');
    const connection = connectWebSocket(gateway.url, gateway.as('alpha'));
    const subscriber = connection.subscribe(JOB_UPDATED, { id: jobId });
    await waitFor(() => subscriber.results.length > 0, 5000, 'the first state');

    await gateway.stop();
    await subscriber.finished;

    expect(subscriber.state).toBe('complete');
    const events = jobEvents(subscriber);
    expect(events).toHaveLength(1);
    expect(events[0]?.status).not.toBe('COMPLETED');
    expect(await connection.closed).toBe(1001);
  });
});
