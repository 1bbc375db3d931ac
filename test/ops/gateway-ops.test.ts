import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startGateway } from '../../src/gateway.js';
import { startSimulator } from '../../src/simulator/index.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import {
  armSimulatorFault,
  clearSimulatorFaults,
  createCompletedBrandJob,
} from '../helpers/simulator-requests.js';
import { connectWebSocket, createAdJob, jobEvents } from '../subscriptions-e2e/helpers.js';
import { waitFor } from '../helpers/wait-for.js';
import { findSamples, parseMetrics } from './parse-metrics.js';
import type { MetricSample } from './parse-metrics.js';

async function scrape(graphqlUrl: string): Promise<MetricSample[]> {
  const response = await fetch(new URL('/metrics', graphqlUrl));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(await response.text());
}

function total(samples: MetricSample[], name: string, labels: Record<string, string> = {}): number {
  return findSamples(samples, name, labels).reduce((sum, sample) => sum + sample.value, 0);
}

async function readiness(graphqlUrl: string): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL('/readyz', graphqlUrl));
  return { status: response.status, body: await response.json() };
}

const JOB_QUERY = 'query ReadJob($id: ID!) { job(id: $id) { id status } }';

describe("the gateway's /metrics", () => {
  it('should move the operation, upstream, retry, dedupe and circuit figures with traffic', async () => {
    const gw = await startTestGateway({ simulator: { faults: true } });
    const { jobId } = await createCompletedBrandJob(gw.sim, 'alpha');
    const before = await scrape(gw.url);

    // Two operations reading the same job at once share one upstream GET (a dedupe hit): the
    // first GET is held long enough for the second operation to join it.
    await armSimulatorFault(gw.sim, {
      route: 'GET /api/v1/jobs/:id',
      fault: 'latency=300',
      times: 1,
    });
    const [first, second] = await Promise.all([
      gw.gql(JOB_QUERY, { id: jobId }),
      gw.gql(JOB_QUERY, { id: jobId }),
    ]);
    expect(first.body.data.job.id).toBe(jobId);
    expect(second.body.data.job.id).toBe(jobId);
    // A 503 once, then the retry succeeds.
    await armSimulatorFault(gw.sim, {
      route: 'GET /api/v1/jobs/:id',
      fault: 'status=503',
      times: 1,
    });
    expect((await gw.gql(JOB_QUERY, { id: jobId })).body.data.job.status).toBe('COMPLETED');
    await clearSimulatorFaults(gw.sim);
    // Refused before execution.
    expect((await gw.gql('query Broken { job(id: ')).status).toBe(400);

    const after = await scrape(gw.url);
    const moved = (name: string, labels: Record<string, string> = {}) =>
      total(after, name, labels) - total(before, name, labels);
    expect(
      moved('pi_gateway_operations_total', {
        operation_name: 'ReadJob',
        outcome: 'success',
        transport: 'http',
      }),
    ).toBe(3);
    expect(moved('pi_gateway_operations_total', { outcome: 'rejected' })).toBeGreaterThanOrEqual(1);
    expect(
      moved('pi_gateway_operation_duration_seconds_count', { transport: 'http' }),
    ).toBeGreaterThanOrEqual(3);
    expect(
      moved('pi_gateway_upstream_requests_total', { route: '/api/v1/jobs/:id', status: '200' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      moved('pi_gateway_upstream_requests_total', { route: '/api/v1/jobs/:id', status: '503' }),
    ).toBe(1);
    expect(
      moved('pi_gateway_upstream_duration_seconds_count', { route: '/api/v1/jobs/:id' }),
    ).toBeGreaterThanOrEqual(3);
    expect(moved('pi_gateway_upstream_retries_total', { route: '/api/v1/jobs/:id' })).toBe(1);
    expect(moved('pi_gateway_upstream_dedupe_hits_total', { route: '/api/v1/jobs/:id' })).toBe(1);
    expect(total(after, 'pi_gateway_circuit_state')).toBe(0);

    // No id, key or host ever becomes a label value.
    const text = await (await fetch(new URL('/metrics', gw.url))).text();
    expect(text).not.toContain(jobId);
    expect(text).not.toContain('pi_test_');
    expect(text).not.toContain(new URL(gw.sim.url).port);
  });

  it('should count WebSocket operations and show sockets, subscriptions and watchers while they run', async () => {
    const gw = await startTestGateway({ simulator: { stepMs: 400 } });
    const before = await scrape(gw.url);
    const jobId = await createAdJob(gw.sim, 'alpha');
    const connection = connectWebSocket(gw.url, gw.as('alpha'));
    const subscription = connection.subscribe(
      'subscription Watch($id: ID!) { jobUpdated(id: $id) { id status } }',
      { id: jobId },
    );
    await waitFor(() => subscription.results.length > 0, 5000, 'the first state');
    const during = await scrape(gw.url);
    expect(total(during, 'pi_gateway_websocket_sockets')).toBe(1);
    expect(total(during, 'pi_gateway_subscriptions')).toBe(1);
    expect(total(during, 'pi_gateway_watchers')).toBe(1);

    await subscription.finished;
    expect(subscription.state).toBe('complete');
    expect(jobEvents(subscription).at(-1)?.status).toBe('COMPLETED');
    const rejected = connection.subscribe('query Nope { nope }');
    await rejected.finished;
    expect(rejected.state).toBe('error');

    const after = await scrape(gw.url);
    const moved = (labels: Record<string, string>) =>
      total(after, 'pi_gateway_operations_total', labels) -
      total(before, 'pi_gateway_operations_total', labels);
    expect(
      moved({
        operation_name: 'Watch',
        operation_type: 'subscription',
        outcome: 'success',
        transport: 'websocket',
      }),
    ).toBe(1);
    expect(moved({ outcome: 'rejected', transport: 'websocket' })).toBe(1);
    expect(total(after, 'pi_gateway_subscriptions')).toBe(0);
    expect(total(after, 'pi_gateway_watchers')).toBe(0);
    expect(
      total(after, 'pi_gateway_watcher_events_total', { type: 'watcher-started' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('should open the breaker after repeated upstream failures, fail fast, and show it in /metrics and /readyz', async () => {
    const gw = await startTestGateway({
      simulator: { faults: true },
      config: { circuitFailureThreshold: 3, circuitOpenMs: 60_000 },
    });
    const { jobId } = await createCompletedBrandJob(gw.sim, 'alpha');
    expect((await readiness(gw.url)).status).toBe(200);

    await armSimulatorFault(gw.sim, { route: '*', fault: 'status=502', times: 100 });
    const failed = await gw.gql(JOB_QUERY, { id: jobId });
    expect(failed.body.errors[0].extensions.code).toBe('UPSTREAM_ERROR');
    const sentBefore = gw.upstream.requests.length;

    const refused = await gw.gql(JOB_QUERY, { id: jobId });
    expect(refused.body.errors[0].extensions.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(refused.body.errors[0].message).toMatch(/Pi is unavailable/);
    expect(gw.upstream.requests.length).toBe(sentBefore);

    const samples = await scrape(gw.url);
    expect(total(samples, 'pi_gateway_circuit_state')).toBe(2);
    expect(
      total(samples, 'pi_gateway_upstream_requests_total', { status: 'circuit-open' }),
    ).toBeGreaterThanOrEqual(1);
    const ready = await readiness(gw.url);
    expect(ready).toEqual({
      status: 503,
      body: { status: 'not_ready', checks: { pi: 'ok', redis: 'not_configured', circuit: 'open' } },
    });
  });
});

describe("the gateway's /readyz and /healthz", () => {
  it('should start with Pi unreachable, stay alive on /healthz and answer 503 on /readyz until Pi answers', async () => {
    // A port that was just free: nothing listens there until the simulator starts on it.
    const probe = await startSimulator({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(probe.url).port);
    await probe.stop();
    const gateway = await startGateway({
      ...loadConfig({ NODE_ENV: 'test' }),
      port: 0,
      piBaseUrl: `http://127.0.0.1:${port}`,
    });
    try {
      expect((await fetch(new URL('/healthz', gateway.url))).status).toBe(200);
      const down = await readiness(gateway.url);
      expect(down).toEqual({
        status: 503,
        body: {
          status: 'not_ready',
          checks: { pi: 'unreachable', redis: 'not_configured', circuit: 'closed' },
        },
      });
      expect(JSON.stringify(down.body)).not.toContain(String(port));

      const sim = await startSimulator({ port, host: '127.0.0.1' });
      try {
        expect(await readiness(gateway.url)).toMatchObject({
          status: 200,
          body: { status: 'ready' },
        });
      } finally {
        await sim.stop();
      }
    } finally {
      await gateway.stop();
    }
  });
});
