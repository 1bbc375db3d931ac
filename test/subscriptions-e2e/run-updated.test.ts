import { describe, expect, it, onTestFinished } from 'vitest';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import { waitFor } from '../helpers/wait-for.js';
import { connectWebSocket, createRun } from './helpers.js';
import type { Received } from './helpers.js';
import { startUpstreamProbe } from './upstream-probe.js';

const RUN_UPDATED = `subscription($id: ID!) {
  runUpdated(id: $id) { id status steps { id status jobId job { status } } }
}`;

async function startProbedGateway(stepMs: number, pollTimeoutSeconds: number) {
  const probe = await startUpstreamProbe();
  onTestFinished(() => probe.stop());
  const gateway = await startTestGateway({
    simulator: { stepMs },
    config: { piBaseUrl: probe.url, subscriptionPollTimeoutSeconds: pollTimeoutSeconds },
  });
  probe.target = gateway.sim.url;
  return { gateway, probe };
}

function runEvents(received: Received): Array<Record<string, any>> {
  return received.results.map((result) => {
    if (result.errors !== undefined)
      throw new Error(`event with errors: ${JSON.stringify(result)}`);
    return (result.data as { runUpdated: Record<string, any> }).runUpdated;
  });
}

describe('Subscription.runUpdated over graphql-ws', () => {
  it('should give subscribers of a run one shared watcher, one event per change of the run or a step, and COMPLETED, then complete', async () => {
    const { gateway, probe } = await startProbedGateway(300, 1);
    const runId = await createRun(gateway.sim, 'alpha');
    const connection = connectWebSocket(gateway.url, gateway.as('alpha'));
    const subscribers = Array.from({ length: 3 }, () =>
      connection.subscribe(RUN_UPDATED, { id: runId }),
    );

    await Promise.all(subscribers.map((subscriber) => subscriber.finished));

    const requests = probe.forObject(runId);
    expect(requests.filter((request) => !request.longPoll)).toHaveLength(1);
    expect(probe.maxConcurrentLongPolls(runId)).toBe(1);
    for (const subscriber of subscribers) {
      expect(subscriber.state).toBe('complete');
      const events = runEvents(subscriber);
      expect(events.length).toBeGreaterThanOrEqual(2);
      const last = events.at(-1);
      expect(last?.status).toBe('COMPLETED');
      expect(last?.steps).toEqual([
        {
          id: 'extract',
          status: 'COMPLETED',
          jobId: expect.any(String),
          job: { status: 'COMPLETED' },
        },
      ]);
      // Each event is a change: no two successive events say the same thing.
      const steps = events.map((run) =>
        JSON.stringify([run.status, run.steps.map((step: any) => step.status)]),
      );
      expect(new Set(steps).size).toBe(steps.length);
    }
  });

  it("should answer NOT_FOUND to another organization's run and stop polling when the last subscriber leaves", async () => {
    const { gateway, probe } = await startProbedGateway(400, 5);
    const runId = await createRun(gateway.sim, 'alpha');

    const foreign = connectWebSocket(gateway.url, gateway.as('beta')).subscribe(RUN_UPDATED, {
      id: runId,
    });
    const own = connectWebSocket(gateway.url, gateway.as('alpha')).subscribe(RUN_UPDATED, {
      id: runId,
    });
    await foreign.finished;
    await waitFor(() => probe.longPollsInFlight(runId) === 1, 5000, 'a long-poll of the run');
    own.unsubscribe();
    await waitFor(() => probe.longPollsInFlight(runId) === 0, 5000, 'the long-poll to end');

    expect(foreign.results).toHaveLength(1);
    expect(foreign.results[0]?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(
      probe
        .forObject(runId)
        .filter((request) => request.longPoll)
        .at(-1)?.aborted,
    ).toBe(true);
  });
});
