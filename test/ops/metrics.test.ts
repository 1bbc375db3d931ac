import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { createGatewayMetrics } from '../../src/server/index.js';
import type { GatewayMetrics } from '../../src/server/index.js';
import { findSamples, parseMetrics, sampleValue } from './parse-metrics.js';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function scrape(metrics: GatewayMetrics) {
  return parseMetrics(await metrics.registry.metrics());
}

async function startApollo(metrics: GatewayMetrics) {
  const apollo = new ApolloServer({
    typeDefs: 'type Query { fine: String, broken: String } type Mutation { touch: Boolean }',
    resolvers: {
      Query: {
        fine: () => 'ok',
        broken: () => {
          throw new Error('boom');
        },
      },
      Mutation: { touch: () => true },
    },
    plugins: [metrics.apolloPlugin],
  });
  await apollo.start();
  stops.push(() => apollo.stop());
  return (body: Record<string, unknown>, options: { failContext?: boolean } = {}) =>
    apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([['content-type', 'application/json']]),
        search: '',
        body,
      },
      context: async () => {
        if (options.failContext === true) {
          throw new GraphQLError('No token.', { extensions: { code: 'UNAUTHENTICATED' } });
        }
        return {};
      },
    });
}

describe('createGatewayMetrics', () => {
  it('should count upstream requests by method, route and status, with latency, retries and dedupe hits', async () => {
    const metrics = createGatewayMetrics({ defaultMetrics: false });
    const job = { method: 'GET', route: '/jobs/:id' };
    metrics.onPiEvent({ type: 'response', ...job, status: 200, durationMs: 120 });
    metrics.onPiEvent({ type: 'response', ...job, status: 200, durationMs: 80 });
    metrics.onPiEvent({ type: 'response', ...job, status: 503, durationMs: 10 });
    metrics.onPiEvent({ type: 'failure', ...job, reason: 'timeout', durationMs: 15_000 });
    metrics.onPiEvent({ type: 'failure', ...job, reason: 'abandoned', durationMs: 5 });
    metrics.onPiEvent({ type: 'retry', ...job });
    metrics.onPiEvent({ type: 'dedupe-hit', ...job });
    metrics.onPiEvent({ type: 'circuit-rejected', method: 'POST', route: '/images' });

    const samples = await scrape(metrics);
    const requests = 'pi_gateway_upstream_requests_total';
    expect(sampleValue(samples, requests, { ...job, status: '200' })).toBe(2);
    expect(sampleValue(samples, requests, { ...job, status: '503' })).toBe(1);
    expect(sampleValue(samples, requests, { ...job, status: 'timeout' })).toBe(1);
    expect(sampleValue(samples, requests, { ...job, status: 'abandoned' })).toBe(1);
    expect(
      sampleValue(samples, requests, { method: 'POST', route: '/images', status: 'circuit-open' }),
    ).toBe(1);
    expect(sampleValue(samples, 'pi_gateway_upstream_duration_seconds_count', job)).toBe(5);
    expect(sampleValue(samples, 'pi_gateway_upstream_duration_seconds_sum', job)).toBeCloseTo(
      15.215,
    );
    expect(
      sampleValue(samples, 'pi_gateway_upstream_duration_seconds_bucket', { ...job, le: '0.1' }),
    ).toBe(3);
    expect(sampleValue(samples, 'pi_gateway_upstream_retries_total', job)).toBe(1);
    expect(
      sampleValue(samples, 'pi_gateway_upstream_dedupe_hits_total', { route: '/jobs/:id' }),
    ).toBe(1);
  });

  it('should record operations over WebSocket with their name, type, outcome and duration', async () => {
    const metrics = createGatewayMetrics({ defaultMetrics: false });
    const ws = { transport: 'websocket' } as const;
    metrics.recordOperation({
      name: 'OnJob',
      type: 'subscription',
      outcome: 'success',
      durationMs: 2500,
      ...ws,
    });
    metrics.recordOperation({
      name: 'OnJob',
      type: 'subscription',
      outcome: 'error',
      durationMs: 40,
      ...ws,
    });
    metrics.recordOperation({ name: null, type: 'query', outcome: 'rejected', ...ws });

    const samples = await scrape(metrics);
    const operations = 'pi_gateway_operations_total';
    expect(
      sampleValue(samples, operations, {
        operation_name: 'OnJob',
        operation_type: 'subscription',
        outcome: 'success',
        transport: 'websocket',
      }),
    ).toBe(1);
    expect(sampleValue(samples, operations, { operation_name: 'OnJob', outcome: 'error' })).toBe(1);
    expect(
      sampleValue(samples, operations, { operation_name: 'anonymous', outcome: 'rejected' }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'pi_gateway_operation_duration_seconds_count', {
        operation_type: 'subscription',
        transport: 'websocket',
      }),
    ).toBe(2);
    // The rejected operation had no duration: counted, not observed.
    expect(
      findSamples(samples, 'pi_gateway_operation_duration_seconds_count', {
        operation_type: 'query',
      }),
    ).toEqual([]);
  });

  it('should record HTTP operations through the Apollo plugin as success, error or rejected', async () => {
    const metrics = createGatewayMetrics({ defaultMetrics: false });
    const run = await startApollo(metrics);
    await run({ query: 'query Fine { fine }' });
    await run({ query: 'query Fine { fine }' });
    await run({ query: 'mutation Touch { touch }' });
    await run({ query: 'query Broken { broken }' });
    await run({ query: 'query Invalid { nope }' });
    await run({ query: 'query Unparsable {', operationName: 'Unparsable' });
    await run({ query: '{ fine }' });
    await run({ query: 'query A { fine } query B { fine }' });
    await run({ query: 'query Fine { fine }' }, { failContext: true });

    const samples = await scrape(metrics);
    const count = (labels: Record<string, string>) =>
      sampleValue(samples, 'pi_gateway_operations_total', { transport: 'http', ...labels });
    expect(count({ operation_name: 'Fine', operation_type: 'query', outcome: 'success' })).toBe(2);
    expect(count({ operation_name: 'Touch', operation_type: 'mutation', outcome: 'success' })).toBe(
      1,
    );
    expect(count({ operation_name: 'Broken', operation_type: 'query', outcome: 'error' })).toBe(1);
    expect(count({ operation_name: 'Invalid', operation_type: 'query', outcome: 'rejected' })).toBe(
      1,
    );
    expect(
      count({ operation_name: 'Unparsable', operation_type: 'unknown', outcome: 'rejected' }),
    ).toBe(1);
    expect(
      count({ operation_name: 'anonymous', operation_type: 'query', outcome: 'success' }),
    ).toBe(1);
    expect(
      count({ operation_name: 'unknown', operation_type: 'unknown', outcome: 'rejected' }),
    ).toBe(1);
    // Two operations and no operationName: execution starts but cannot pick one.
    expect(
      count({ operation_name: 'anonymous', operation_type: 'unknown', outcome: 'rejected' }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'pi_gateway_operation_duration_seconds_count', {
        operation_type: 'query',
        transport: 'http',
      }),
    ).toBe(5);
  });

  it('should cap operation names at 200 distinct labels and 64 characters', async () => {
    const metrics = createGatewayMetrics({ defaultMetrics: false });
    const record = (name: string) =>
      metrics.recordOperation({ name, type: 'query', outcome: 'success', transport: 'http' });
    for (let index = 0; index < 250; index += 1) record(`Op${index}`);
    record('Op0');
    record('x'.repeat(64));
    record('y'.repeat(65));

    const names = findSamples(await scrape(metrics), 'pi_gateway_operations_total').map(
      (sample) => sample.labels.operation_name,
    );
    expect(names).toHaveLength(201);
    expect(names).toContain('Op0');
    expect(names).toContain('Op199');
    expect(names).not.toContain('Op200');
    expect(names).not.toContain('x'.repeat(64));
    const samples = await scrape(metrics);
    expect(sampleValue(samples, 'pi_gateway_operations_total', { operation_name: 'Op0' })).toBe(2);
    expect(sampleValue(samples, 'pi_gateway_operations_total', { operation_name: 'other' })).toBe(
      52,
    );
  });

  it('should keep a short name within the length cap as its own label', async () => {
    const metrics = createGatewayMetrics({ defaultMetrics: false });
    metrics.recordOperation({
      name: 'x'.repeat(64),
      type: 'query',
      outcome: 'success',
      transport: 'http',
    });
    metrics.recordOperation({
      name: 'y'.repeat(65),
      type: 'query',
      outcome: 'success',
      transport: 'http',
    });
    const names = findSamples(await scrape(metrics), 'pi_gateway_operations_total').map(
      (sample) => sample.labels.operation_name,
    );
    expect(names.sort()).toEqual(['other', 'x'.repeat(64)]);
  });

  it('should read the circuit, socket, subscription and watcher gauges at scrape time', async () => {
    const metrics = createGatewayMetrics({ defaultMetrics: false });
    let circuit: 'closed' | 'open' | 'half-open' = 'closed';
    let sockets = 3;
    metrics.observe({ circuitState: () => circuit, sockets: () => sockets });
    metrics.observe({
      subscriptions: () => 5,
      watchers: () => {
        throw new Error('registry closed');
      },
    });

    let samples = await scrape(metrics);
    expect(sampleValue(samples, 'pi_gateway_circuit_state')).toBe(0);
    expect(sampleValue(samples, 'pi_gateway_websocket_sockets')).toBe(3);
    expect(sampleValue(samples, 'pi_gateway_subscriptions')).toBe(5);
    expect(sampleValue(samples, 'pi_gateway_watchers')).toBe(0);

    circuit = 'open';
    sockets = 1;
    samples = await scrape(metrics);
    expect(sampleValue(samples, 'pi_gateway_circuit_state')).toBe(2);
    expect(sampleValue(samples, 'pi_gateway_circuit_status', { state: 'open' })).toBe(1);
    expect(sampleValue(samples, 'pi_gateway_circuit_status', { state: 'closed' })).toBe(0);
    expect(sampleValue(samples, 'pi_gateway_websocket_sockets')).toBe(1);

    circuit = 'half-open';
    expect(sampleValue(await scrape(metrics), 'pi_gateway_circuit_state')).toBe(1);
  });

  it('should count watcher events by type without job ids in the output', async () => {
    const metrics = createGatewayMetrics({ defaultMetrics: false });
    const jobId = '5b0c56d4-6f0e-4bd4-9f43-2d1f8e1c9a10';
    metrics.onWatcherEvent({ type: 'watcher-started', jobId });
    metrics.onWatcherEvent({ type: 'watcher-started', jobId: 'another' });
    metrics.onWatcherEvent({ type: 'watcher-stopped', jobId, reason: 'terminal' });
    metrics.onWatcherEvent({ type: 'redis-error', message: 'connect ECONNREFUSED 10.1.2.3:6379' });

    const text = await metrics.registry.metrics();
    const samples = parseMetrics(text);
    expect(
      sampleValue(samples, 'pi_gateway_watcher_events_total', { type: 'watcher-started' }),
    ).toBe(2);
    expect(
      sampleValue(samples, 'pi_gateway_watcher_events_total', { type: 'watcher-stopped' }),
    ).toBe(1);
    expect(sampleValue(samples, 'pi_gateway_watcher_events_total', { type: 'redis-error' })).toBe(
      1,
    );
    expect(text).not.toContain(jobId);
    expect(text).not.toContain('10.1.2.3');
  });

  it('should keep two gateways in one process apart, each with default process metrics', async () => {
    const first = createGatewayMetrics();
    const second = createGatewayMetrics();
    first.onPiEvent({ type: 'retry', method: 'GET', route: '/brands' });

    const [a, b] = await Promise.all([scrape(first), scrape(second)]);
    expect(sampleValue(a, 'pi_gateway_upstream_retries_total', { route: '/brands' })).toBe(1);
    expect(findSamples(b, 'pi_gateway_upstream_retries_total')).toEqual([]);
    expect(findSamples(a, 'process_cpu_seconds_total')).toHaveLength(1);
    expect(findSamples(b, 'process_cpu_seconds_total')).toHaveLength(1);
  });

  it('should never throw into the caller on a bad value', () => {
    const metrics = createGatewayMetrics({ defaultMetrics: false });
    expect(() =>
      metrics.recordOperation({
        name: 'Bad',
        type: 'query',
        outcome: 'success',
        durationMs: Number.NaN,
        transport: 'http',
      }),
    ).not.toThrow();
    expect(() =>
      metrics.onPiEvent({ type: 'unknown-kind' } as unknown as Parameters<
        GatewayMetrics['onPiEvent']
      >[0]),
    ).not.toThrow();
  });
});

