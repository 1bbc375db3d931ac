/**
 * RELIABILITY.md, tenant rows not already covered elsewhere: T2 for every object type, directly
 * and by alias (jobs, brands and `_entities`/subscriptions are in test/graphql/tenancy.test.ts,
 * test/federation/entities.test.ts and test/subscriptions-e2e), T5 (redirects) and T6 (secrets in
 * upstream error text) against a fake upstream.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { awaitJob, callSimulator, createCompletedBrandJob } from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import { expectNoLeak } from './expect-no-leak.js';
import { startFakeUpstream } from './fake-upstream.js';

const gw = await startTestGateway();

/** Objects of org beta of every readable type. */
async function createBetaObjects() {
  const brand = await createCompletedBrandJob(gw.sim, 'beta', 'https://t2-beta.example');
  const image = await callSimulator<{ job_id: string }>(
    gw.sim,
    'beta',
    'POST',
    '/api/v1/images/generations',
    {
      prompt: 'A beta poster',
    },
  );
  const avatarJob = await callSimulator<{ job_id: string }>(
    gw.sim,
    'beta',
    'POST',
    '/api/v1/avatars/generate',
    {
      prompt: 'A beta chef',
    },
  );
  await awaitJob(gw.sim, 'beta', avatarJob.job_id);
  const avatar = await callSimulator<{ id: string }>(
    gw.sim,
    'beta',
    'POST',
    '/api/v1/avatars/save',
    {
      job_id: avatarJob.job_id,
      label: 'Beta chef',
    },
  );
  const run = await callSimulator<{ run_id: string }>(gw.sim, 'beta', 'POST', '/api/v1/runs', {
    steps: [{ id: 'extract', action: 'brands.extract', input: { url: 'https://t2-run.example' } }],
  });
  return {
    job: brand.jobId,
    brand: brand.brandId,
    imageGeneration: image.job_id,
    savedAvatar: avatar.id,
    run: run.run_id,
  };
}

const beta = await createBetaObjects();

const SELECTIONS: Record<keyof typeof beta, string> = {
  job: 'id status',
  brand: 'id name',
  imageGeneration: 'id status',
  savedAvatar: 'id label',
  run: 'id status',
};

describe('T2: another organization’s objects', () => {
  it.each(Object.keys(beta) as Array<keyof typeof beta>)(
    "should answer NOT_FOUND for org beta's %s, identical to a missing id, directly and by alias",
    async (field) => {
      const foreignId = beta[field];
      const missingId = randomUUID();
      const query = `query ($a: ID!, $b: ID!) {
        foreign: ${field}(id: $a) { ${SELECTIONS[field]} }
        missing: ${field}(id: $b) { ${SELECTIONS[field]} }
        again: ${field}(id: $a) { id }
      }`;

      const response = await gw.gql(query, { a: foreignId, b: missingId }, gw.as('alpha'));

      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ foreign: null, missing: null, again: null });
      const byAlias = Object.fromEntries(
        (response.body.errors as Array<{ path: string[] }>).map((error) => [error.path[0], error]),
      );
      // Identical but for the id itself and the upstream request id.
      const anonymous = (alias: string, id: string) =>
        JSON.parse(
          JSON.stringify({ ...byAlias[alias], path: undefined, locations: undefined })
            .replaceAll(id, '<id>')
            .replace(/req_[\w-]+/g, '<request id>'),
        ) as unknown;
      expect(anonymous('foreign', foreignId)).toEqual(anonymous('missing', missingId));
      expect(anonymous('again', foreignId)).toEqual(anonymous('missing', missingId));
      expect(byAlias.foreign?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      expect(
        gw.upstream.requests.every(
          (request) => request.authorization === gw.as('alpha').authorization,
        ),
      ).toBe(true);
      expectNoLeak(gw, response.body, ['t2-beta', 'Beta chef', 'A beta poster']);
    },
  );
});

describe('T5: an upstream redirect', () => {
  it('should not follow it, send the key nowhere else, and answer an error without the target', async () => {
    const elsewhere = await startFakeUpstream((_req, res) => res.writeHead(200).end('{}'));
    const pi = await startFakeUpstream((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.url}/steal?from=pi` }).end();
    });
    const gateway = await startTestGateway({ config: { piBaseUrl: pi.url } });

    const response = await gateway.gql('query ($id: ID!) { job(id: $id) { id } }', {
      id: randomUUID(),
    });

    expect(response.body.data).toEqual({ job: null });
    expect(response.body.errors[0]).toMatchObject({
      path: ['job'],
      extensions: { code: 'UPSTREAM_BAD_RESPONSE' },
    });
    expect(pi.requests).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
    expectNoLeak(gateway, response.body, [elsewhere.url, new URL(pi.url).host, 'steal']);
  });
});

describe('T6: upstream error text with URLs and secrets', () => {
  it('should mask them in the response and keep them out of every log line', async () => {
    const secrets = [
      'https://internal.pi.example/admin?token=abc123',
      'pi_live_0123456789abcdefghijklmnop',
      'sk_live_9876543210zyxwvutsrqponm',
      'db.internal.pi.example',
    ];
    const pi = await startFakeUpstream((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json', 'x-request-id': 'req_t6' });
      res.end(
        JSON.stringify({
          error: {
            type: 'invalid_request_error',
            code: 'invalid_id',
            message: `Lookup failed at ${secrets[0]} with key ${secrets[1]} (${secrets[2]}) on ${secrets[3]}\n    at Object.<anonymous> (/srv/pi/app.js:1:1)`,
            param: 'id',
          },
        }),
      );
    });
    const gateway = await startTestGateway({ config: { piBaseUrl: pi.url } });

    const response = await gateway.gql('query ($id: ID!) { job(id: $id) { id } }', {
      id: randomUUID(),
    });

    expect(response.body.data).toEqual({ job: null });
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expectNoLeak(gateway, response.body, [...secrets, 'internal.pi', '/srv/pi', pi.url]);
    expectNoLeak(gateway, gateway.logs, secrets);
  });
});
