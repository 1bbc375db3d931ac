import { createHmac } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { awaitJob, callSimulator, createBrandJob } from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import { waitFor } from '../helpers/wait-for.js';
import { connectWebSocket, jobEvents } from './helpers.js';
import { startUpstreamProbe } from './upstream-probe.js';

const SECRET = 'whsec_gateway_test_secret';
const JOB_UPDATED = `subscription($id: ID!) { jobUpdated(id: $id) { status phase } }`;

/**
 * A gateway with `PI_WEBHOOK_SECRET` and 30-second long-polls, behind a probe that never answers
 * long-polls: the only way a subscriber can see a state after the first is a webhook.
 */
async function startWebhookGateway(stepMs = 300) {
  const probe = await startUpstreamProbe();
  onTestFinished(() => probe.stop());
  probe.holdLongPolls = true;
  const gateway = await startTestGateway({
    simulator: { stepMs, allowHttpWebhooks: true },
    config: {
      piBaseUrl: probe.url,
      piWebhookSecret: SECRET,
      subscriptionPollTimeoutSeconds: 30,
    },
  });
  probe.target = gateway.sim.url;
  const webhookUrl = new URL('/webhooks/pi', gateway.url).href;
  return { gateway, probe, webhookUrl };
}

function signed(body: string, secret = SECRET): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-pi-event': 'job.completed',
    'x-pi-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
  };
}

function eventBody(jobId: string, type = 'job.completed'): string {
  return JSON.stringify({
    id: `evt_pi_${jobId}`,
    object: 'event',
    type,
    created_at: 1_760_000_000,
    data: { job: { id: jobId, type: 'brand_extraction', status: 'completed' } },
  });
}

describe('POST /webhooks/pi', () => {
  it("should make subscribers see the terminal state at once when Pi delivers a signed job.completed, while the watcher's long-poll is still waiting", async () => {
    // Slow enough that the watcher is in its long-poll well before the job ends.
    const { gateway, probe, webhookUrl } = await startWebhookGateway(500);
    await callSimulator(gateway.sim, 'alpha', 'POST', '/api/v1/webhooks', {
      endpoint_url: webhookUrl,
      secret: SECRET,
    });
    const jobId = await createBrandJob(gateway.sim, 'alpha');
    const subscriber = connectWebSocket(gateway.url, gateway.as('alpha')).subscribe(JOB_UPDATED, {
      id: jobId,
    });

    await subscriber.finished;

    expect(subscriber.state).toBe('complete');
    expect(jobEvents(subscriber).at(-1)).toEqual({ status: 'COMPLETED', phase: 'completed' });
    const requests = probe.forObject(jobId);
    const longPolls = requests.filter((request) => request.longPoll);
    // The long-poll never answered: the webhook made the watcher give it up and read the job.
    expect(longPolls.length).toBeGreaterThanOrEqual(1);
    expect(longPolls.every((request) => request.aborted && request.status === undefined)).toBe(
      true,
    );
    const last = requests.at(-1);
    expect(last?.longPoll).toBe(false);
    expect(last?.body?.data?.status).toBe('completed');
  });

  it('should treat duplicate deliveries as harmless: one COMPLETED per subscriber', async () => {
    const { gateway, probe, webhookUrl } = await startWebhookGateway();
    const jobId = await createBrandJob(gateway.sim, 'alpha');
    const connection = connectWebSocket(gateway.url, gateway.as('alpha'));
    const subscribers = [
      connection.subscribe(JOB_UPDATED, { id: jobId }),
      connection.subscribe(JOB_UPDATED, { id: jobId }),
    ];
    await waitFor(
      () => probe.longPollsInFlight(jobId) === 1,
      5000,
      'the watcher to wait in a long-poll',
    );
    await awaitJob(gateway.sim, 'alpha', jobId);

    const body = eventBody(jobId);
    const answers = await Promise.all(
      [1, 2, 3].map(() => fetch(webhookUrl, { method: 'POST', headers: signed(body), body })),
    );
    await Promise.all(subscribers.map((subscriber) => subscriber.finished));

    expect(answers.map((answer) => answer.status)).toEqual([204, 204, 204]);
    for (const subscriber of subscribers) {
      expect(subscriber.state).toBe('complete');
      const statuses = jobEvents(subscriber).map((job) => job.status);
      expect(statuses.filter((status) => status === 'COMPLETED')).toHaveLength(1);
      expect(statuses.at(-1)).toBe('COMPLETED');
    }
  });

  it('should answer 401 to an unsigned or wrongly signed delivery and leave the watchers alone', async () => {
    const { gateway, probe, webhookUrl } = await startWebhookGateway();
    const jobId = await createBrandJob(gateway.sim, 'alpha');
    const subscriber = connectWebSocket(gateway.url, gateway.as('alpha')).subscribe(JOB_UPDATED, {
      id: jobId,
    });
    await waitFor(() => probe.longPollsInFlight(jobId) === 1, 5000, 'a long-poll in flight');
    const longPolls = () => probe.forObject(jobId).filter((request) => request.longPoll);
    const count = longPolls().length;
    const body = eventBody(jobId);

    const unsigned = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const wrongSecret = await fetch(webhookUrl, {
      method: 'POST',
      headers: signed(body, 'not-the-secret'),
      body,
    });
    const tampered = await fetch(webhookUrl, {
      method: 'POST',
      headers: signed(body),
      body: body.replace('completed', 'failed'),
    });

    expect([unsigned.status, wrongSecret.status, tampered.status]).toEqual([401, 401, 401]);
    // A round trip through the gateway and the probe: an aborted long-poll would show by now.
    await gateway.gql('query($id: ID!) { job(id: $id) { id } }', { id: jobId });
    expect(probe.longPollsInFlight(jobId)).toBe(1);
    expect(longPolls()).toHaveLength(count);
    expect(longPolls().at(-1)?.aborted).toBe(false);
    expect(subscriber.state).toBe('active');
  });

  it('should answer 400 to a signed body that is not a job event, 204 to other event types, and 405 to other methods', async () => {
    const { webhookUrl } = await startWebhookGateway();
    const post = (body: string) =>
      fetch(webhookUrl, { method: 'POST', headers: signed(body), body });

    expect((await post('{not json')).status).toBe(400);
    expect((await post(JSON.stringify({ type: 'job.completed', data: {} }))).status).toBe(400);
    expect((await post(JSON.stringify({ type: 'webhook.test', data: {} }))).status).toBe(204);
    expect((await fetch(webhookUrl)).status).toBe(405);
  });

  it('should answer 404 when no webhook secret is configured', async () => {
    const gateway = await startTestGateway();
    const body = eventBody('3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b');

    const response = await fetch(new URL('/webhooks/pi', gateway.url), {
      method: 'POST',
      headers: signed(body),
      body,
    });

    expect(response.status).toBe(404);
  });
});