describe('GatewayMetrics.handler', () => {
  async function startMetricsServer(metrics: GatewayMetrics): Promise<string> {
    const server = createServer((req, res) => {
      void metrics.handler(req, res);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    stops.push(
      () =>
        new Promise((resolve) => {
          server.close(() => resolve());
        }),
    );
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  }

  it('should serve the exposition text with the registry content type on GET and HEAD', async () => {
    const metrics = createGatewayMetrics();
    metrics.onPiEvent({ type: 'dedupe-hit', method: 'GET', route: '/jobs/:id' });
    const url = await startMetricsServer(metrics);

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(metrics.registry.contentType);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseMetrics(await response.text());
    expect(
      sampleValue(samples, 'pi_gateway_upstream_dedupe_hits_total', { route: '/jobs/:id' }),
    ).toBe(1);
    expect(findSamples(samples, 'nodejs_heap_size_used_bytes')).toHaveLength(1);

    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(metrics.registry.contentType);
    expect(await head.text()).toBe('');
  });

  it('should answer 405 with Allow for other methods', async () => {
    const url = await startMetricsServer(createGatewayMetrics({ defaultMetrics: false }));
    const response = await fetch(url, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await response.json()).toEqual({
      errors: [{ message: 'Use GET /metrics.', extensions: { code: 'METHOD_NOT_ALLOWED' } }],
    });
  });
});
