import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  armSimulatorFault,
  clearSimulatorFaults,
  createCompletedBrandJob,
} from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';

const gw = await startTestGateway({ simulator: { faults: true } });
const alphaJob = await createCompletedBrandJob(gw.sim, 'alpha', 'https://alpha-shop.example');

const JOB_QUERY = 'query ($id: ID!) { job(id: $id) { id status } }';

beforeEach(() => gw.upstream.clear());
afterEach(() => clearSimulatorFaults(gw.sim));

/**
 * Holds every upstream job read for `ms` in the simulator, so that two operations sent together
 * are both in flight upstream at the same time.
 */
async function slowJobReads(times: number, ms = 300): Promise<void> {
  await armSimulatorFault(gw.sim, { route: 'GET /api/v1/jobs/:id', fault: `latency=${ms}`, times });
}

describe('tenant isolation and in-flight dedupe', () => {
  it("should answer NOT_FOUND at the field's path when org beta asks for alpha's job", async () => {
    const response = await gw.gql(JOB_QUERY, { id: alphaJob.jobId }, gw.as('beta'));

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ job: null });
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0]).toMatchObject({
      path: ['job'],
      extensions: { code: 'NOT_FOUND' },
    });
    expect(JSON.stringify(response.body)).not.toContain(gw.sim.keys.beta);
    expect(gw.upstream.requests).toHaveLength(1);
    expect(gw.upstream.requests[0]).toMatchObject({
      path: `/api/v1/jobs/${alphaJob.jobId}`,
      authorization: `Bearer ${gw.sim.keys.beta}`,
    });
  });

  it("should answer NOT_FOUND when org beta asks for alpha's brand, like a missing one", async () => {
    const query = 'query ($id: ID!) { brand(id: $id) { name } }';
    const foreign = await gw.gql(query, { id: alphaJob.brandId }, gw.as('beta'));
    const missing = await gw.gql(
      query,
      { id: '00000000-0000-4000-8000-000000000000' },
      gw.as('beta'),
    );

    expect(foreign.body.data).toEqual({ brand: null });
    expect(foreign.body.errors[0]).toMatchObject({
      path: ['brand'],
      extensions: { code: 'NOT_FOUND' },
    });
    expect(missing.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('should make two upstream calls for two keys reading the same job at the same time', async () => {
    await slowJobReads(2);

    const [alpha, beta] = await Promise.all([
      gw.gql(JOB_QUERY, { id: alphaJob.jobId }, gw.as('alpha')),
      gw.gql(JOB_QUERY, { id: alphaJob.jobId }, gw.as('beta')),
    ]);

    expect(alpha.body.data).toEqual({ job: { id: alphaJob.jobId, status: 'COMPLETED' } });
    expect(beta.body.data).toEqual({ job: null });
    expect(beta.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const reads = gw.upstream.matching(`/api/v1/jobs/${alphaJob.jobId}`);
    expect(reads).toHaveLength(2);
    expect(reads.map((request) => request.authorization).sort()).toEqual(
      [`Bearer ${gw.sim.keys.alpha}`, `Bearer ${gw.sim.keys.beta}`].sort(),
    );
  });

  it('should share one upstream call between two operations of one key reading the same job at the same time', async () => {
    await slowJobReads(2);

    const [first, second] = await Promise.all([
      gw.gql(JOB_QUERY, { id: alphaJob.jobId }),
      gw.gql(JOB_QUERY, { id: alphaJob.jobId }),
    ]);

    const expected = { job: { id: alphaJob.jobId, status: 'COMPLETED' } };
    expect(first.body.data).toEqual(expected);
    expect(second.body.data).toEqual(expected);
    const reads = gw.upstream.matching(`/api/v1/jobs/${alphaJob.jobId}`);
    expect(reads).toHaveLength(1);
    // Both operations report the shared upstream request as theirs.
    expect(first.body.extensions.pi.requestIds).toEqual([reads[0]?.responseRequestId]);
    expect(second.body.extensions.pi.requestIds).toEqual([reads[0]?.responseRequestId]);
  });
});
