/**
 * RELIABILITY.md, lifecycle rows not being built elsewhere: L2 (mass reconnect) and L3 (a plugin
 * that throws). L1 (SIGTERM) and L4 (`/readyz`) have suites of their own.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../../src/graphql/context.js';
import { createBrandJob } from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import { waitFor } from '../helpers/wait-for.js';
import { connectWebSocket } from '../subscriptions-e2e/helpers.js';
import type { WsConnection } from '../subscriptions-e2e/helpers.js';
import { expectNoLeak } from './expect-no-leak.js';

const JOB_UPDATED = 'subscription ($id: ID!) { jobUpdated(id: $id) { id status } }';

describe('L2: a mass reconnect', () => {
  it('should give 200 sockets that all reconnect at once their current state again, from one watcher', async () => {
    const gw = await startTestGateway({ simulator: { stepMs: 5000 } });
    const jobId = await createBrandJob(gw.sim, 'alpha');
    const connectAll = () =>
      Array.from({ length: 200 }, () => {
        const connection = connectWebSocket(gw.url, gw.as('alpha'));
        return { connection, received: connection.subscribe(JOB_UPDATED, { id: jobId }) };
      });
    const firstStates = (clients: ReturnType<typeof connectAll>) =>
      clients.every(({ received }) => received.results.length > 0);

    const before = connectAll();
    await waitFor(() => firstStates(before), 15_000, '200 first states');
    // A deploy: every socket drops at the same moment, and every client comes straight back.
    for (const { connection } of before) (connection as WsConnection).socket()?.terminate();
    const after = connectAll();
    await waitFor(() => firstStates(after), 15_000, '200 first states after the reconnect');

    for (const { received } of after) {
      expect(received.state).toBe('active');
      expect(received.results[0]?.errors).toBeUndefined();
      expect(received.results[0]?.data).toEqual({
        jobUpdated: { id: jobId, status: expect.stringMatching(/QUEUED|PROCESSING/) },
      });
    }
    // Shared watchers: a handful of reads, not one per socket.
    expect(gw.upstream.matching(`/api/v1/jobs/${jobId}`).length).toBeLessThan(20);
    expect((await fetch(new URL('/healthz', gw.url))).status).toBe(200);
  });
});

describe('L3: a plugin that throws', () => {
  const hooks = [
    'requestDidStart',
    'didResolveOperation',
    'executionDidStart',
    'willSendResponse',
  ] as const;

  function throwingPlugin(hook: (typeof hooks)[number]): ApolloServerPlugin<GatewayContext> {
    const boom = () => {
      throw new Error('plugin failed talking to http://10.9.8.7:6379 with password hunter2');
    };
    if (hook === 'requestDidStart') return { requestDidStart: async () => boom() };
    return { requestDidStart: async () => ({ [hook]: async () => boom() }) };
  }

  it.each(hooks)(
    'should answer a JSON INTERNAL_SERVER_ERROR when a plugin throws in %s, leak nothing and keep serving',
    async (hook) => {
      let failing = true;
      const plugin = throwingPlugin(hook);
      const gw = await startTestGateway({
        deps: {
          plugins: [
            {
              async requestDidStart(context) {
                return failing ? plugin.requestDidStart?.(context) : undefined;
              },
            },
          ],
        },
      });

      const failed = await gw.gql('{ __typename }');
      failing = false;
      const next = await gw.gql('{ __typename }');

      expect(failed.status).toBe(500);
      expect(failed.headers.get('content-type')).toContain('application/json');
      expect(failed.body.errors).toEqual([
        expect.objectContaining({
          message: 'Internal server error',
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        }),
      ]);
      expectNoLeak(gw, failed.body, ['10.9.8.7', 'hunter2', 'plugin failed']);
      // The failure is logged, with the request id, for the operator.
      expect(
        gw.logs.some(
          (entry) => entry.level === 'error' && typeof entry.fields?.requestId === 'string',
        ),
      ).toBe(true);
      // Nor do the logs carry the host it quoted (Apollo's own log lines included).
      expect(JSON.stringify(gw.logs)).not.toContain('10.9.8.7');
      expect(next.status).toBe(200);
      expect(next.body.data).toEqual({ __typename: 'Query' });
    },
  );
});
