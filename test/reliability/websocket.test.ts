/**
 * RELIABILITY.md, WebSocket rows not already covered by
 * test/subscriptions-e2e/websocket-transport.test.ts: the rest of S1's close codes (4429, 4409,
 * 4400), S3 at 10,000 messages, S4 with the socket dropped, S5 (a client that stops reading) and
 * S6 (half-open TCP, on the gateway's WebSocket server with a short ping interval).
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { createWebSocketServer } from '../../src/server/index.js';
import { awaitJob, createBrandJob } from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import { waitFor } from '../helpers/wait-for.js';
import { connectWebSocket, toWebSocketUrl } from '../subscriptions-e2e/helpers.js';

const JOB_UPDATED = 'subscription ($id: ID!) { jobUpdated(id: $id) { status } }';

/** A raw `graphql-transport-ws` socket: every message received, and its close code. */
async function openRawSocket(url: string, options: WebSocket.ClientOptions = {}) {
  const socket = new WebSocket(toWebSocketUrl(url), 'graphql-transport-ws', options);
  onTestFinished(() => socket.terminate());
  const messages: Array<{ type: string; id?: string; payload?: any }> = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const closed = (once(socket, 'close') as Promise<[number, Buffer]>).then(([code]) => code);
  await once(socket, 'open');
  return {
    socket,
    messages,
    closed,
    send: (message: unknown) =>
      socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
  };
}

async function acknowledged(
  url: string,
  authorization: string,
  options: WebSocket.ClientOptions = {},
) {
  const raw = await openRawSocket(url, options);
  raw.send({ type: 'connection_init', payload: { authorization } });
  await waitFor(
    () => raw.messages.some((message) => message.type === 'connection_ack'),
    5000,
    'the ack',
  );
  return raw;
}

describe('S1: protocol violations', () => {
  it('should close with 4429 on a second connection_init', async () => {
    const gw = await startTestGateway();
    const raw = await acknowledged(gw.url, gw.as('alpha').authorization);

    raw.send({ type: 'connection_init', payload: gw.as('alpha') });

    expect(await raw.closed).toBe(4429);
  });

  it('should close with 4409 when a subscribe reuses the id of a running operation', async () => {
    const gw = await startTestGateway({ simulator: { stepMs: 2000 } });
    const jobId = await createBrandJob(gw.sim, 'alpha');
    const raw = await acknowledged(gw.url, gw.as('alpha').authorization);
    const subscribe = {
      id: 'same',
      type: 'subscribe',
      payload: { query: JOB_UPDATED, variables: { id: jobId } },
    };

    raw.send(subscribe);
    await waitFor(
      () => raw.messages.some((message) => message.type === 'next'),
      5000,
      'the first state',
    );
    raw.send(subscribe);

    expect(await raw.closed).toBe(4409);
  });

  it.each([
    ['text that is not JSON', 'this is not json'],
    ['JSON without a type', '{"id":"1"}'],
    ['a subscribe without a payload', '{"id":"1","type":"subscribe"}'],
    ['an unknown message type', '{"id":"1","type":"launch"}'],
  ])('should close with 4400 on %s and make no upstream call', async (_name, frame) => {
    const gw = await startTestGateway();
    const raw = await acknowledged(gw.url, gw.as('alpha').authorization);

    raw.send(frame);

    expect(await raw.closed).toBe(4400);
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should keep serving other sockets after one broke the protocol', async () => {
    const gw = await startTestGateway();
    const broken = await acknowledged(gw.url, gw.as('alpha').authorization);
    broken.send('garbage');
    await broken.closed;

    const received = connectWebSocket(gw.url, gw.as('alpha')).subscribe('{ __typename }');
    await received.finished;

    expect(received.results).toEqual([{ data: { __typename: 'Query' } }]);
  });
});

describe('S3: a flood of subscribe messages on one socket', () => {
  it('should refuse 10,000 subscriptions beyond the cap with errors, poll the job once, and keep the socket usable', async () => {
    const gw = await startTestGateway({ simulator: { stepMs: 5000 } });
    const jobId = await createBrandJob(gw.sim, 'alpha');
    const raw = await acknowledged(gw.url, gw.as('alpha').authorization);
    const total = 10_000;

    for (let i = 0; i < total; i += 1) {
      raw.send({
        id: `s${i}`,
        type: 'subscribe',
        payload: { query: JOB_UPDATED, variables: { id: jobId } },
      });
    }
    await waitFor(
      () => raw.messages.filter((message) => message.type === 'error').length >= total - 100,
      20_000,
      'an error for every subscription over the cap',
    );
    // Frees one of the 100 slots, as a client would by ending a subscription.
    raw.send({ id: 's0', type: 'complete' });
    raw.send({ id: 'after', type: 'subscribe', payload: { query: '{ __typename }' } });
    await waitFor(
      () => raw.messages.some((message) => message.id === 'after' && message.type === 'complete'),
      5000,
      'the query after the flood',
    );

    const errors = raw.messages.filter((message) => message.type === 'error');
    expect(errors).toHaveLength(total - 100);
    expect(errors[0]?.payload).toEqual([
      expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } }),
    ]);
    expect(
      raw.messages.find((message) => message.id === 'after' && message.type === 'next')?.payload,
    ).toEqual({
      data: { __typename: 'Query' },
    });
    expect(raw.socket.readyState).toBe(WebSocket.OPEN);
    // Whatever the number of subscribers, one watcher reads the job.
    const firstReads = gw.upstream
      .matching(`/api/v1/jobs/${jobId}`)
      .filter((request) => request.query.get('wait_for_completion') !== 'true');
    expect(firstReads.length).toBeLessThanOrEqual(2);
  });
});

