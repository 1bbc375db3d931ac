/**
 * RELIABILITY.md W6: a mutation sent over graphql-ws gets the auth, limits and idempotency of
 * HTTP. (W1–W5 are in test/graphql/mutations-idempotency.test.ts.)
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  armSimulatorFault,
  clearSimulatorFaults,
  simulatorStats,
} from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import { connectWebSocket } from '../subscriptions-e2e/helpers.js';
import type { Received } from '../subscriptions-e2e/helpers.js';

const gw = await startTestGateway({ simulator: { faults: true } });

const GENERATE = `mutation ($input: GenerateImageInput!, $key: String) {
  generateImage(input: $input, idempotencyKey: $key) { job { id } idempotencyKey replayed }
}`;
const GENERATE_ROUTE = 'POST /api/v1/images/generations';

async function jobsCreated(org = 'alpha'): Promise<number> {
  return (await simulatorStats(gw.sim)).jobsCreated[org] ?? 0;
}

/** Runs one operation on the socket and returns its only result. */
async function runOnce(
  connection: ReturnType<typeof connectWebSocket>,
  query: string,
  variables: Record<string, unknown>,
): Promise<Received> {
  const received = connection.subscribe(query, variables);
  await received.finished;
  return received;
}

const generations = () => gw.upstream.matching('/api/v1/images/generations');

beforeEach(async () => {
  gw.upstream.clear();
  await clearSimulatorFaults(gw.sim);
});

describe('W6: mutations over the WebSocket', () => {
  it('should create one job for a key sent twice over the socket and once over HTTP, the later ones replayed', async () => {
    const key = `ws-replay-${Math.random().toString(36).slice(2)}`;
    const before = await jobsCreated();
    const connection = connectWebSocket(gw.url, gw.as('alpha'));
    const variables = { input: { prompt: 'A harbour over the socket' }, key };

    const first = await runOnce(connection, GENERATE, variables);
    const second = await runOnce(connection, GENERATE, variables);
    const overHttp = await gw.gql(GENERATE, variables);

    expect(first.results).toEqual([
      {
        data: {
          generateImage: { job: { id: expect.any(String) }, idempotencyKey: key, replayed: false },
        },
      },
    ]);
    const jobId = (first.results[0]?.data as any).generateImage.job.id;
    expect(second.results[0]?.data).toEqual({
      generateImage: { job: { id: jobId }, idempotencyKey: key, replayed: true },
    });
    expect(overHttp.body.data.generateImage).toEqual({
      job: { id: jobId },
      idempotencyKey: key,
      replayed: true,
    });
    expect(await jobsCreated()).toBe(before + 1);
    expect(generations().map((request) => request.headers['idempotency-key'])).toEqual([
      key,
      key,
      key,
    ]);
  });

  it('should mint a key when none is given and retry with it after a reset that came after the work', async () => {
    const before = await jobsCreated();
    await armSimulatorFault(gw.sim, { route: GENERATE_ROUTE, fault: 'reset-after', times: 1 });
    const connection = connectWebSocket(gw.url, gw.as('alpha'));

    const received = await runOnce(connection, GENERATE, { input: { prompt: 'A reset at sea' } });

    const payload = (received.results[0]?.data as any).generateImage;
    expect(received.results[0]?.errors).toBeUndefined();
    expect(payload.idempotencyKey).toMatch(/^gw_[0-9a-f-]{36}$/);
    expect(payload.replayed).toBe(true);
    expect(generations().map((request) => request.headers['idempotency-key'])).toEqual([
      payload.idempotencyKey,
      payload.idempotencyKey,
    ]);
    expect(await jobsCreated()).toBe(before + 1);
  });

  it('should answer IDEMPOTENCY_KEY_MISMATCH over the socket without a retry or a new job', async () => {
    const key = `ws-mismatch-${Math.random().toString(36).slice(2)}`;
    const connection = connectWebSocket(gw.url, gw.as('alpha'));
    await runOnce(connection, GENERATE, { input: { prompt: 'One prompt' }, key });
    const before = await jobsCreated();
    gw.upstream.clear();

    const other = await runOnce(connection, GENERATE, { input: { prompt: 'Another prompt' }, key });

    expect(other.results[0]?.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_MISMATCH');
    expect(generations()).toHaveLength(1);
    expect(await jobsCreated()).toBe(before);
  });

  it("should write with the socket's own key, so the same idempotency key from two keys makes two jobs", async () => {
    const key = `ws-tenants-${Math.random().toString(36).slice(2)}`;
    const variables = { input: { prompt: 'A shared socket idea' }, key };

    const [alpha, beta] = await Promise.all([
      runOnce(connectWebSocket(gw.url, gw.as('alpha')), GENERATE, variables),
      runOnce(connectWebSocket(gw.url, gw.as('beta')), GENERATE, variables),
    ]);

    const alphaJob = (alpha.results[0]?.data as any).generateImage;
    const betaJob = (beta.results[0]?.data as any).generateImage;
    expect(alphaJob.replayed).toBe(false);
    expect(betaJob.replayed).toBe(false);
    expect(alphaJob.job.id).not.toBe(betaJob.job.id);
    expect(new Set(generations().map((request) => request.authorization))).toEqual(
      new Set([gw.as('alpha').authorization, gw.as('beta').authorization]),
    );
  });

  it('should reject an invalid input and an unusable key with BAD_USER_INPUT before any upstream call', async () => {
    const connection = connectWebSocket(gw.url, gw.as('alpha'));

    const badInput = await runOnce(connection, GENERATE, { input: { prompt: '' } });
    const badKey = await runOnce(connection, GENERATE, {
      input: { prompt: 'fine' },
      key: 'é'.repeat(300),
    });

    expect(badInput.results[0]?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badKey.results[0]?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gw.upstream.requests).toEqual([]);
  });
});
