import { MockAgent } from 'undici';
import type { MockCallHistoryLog, MockPool } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/index.js';
import type { GatewayError } from '../../src/errors/index.js';
import {
  createCredential,
  createPiApi,
  createPiClient,
  createUpstreamRecorder,
} from '../../src/pi/index.js';
import type { PiClient, PiWriteApi } from '../../src/pi/index.js';
import { rejectionOf } from '../helpers/rejection-of.js';

// The domain writes of `src/pi` over undici's MockAgent: which endpoint each one calls, which
// carry the `Idempotency-Key` and may be retried with it, and how answers are checked.
const ORIGIN = 'http://127.0.0.1:4010';
const JOB = '7b8c9f2f-8d7a-4a39-8d8d-1cd4d11f8a7a';
const ID = '1c26bcfa-0000-4000-8000-000000000001';
const jsonHeaders = (extra: Record<string, string> = {}) => ({
  headers: { 'content-type': 'application/json', ...extra },
});

const envelope = (data: unknown) => ({
  id: 'req_pi_env',
  object: 'x',
  status: 'queued',
  created_at: 1,
  data,
});
const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4010'), { code: 'ECONNREFUSED' });
const anyPath = (): boolean => true;

const webhook = {
  object: 'webhook',
  id: ID,
  endpoint_url: 'https://hooks.example/pi',
  is_active: true,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};
const accepted = { job_id: JOB };

type Write = (api: PiWriteApi, key: string) => Promise<unknown>;

/** Each write: its call with a key where it takes one, the REST call, and a valid answer. */
const WRITES: Array<{
  name: string;
  call: Write;
  method: string;
  path: string;
  status: number;
  data: unknown;
  idempotent: boolean;
}> = [
  {
    name: 'extractBrand',
    call: (api) => api.extractBrand({ url: 'https://acme.example' }),
    method: 'POST',
    path: '/api/v1/brands/extract',
    status: 202,
    data: accepted,
    idempotent: false,
  },
  {
    name: 'projectBrand',
    call: (api) => api.projectBrand(ID, { use_case: 'banner' }),
    method: 'POST',
    path: `/api/v1/brands/${ID}/project`,
    status: 200,
    data: { use_case: 'banner', is_wildcard: true, payload: {} },
    idempotent: false,
  },
  {
    name: 'generateImage',
    call: (api, key) => api.generateImage({ prompt: 'p' }, { idempotencyKey: key }),
    method: 'POST',
    path: '/api/v1/images/generations',
    status: 202,
    data: accepted,
    idempotent: true,
  },
  {
    name: 'generateCampaignAd',
    call: (api, key) => api.generateCampaignAd({ prompt: 'p' }, { idempotencyKey: key }),
    method: 'POST',
    path: '/api/v1/campaigns/generate',
    status: 202,
    data: accepted,
    idempotent: true,
  },
  {
    name: 'editCampaignAd',
    call: (api, key) =>
      api.editCampaignAd({ source_job_id: JOB, prompt: 'p' }, { idempotencyKey: key }),
    method: 'POST',
    path: '/api/v1/campaigns/edit',
    status: 202,
    data: accepted,
    idempotent: true,
  },
  {
    name: 'localizeCampaignAd',
    call: (api, key) =>
      api.localizeCampaignAd(
        { prompt: 'p', source_job_id: JOB, target_culture: 'Japan' },
        { idempotencyKey: key },
      ),
    method: 'POST',
    path: '/api/v1/campaigns/localize-ad',
    status: 202,
    data: accepted,
    idempotent: true,
  },
  {
    name: 'generateAvatar',
    call: (api, key) => api.generateAvatar({ prompt: 'p' }, { idempotencyKey: key }),
    method: 'POST',
    path: '/api/v1/avatars/generate',
    status: 202,
    data: accepted,
    idempotent: true,
  },
  {
    name: 'saveAvatar',
    call: (api) => api.saveAvatar({ job_id: JOB }),
    method: 'POST',
    path: '/api/v1/avatars/save',
    status: 200,
    data: { id: ID, label: null, image_url: 'https://img.example/a.png', created_at: 'x' },
    idempotent: false,
  },
  {
    name: 'createWebhook',
    call: (api) =>
      api.createWebhook({ endpoint_url: 'https://hooks.example/pi', secret: 's3cret!!' }),
    method: 'POST',
    path: '/api/v1/webhooks',
    status: 200,
    data: webhook,
    idempotent: false,
  },
  {
    name: 'updateWebhook',
    call: (api) => api.updateWebhook(ID, { is_active: false }),
    method: 'PATCH',
    path: `/api/v1/webhooks/${ID}`,
    status: 200,
    data: webhook,
    idempotent: false,
  },
  {
    name: 'startRun',
    call: (api) => api.startRun({ steps: [{ id: 'a', action: 'brands.extract' }] }),
    method: 'POST',
    path: '/api/v1/runs',
    status: 202,
    data: { run_id: ID, status: 'pending', steps: [{ id: 'a', status: 'pending' }] },
    idempotent: false,
  },
];

