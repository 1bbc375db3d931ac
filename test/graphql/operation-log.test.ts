import { describe, expect, it } from 'vitest';
import { createCompletedBrandJob } from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import type { LogEntry, TestGateway } from '../helpers/start-test-gateway.js';

const MISSING_JOB = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';

function operationLines(gateway: TestGateway): LogEntry[] {
  return gateway.logs.filter((entry) => entry.message === 'GraphQL operation');
}

describe('the operation log line', () => {
  it('should log one info line per operation with the request id, name, type, outcome, duration and upstream request ids, never the query or variables', async () => {
    const gateway = await startTestGateway();
    const { jobId } = await createCompletedBrandJob(gateway.sim, 'alpha', 'https://log.example');

    const response = await gateway.gql(
      'query ReadJob($id: ID!) { job(id: $id) { id status } }',
      { id: jobId },
      { 'x-client-note': 'irrelevant' },
    );

    expect(response.body.data.job.status).toBe('COMPLETED');
    const lines = operationLines(gateway);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line?.level).toBe('info');
    expect(line?.fields).toEqual({
      requestId: response.headers.get('x-request-id'),
      operationName: 'ReadJob',
      operationType: 'query',
      outcome: 'success',
      status: 200,
      durationMs: expect.any(Number),
      errorCodes: [],
      upstreamRequestIds: response.body.extensions.pi.requestIds,
    });
    expect(line?.fields?.upstreamRequestIds).toHaveLength(1);
    expect(JSON.stringify(line)).not.toContain(jobId);
    expect(JSON.stringify(line)).not.toContain('status }');
  });

  it('should report a partial outcome with the error codes, an error outcome when no data is left, and a rejected one for an operation refused before execution', async () => {
    const gateway = await startTestGateway();

    const partial = await gateway.gql(`{ job(id: "${MISSING_JOB}") { id } __typename }`);
    const failed = await gateway.gql(
      `mutation Fail { generateImage(input: { prompt: "" }) { idempotencyKey } }`,
    );
    const invalid = await gateway.gql('query Broken { job(id: 1) { nope } }');

    expect(partial.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(failed.body.data).toBeNull();
    expect(invalid.status).toBe(400);
    expect(operationLines(gateway).map((line) => line.fields)).toEqual([
      expect.objectContaining({
        operationName: null,
        operationType: 'query',
        outcome: 'partial',
        errorCodes: ['NOT_FOUND'],
        status: 200,
      }),
      expect.objectContaining({
        operationName: 'Fail',
        operationType: 'mutation',
        outcome: 'error',
        errorCodes: [failed.body.errors?.[0]?.extensions?.code],
        upstreamRequestIds: [],
      }),
      expect.objectContaining({
        operationName: 'Broken',
        operationType: 'query',
        outcome: 'rejected',
        errorCodes: ['GRAPHQL_VALIDATION_FAILED'],
        status: 400,
        upstreamRequestIds: [],
      }),
    ]);
  });

  it('should log introspection at debug, and a document that does not parse without a name or type', async () => {
    const gateway = await startTestGateway({ config: { nodeEnv: 'development' } });

    const schema = await gateway.gql('query Schema { __schema { queryType { name } } }');
    await gateway.gql('query Cut { job(id: "x") {');

    expect(schema.body.data.__schema.queryType.name).toBe('Query');
    expect(operationLines(gateway)).toEqual([
      expect.objectContaining({
        level: 'debug',
        fields: expect.objectContaining({ operationName: 'Schema', outcome: 'success' }),
      }),
      expect.objectContaining({
        level: 'info',
        fields: expect.objectContaining({
          operationName: null,
          operationType: null,
          outcome: 'rejected',
          errorCodes: ['GRAPHQL_PARSE_FAILED'],
        }),
      }),
    ]);
  });
});