describe('S4: a client that drops mid-subscription', () => {
  it("should abort the watcher's long-poll and poll no more once the socket is gone", async () => {
    const gw = await startTestGateway({
      simulator: { stepMs: 300 },
      config: { subscriptionPollTimeoutSeconds: 1 },
    });
    const jobId = await createBrandJob(gw.sim, 'alpha');
    const raw = await acknowledged(gw.url, gw.as('alpha').authorization);
    raw.send({
      id: '1',
      type: 'subscribe',
      payload: { query: JOB_UPDATED, variables: { id: jobId } },
    });
    const longPolls = () =>
      gw.upstream
        .matching(`/api/v1/jobs/${jobId}`)
        .filter((request) => request.query.get('wait_for_completion') === 'true');
    const inFlight = await waitFor(
      () =>
        longPolls().find((request) => request.status === undefined && request.error === undefined),
      5000,
      'a long-poll in flight',
    );

    raw.socket.terminate();

    await waitFor(() => inFlight.error !== undefined, 5000, 'the long-poll to be aborted');
    const requestsAfterDrop = gw.upstream.requests.length;
    // The job runs to its end (several poll intervals): a watcher left behind would poll again.
    await awaitJob(gw.sim, 'alpha', jobId);
    expect(gw.upstream.requests.length).toBe(requestsAfterDrop);
    expect(inFlight.status).toBeUndefined();
  });
});

describe('S5: a client that stops reading', () => {
  it('should drop the socket once its unsent data passes the bound, instead of buffering without end', async () => {
    const gw = await startTestGateway();
    const job = await createBrandJob(gw.sim, 'alpha');
    await awaitJob(gw.sim, 'alpha', job);
    const raw = await acknowledged(gw.url, gw.as('alpha').authorization);
    // About 300 KB per result: 24 lists of 100 reads of one job (one upstream GET per operation),
    // within the alias and cost limits.
    const list = `jobs(ids: ${JSON.stringify(Array(100).fill(job))}) { id payload }`;
    const query = `{ ${Array.from({ length: 24 }, (_, i) => `l${i}: ${list}`).join(' ')} }`;
    const underlying = (raw.socket as unknown as { _socket: { pause(): void } })._socket;
    const dropped = () => gw.logs.find((entry) => entry.message.includes('stopped reading'));

    underlying.pause();
    // Thirty operations at once (about 9 MB of results finishing together): the bound is checked
    // on every send, so they cannot all queue before the first check.
    for (let i = 0; i < 30; i += 1) {
      raw.send({ id: `q${i}`, type: 'subscribe', payload: { query } });
    }

    const entry = await waitFor(dropped, 5000, 'the gateway to drop the slow socket');
    const buffered = Number(entry.fields?.bufferedBytes);
    // The bound (4 MiB) plus at most the one result that crossed it.
    expect(buffered).toBeGreaterThan(4 * 1024 * 1024);
    expect(buffered).toBeLessThan(4 * 1024 * 1024 + 512 * 1024);
    const health = await fetch(new URL('/healthz', gw.url));
    expect(health.status).toBe(200);
  });
});

describe('S6: a half-open connection', () => {
  it('should terminate a socket that stops answering pings within about two intervals, and keep one that answers', async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
    });
    const keepAliveMs = 300;
    const webSockets = createWebSocketServer({ graphqlWs: { schema }, keepAliveMs });
    const server = createServer((_req, res) => res.writeHead(404).end());
    server.on('upgrade', webSockets.handleUpgrade);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(async () => {
      await webSockets.close();
      await new Promise((resolve) => server.close(resolve));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

    const healthy = await acknowledged(url, 'Bearer x');
    const silent = await acknowledged(url, 'Bearer x', { autoPong: false });
    const started = performance.now();

    const code = await silent.closed;

    expect(code).toBe(1006);
    // Two intervals, plus slack for a loaded machine: without the pings it would stay open for
    // as long as the kernel keeps a silent TCP connection (minutes or more).
    expect(performance.now() - started).toBeLessThan(keepAliveMs * 2 + 3000);
    expect(healthy.socket.readyState).toBe(WebSocket.OPEN);
    await waitFor(
      () => webSockets.clientCount === 1,
      1000,
      'the server to forget the silent socket',
    );
  });
});