describe('the Pi write methods', () => {
  let agent: MockAgent;
  let pi: MockPool;
  let client: PiClient;
  let api: PiWriteApi;

  const calls = (): MockCallHistoryLog[] => agent.getCallHistory()?.calls() ?? [];
  const keysSent = () =>
    calls().map((call) => (call.headers as Record<string, string>)['idempotency-key']);

  beforeEach(() => {
    agent = new MockAgent({ enableCallHistory: true });
    agent.disableNetConnect();
    pi = agent.get(ORIGIN);
    client = createPiClient({ baseUrl: ORIGIN, dispatcher: agent, random: () => 0 });
    api = createPiApi(client, createCredential('Bearer pi_test_alpha'), createUpstreamRecorder());
  });

  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await client.close();
    await agent.close();
  });

  describe.each(WRITES)('$name', (write) => {
    it('should call its endpoint once and resolve with the data, the request id and no replay', async () => {
      pi.intercept({ path: anyPath, method: write.method }).reply(
        write.status,
        envelope(write.data),
        jsonHeaders({ 'x-request-id': 'req_pi_answer' }),
      );

      const result = await write.call(api, 'key-1');

      expect(result).toMatchObject({ requestId: 'req_pi_answer', replayed: false });
      expect(calls()).toHaveLength(1);
      expect(calls()[0]?.method).toBe(write.method);
      expect(calls()[0]?.path).toBe(write.path);
      expect(keysSent()).toEqual([write.idempotent ? 'key-1' : undefined]);
    });

    it(
      write.idempotent
        ? 'should retry after a reset with the same key'
        : 'should not retry after a reset and say the outcome is unknown',
      async () => {
        pi.intercept({ path: anyPath, method: write.method }).replyWithError(reset());
        if (write.idempotent) {
          pi.intercept({ path: anyPath, method: write.method }).reply(
            write.status,
            envelope(write.data),
            jsonHeaders({ 'x-idempotency-replayed': 'true' }),
          );
          expect(await write.call(api, 'key-2')).toMatchObject({ replayed: true });
          expect(keysSent()).toEqual(['key-2', 'key-2']);
          return;
        }
        const error = await rejectionOf(write.call(api, 'key-2'));
        expect(error.extensions).toEqual({
          code: ErrorCode.UPSTREAM_UNAVAILABLE,
          outcome: 'unknown',
        });
        expect(calls()).toHaveLength(1);
      },
    );

    it('should retry when the connection was refused, since nothing reached Pi', async () => {
      pi.intercept({ path: anyPath, method: write.method }).replyWithError(refused());
      pi.intercept({ path: anyPath, method: write.method }).reply(
        write.status,
        envelope(write.data),
        jsonHeaders(),
      );

      await write.call(api, 'key-3');

      expect(calls()).toHaveLength(2);
    });

    it('should fail with UPSTREAM_BAD_RESPONSE when the answer has the wrong shape', async () => {
      pi.intercept({ path: anyPath, method: write.method }).reply(
        write.status,
        envelope({ unexpected: true }),
        jsonHeaders(),
      );

      const error = await rejectionOf(write.call(api, 'key-4'));

      expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    });
  });

  it('should never retry an idempotency key mismatch', async () => {
    pi.intercept({ path: anyPath, method: 'POST' }).reply(
      409,
      {
        error: {
          type: 'invalid_request_error',
          code: 'idempotency_key_mismatch',
          message: 'Idempotency-Key was already used with a different request body.',
          param: 'Idempotency-Key',
        },
      },
      jsonHeaders(),
    );

    const error = await rejectionOf(api.generateImage({ prompt: 'p' }, { idempotencyKey: 'k' }));

    expect(error.extensions.code).toBe(ErrorCode.IDEMPOTENCY_KEY_MISMATCH);
    expect(calls()).toHaveLength(1);
  });

  it('should retry a keyed write after 502, 503 and 504, but a write without a key not at all', async () => {
    for (const status of [502, 503, 504]) {
      pi.intercept({ path: anyPath, method: 'POST' }).reply(status, {}, jsonHeaders());
    }
    pi.intercept({ path: anyPath, method: 'POST' }).reply(202, envelope(accepted), jsonHeaders());
    const retrying = createPiApi(
      createPiClient({ baseUrl: ORIGIN, dispatcher: agent, random: () => 0, maxRetries: 3 }),
      createCredential('Bearer pi_test_alpha'),
      createUpstreamRecorder(),
    );

    await retrying.generateImage({ prompt: 'p' }, { idempotencyKey: 'k' });
    expect(keysSent()).toEqual(['k', 'k', 'k', 'k']);

    pi.intercept({ path: anyPath, method: 'POST' }).reply(503, {}, jsonHeaders());
    const error = await rejectionOf(retrying.generateImage({ prompt: 'p' }));
    expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_ERROR);
    expect(calls()).toHaveLength(5);
  });

  it('should keep only the documented webhook fields, so a secret never travels further', async () => {
    pi.intercept({ path: anyPath, method: 'POST' }).reply(
      200,
      envelope({ ...webhook, secret: 's3cret!!' }),
      jsonHeaders(),
    );

    const result = await api.createWebhook({
      endpoint_url: 'https://hooks.example/pi',
      secret: 's3cret!!',
    });

    expect(result.data).toEqual(webhook);
    expect(JSON.stringify(result)).not.toContain('s3cret');
  });

  it('should answer NOT_FOUND without a call for a path id that is not a UUID', async () => {
    const error = await rejectionOf(api.updateWebhook('../avatars', { is_active: true }));

    expect(error.extensions.code).toBe(ErrorCode.NOT_FOUND);
    expect(calls()).toHaveLength(0);
  });

  it('should forward only the allow-listed caller headers, never reserved ones', async () => {
    const forwarding = createPiClient({
      baseUrl: ORIGIN,
      dispatcher: agent,
      forwardHeaders: ['X-Tenant-Id', 'Authorization', 'Idempotency-Key'],
    });
    const tenantApi = createPiApi(
      forwarding,
      createCredential('Bearer pi_test_alpha'),
      createUpstreamRecorder(),
      {
        headers: {
          'x-tenant-id': 't-1',
          'x-gemini-api-key': 'g',
          authorization: 'Bearer other',
          'idempotency-key': 'smuggled',
        },
      },
    );
    pi.intercept({ path: anyPath, method: 'POST' }).reply(202, envelope(accepted), jsonHeaders());

    await tenantApi.generateImage({ prompt: 'p' }, { idempotencyKey: 'real' });

    const headers = calls()[0]?.headers as Record<string, string>;
    expect(headers['x-tenant-id']).toBe('t-1');
    expect(headers['x-gemini-api-key']).toBeUndefined();
    expect(headers.authorization).toBe('Bearer pi_test_alpha');
    expect(headers['idempotency-key']).toBe('real');
  });
});
