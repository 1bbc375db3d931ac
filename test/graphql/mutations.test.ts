import { beforeEach, describe, expect, it } from 'vitest';
import { awaitJob, createCompletedBrandJob } from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';

// Every mutation: one success test (response and exact upstream request) and one validation test
// (BAD_USER_INPUT naming the field, no upstream call); plus the quickstart flow end to end.
const gw = await startTestGateway();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

const sorted = (values: readonly string[] | undefined) => [...(values ?? [])].sort();
const bodyOf = (index = 0): unknown => JSON.parse(gw.upstream.requests[index]?.body ?? 'null');

async function mutate(query: string, variables: Record<string, unknown>) {
  const response = await gw.gql(query, variables);
  expect(response.body.errors).toBeUndefined();
  return response.body.data;
}

/** Runs `query`, expects one BAD_USER_INPUT naming `field`, and no upstream request at all. */
async function expectInvalid(
  query: string,
  variables: Record<string, unknown>,
  field: string,
): Promise<string> {
  const response = await gw.gql(query, variables);
  expect(response.body.data).toBeNull();
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
  expect(response.body.errors[0].message).toContain(field);
  expect(gw.upstream.requests).toHaveLength(0);
  return response.body.errors[0].message as string;
}

const GENERATE_IMAGE = `mutation ($input: GenerateImageInput!) {
  generateImage(input: $input) { job { id status type } idempotencyKey replayed requestId }
}`;
const GENERATE_CAMPAIGN = `mutation ($input: GenerateCampaignAdInput!) {
  generateCampaignAd(input: $input) { job { id status type } imageGeneration { id kind status } idempotencyKey }
}`;
const EDIT = `mutation ($input: EditCampaignAdInput!) {
  editCampaignAd(input: $input) { job { id status type } idempotencyKey }
}`;
const LOCALIZE = `mutation ($input: LocalizeCampaignAdInput!) {
  localizeCampaignAd(input: $input) { job { id status type } idempotencyKey }
}`;
const GENERATE_AVATAR = `mutation ($input: GenerateAvatarInput!) {
  generateAvatar(input: $input) { job { id status type } idempotencyKey }
}`;
const EXTRACT = `mutation ($input: ExtractBrandInput!) {
  extractBrand(input: $input) { job { id status type } idempotencyKey replayed requestId }
}`;
const PROJECT = `mutation ($input: ProjectBrandInput!) {
  projectBrand(input: $input) { projection { brandId useCase isWildcard payload source } requestId }
}`;
const SAVE_AVATAR = `mutation ($input: SaveAvatarInput!) {
  saveAvatar(input: $input) { savedAvatar { id label imageUrl createdAt } requestId }
}`;
const CREATE_WEBHOOK = `mutation ($input: CreateWebhookInput!) {
  createWebhook(input: $input) { webhook { id endpointUrl isActive createdAt } requestId }
}`;
const SET_WEBHOOK_ACTIVE = `mutation ($input: SetWebhookActiveInput!) {
  setWebhookActive(input: $input) { webhook { id isActive } requestId }
}`;
const START_RUN = `mutation ($input: StartRunInput!) {
  startRun(input: $input) { run { id status steps { id status } } requestId }
}`;

beforeEach(() => gw.upstream.clear());

describe('extractBrand', () => {
  it('should queue an extraction with one POST and answer the job without reading it', async () => {
    const data = await mutate(EXTRACT, {
      input: {
        url: 'https://acme.example',
        location: { country: 'FR', languages: ['fr', 'en'] },
        logoBase64: null,
      },
    });

    expect(data.extractBrand).toMatchObject({
      job: { status: 'QUEUED', type: 'BRAND_EXTRACTION' },
      idempotencyKey: null,
      replayed: false,
    });
    expect(data.extractBrand.job.id).toMatch(UUID);
    expect(gw.upstream.requests).toHaveLength(1);
    expect(gw.upstream.requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/brands/extract',
      authorization: `Bearer ${gw.sim.keys.alpha}`,
    });
    expect(bodyOf()).toEqual({
      url: 'https://acme.example',
      location: { country: 'FR', languages: ['fr', 'en'] },
    });
    expect(gw.upstream.requests[0]?.headers['idempotency-key']).toBeUndefined();
    expect(data.extractBrand.requestId).toBe(gw.upstream.requests[0]?.responseRequestId);
  });

  it('should reject an input without any source, or with a bad URL or country, before any upstream call', async () => {
    await expectInvalid(EXTRACT, { input: {} }, 'input.url');
    await expectInvalid(EXTRACT, { input: { imagesBase64: [] } }, 'input.url');
    await expectInvalid(EXTRACT, { input: { url: 'ftp://acme.example' } }, 'input.url');
    await expectInvalid(
      EXTRACT,
      { input: { url: 'https://acme.example', location: { country: 'FRA' } } },
      'input.location.country',
    );
    await expectInvalid(EXTRACT, { input: { imagesBase64: ['a', ''] } }, 'input.imagesBase64[1]');
  });
});

describe('projectBrand', () => {
  it('should project a brand synchronously with one POST', async () => {
    const { brandId } = await createCompletedBrandJob(gw.sim, 'alpha', 'https://project.example');
    gw.upstream.clear();

    const data = await mutate(PROJECT, { input: { brandId, useCase: '  Instagram story ad  ' } });

    expect(data.projectBrand.projection).toMatchObject({
      brandId,
      useCase: 'Instagram story ad',
      isWildcard: true,
    });
    expect(typeof data.projectBrand.projection.payload).toBe('object');
    expect(gw.upstream.requests).toHaveLength(1);
    expect(gw.upstream.requests[0]).toMatchObject({
      method: 'POST',
      path: `/api/v1/brands/${brandId}/project`,
    });
    expect(bodyOf()).toEqual({ use_case: 'Instagram story ad' });
    expect(data.projectBrand.requestId).toBe(gw.upstream.requests[0]?.responseRequestId);
  });

  it('should reject a brand id that is not a UUID and a blank or too long use case', async () => {
    await expectInvalid(PROJECT, { input: { brandId: 'acme', useCase: 'x' } }, 'input.brandId');
    await expectInvalid(
      PROJECT,
      { input: { brandId: MISSING_ID, useCase: '  ' } },
      'input.useCase',
    );
    await expectInvalid(
      PROJECT,
      { input: { brandId: MISSING_ID, useCase: 'u'.repeat(701) } },
      'input.useCase',
    );
  });

  it('should answer NOT_FOUND for a brand of another organization', async () => {
    const { brandId } = await createCompletedBrandJob(gw.sim, 'beta', 'https://beta.example');

    const response = await gw.gql(PROJECT, { input: { brandId, useCase: 'Banner' } });

    expect(response.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('generateImage', () => {
  it('should send the snake_case body with Pi enum values and answer QUEUED without reading the job', async () => {
    const { brandId } = await createCompletedBrandJob(gw.sim, 'alpha', 'https://image.example');
    gw.upstream.clear();

    const data = await mutate(GENERATE_IMAGE, {
      input: {
        prompt: ' A red bicycle on a beach ',
        referenceImages: ['https://img.example/ref.png'],
        brandId,
        brandIdentityJson: { tone: 'playful' },
        output: { aspectRatio: 'R16_9', resolution: 'RES_2K', thinkingIntensity: 'HIGH' },
        clientReferenceId: 'order-42',
        metadata: { campaign: 'spring', locale: 'fr-FR' },
      },
    });

    expect(data.generateImage).toMatchObject({
      job: { status: 'QUEUED', type: 'AD_GENERATION' },
      replayed: false,
    });
    expect(gw.upstream.requests).toHaveLength(1);
    expect(gw.upstream.requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/images/generations',
    });
    expect(bodyOf()).toEqual({
      prompt: 'A red bicycle on a beach',
      reference_images: ['https://img.example/ref.png'],
      brand_id: brandId,
      brand_identity_json: { tone: 'playful' },
      output: { aspect_ratio: '16:9', resolution: '2K', thinking_intensity: 'high' },
      client_reference_id: 'order-42',
      metadata: { campaign: 'spring', locale: 'fr-FR' },
    });
    expect(gw.upstream.requests[0]?.headers['idempotency-key']).toBe(
      data.generateImage.idempotencyKey,
    );
  });

  it('should read the job through the query path, with planned fields, when the selection needs more', async () => {
    const response = await gw.gql(
      `mutation {
        generateImage(input: { prompt: "A kite" }) {
          job { id status phase createdAt }
          imageGeneration { kind prompt }
        }
      }`,
    );

    expect(response.body.errors).toBeUndefined();
    const { job, imageGeneration } = response.body.data.generateImage;
    expect(job.status).toMatch(/^(QUEUED|PROCESSING|COMPLETED)$/);
    expect(imageGeneration).toEqual({ kind: 'AD', prompt: 'A kite' });
    const reads = gw.upstream.matching(`/api/v1/jobs/${job.id}`);
    // Both selections of the same job in one tick: one merged GET.
    expect(reads).toHaveLength(1);
    expect(reads[0]?.expand).toEqual([]);
    expect(sorted(reads[0]?.fields)).toEqual([
      'created_at',
      'id',
      'org_id',
      'payload',
      'status',
      'type',
    ]);
  });

  it('should reject bad prompts, too many reference images and bad metadata before any upstream call', async () => {
    await expectInvalid(GENERATE_IMAGE, { input: { prompt: '   ' } }, 'input.prompt');
    await expectInvalid(GENERATE_IMAGE, { input: { prompt: 'p'.repeat(5001) } }, 'input.prompt');
    await expectInvalid(
      GENERATE_IMAGE,
      { input: { prompt: 'x', referenceImages: Array.from({ length: 7 }, () => 'https://i/x') } },
      'input.referenceImages',
    );
    await expectInvalid(
      GENERATE_IMAGE,
      {
        input: {
          prompt: 'x',
          metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])),
        },
      },
      'input.metadata',
    );
    await expectInvalid(
      GENERATE_IMAGE,
      { input: { prompt: 'x', metadata: { campaign: 7 } } },
      'input.metadata.campaign',
    );
    await expectInvalid(
      GENERATE_IMAGE,
      { input: { prompt: 'x', metadata: { note: 'n'.repeat(501) } } },
      'input.metadata.note',
    );
    await expectInvalid(
      GENERATE_IMAGE,
      { input: { prompt: 'x', metadata: ['not', 'an', 'object'] } },
      'input.metadata',
    );
    await expectInvalid(
      GENERATE_IMAGE,
      { input: { prompt: 'x', brandIdentityJson: 'flat' } },
      'input.brandIdentityJson',
    );
    await expectInvalid(GENERATE_IMAGE, { input: { prompt: 'x', brandId: 'b1' } }, 'input.brandId');
  });

  it("should reject a resolution that is not one of the enum's values before any upstream call", async () => {
    const response = await gw.gql(GENERATE_IMAGE, {
      input: { prompt: 'x', output: { resolution: '1k' } },
    });

    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors[0].message).toContain('output.resolution');
    expect(gw.upstream.requests).toHaveLength(0);
  });

  it('should reject an empty idempotencyKey argument', async () => {
    const response = await gw.gql(
      'mutation { generateImage(input: { prompt: "x" }, idempotencyKey: "") { idempotencyKey } }',
    );

    expect(response.body.errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'idempotencyKey',
    });
    expect(gw.upstream.requests).toHaveLength(0);
  });
});

describe('campaign mutations', () => {
  it('should generate, edit and localize a campaign ad, each with one POST', async () => {
    const generated = await mutate(GENERATE_CAMPAIGN, {
      input: { prompt: 'A summer sale poster', output: { aspectRatio: 'R4_5' } },
    });
    const campaignId = generated.generateCampaignAd.job.id as string;
    expect(generated.generateCampaignAd).toMatchObject({
      job: { status: 'QUEUED', type: 'CAMPAIGN_AD_GENERATION' },
      imageGeneration: { id: campaignId, kind: 'CAMPAIGN_AD', status: 'QUEUED' },
    });
    expect(gw.upstream.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v1/campaigns/generate',
    ]);
    expect(bodyOf()).toEqual({ prompt: 'A summer sale poster', output: { aspect_ratio: '4:5' } });
    expect((await awaitJob(gw.sim, 'alpha', campaignId)).status).toBe('completed');

    gw.upstream.clear();
    const edited = await mutate(EDIT, {
      input: { sourceJobId: campaignId, prompt: 'Make the sky pink', metadata: { step: '2' } },
    });
    expect(edited.editCampaignAd.job).toMatchObject({ status: 'QUEUED', type: 'CAMPAIGN_AD_EDIT' });
    expect(gw.upstream.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v1/campaigns/edit',
    ]);
    expect(bodyOf()).toEqual({
      source_job_id: campaignId,
      prompt: 'Make the sky pink',
      metadata: { step: '2' },
    });

    gw.upstream.clear();
    const localized = await mutate(LOCALIZE, {
      input: {
        prompt: 'Adapt for Japan',
        sourceJobId: campaignId,
        targetCulture: 'Japan',
        targetLanguage: 'ja',
        targetCurrency: 'JPY',
      },
    });
    expect(localized.localizeCampaignAd.job).toMatchObject({
      status: 'QUEUED',
      type: 'CAMPAIGN_AD_LOCALIZATION',
    });
    expect(bodyOf()).toEqual({
      prompt: 'Adapt for Japan',
      source_job_id: campaignId,
      target_culture: 'Japan',
      target_language: 'ja',
      target_currency: 'JPY',
    });
    expect(gw.upstream.requests[0]?.headers['idempotency-key']).toBe(
      localized.localizeCampaignAd.idempotencyKey,
    );
  });

  it('should localize from a source image URL', async () => {
    const data = await mutate(LOCALIZE, {
      input: {
        prompt: 'Adapt for Brazil',
        sourceImageUrl: 'https://img.example/ad.png',
        targetCulture: 'Brazil',
      },
    });

    expect(data.localizeCampaignAd.job.status).toBe('QUEUED');
    expect(bodyOf()).toEqual({
      prompt: 'Adapt for Brazil',
      source_image_url: 'https://img.example/ad.png',
      target_culture: 'Brazil',
    });
  });

  it('should answer NOT_FOUND when the edited source job does not exist', async () => {
    const response = await gw.gql(EDIT, { input: { sourceJobId: MISSING_ID, prompt: 'x' } });

    expect(response.body.errors[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      pi: { code: 'source_job_not_found' },
    });
  });

  it('should reject bad campaign inputs before any upstream call', async () => {
    await expectInvalid(
      GENERATE_CAMPAIGN,
      { input: { prompt: 'x', clientReferenceId: 'c'.repeat(201) } },
      'input.clientReferenceId',
    );
    await expectInvalid(
      EDIT,
      { input: { sourceJobId: 'job-1', prompt: 'x' } },
      'input.sourceJobId',
    );
    await expectInvalid(
      EDIT,
      { input: { sourceJobId: MISSING_ID, prompt: 'x', referenceImages: Array(7).fill('r') } },
      'input.referenceImages',
    );
    await expectInvalid(
      LOCALIZE,
      {
        input: {
          prompt: 'x',
          sourceImageUrl: 'https://img.example/a.png',
          sourceJobId: MISSING_ID,
          targetCulture: 'Japan',
        },
      },
      'input.sourceImageUrl',
    );
    await expectInvalid(
      LOCALIZE,
      { input: { prompt: 'x', targetCulture: 'Japan' } },
      'input.sourceImageUrl',
    );
    await expectInvalid(
      LOCALIZE,
      {
        input: {
          prompt: 'x',
          sourceJobId: MISSING_ID,
          targetCulture: 'Japan',
          referenceImages: Array(6).fill('r'),
        },
      },
      'input.referenceImages',
    );
    await expectInvalid(
      LOCALIZE,
      {
        input: {
          prompt: 'x',
          sourceJobId: MISSING_ID,
          targetCulture: 'Japan',
          targetCurrency: 'c'.repeat(17),
        },
      },
      'input.targetCurrency',
    );
  });
});

describe('avatar mutations', () => {
  it('should generate an avatar with snake_case hints, then save it', async () => {
    const generated = await mutate(GENERATE_AVATAR, {
      input: {
        prompt: 'A friendly chef',
        hints: { roleArchetype: 'chef', ageRange: '30-40', accessories: ['toque'], mood: null },
        output: { resolution: 'RES_1K' },
      },
    });
    const jobId = generated.generateAvatar.job.id as string;
    expect(generated.generateAvatar.job).toMatchObject({
      status: 'QUEUED',
      type: 'AVATAR_GENERATION',
    });
    expect(gw.upstream.requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/avatars/generate',
    });
    expect(bodyOf()).toEqual({
      prompt: 'A friendly chef',
      hints: { role_archetype: 'chef', age_range: '30-40', accessories: ['toque'] },
      output: { resolution: '1K' },
    });
    expect((await awaitJob(gw.sim, 'alpha', jobId)).status).toBe('completed');

    gw.upstream.clear();
    const saved = await mutate(SAVE_AVATAR, { input: { jobId, label: ' Chef ' } });
    expect(saved.saveAvatar.savedAvatar).toMatchObject({ label: 'Chef' });
    expect(saved.saveAvatar.savedAvatar.id).toMatch(UUID);
    expect(saved.saveAvatar.savedAvatar.imageUrl).toMatch(/^https:\/\//);
    expect(gw.upstream.requests).toHaveLength(1);
    expect(gw.upstream.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/avatars/save' });
    expect(bodyOf()).toEqual({ job_id: jobId, label: 'Chef' });
    expect(gw.upstream.requests[0]?.headers['idempotency-key']).toBeUndefined();
  });

  it('should reject bad avatar inputs before any upstream call', async () => {
    await expectInvalid(
      GENERATE_AVATAR,
      { input: { prompt: 'x', hints: { accessories: Array(33).fill('a') } } },
      'input.hints.accessories',
    );
    await expectInvalid(GENERATE_AVATAR, { input: { prompt: '' } }, 'input.prompt');
    await expectInvalid(SAVE_AVATAR, { input: { jobId: 'avatar-1' } }, 'input.jobId');
    await expectInvalid(
      SAVE_AVATAR,
      { input: { jobId: MISSING_ID, label: 'l'.repeat(201) } },
      'input.label',
    );
  });
});

describe('webhook mutations', () => {
  // Loopback endpoints only: the simulator really delivers events to active webhooks.
  const endpointUrl = 'https://127.0.0.1:9/pi-events';
  const secret = 'whsec-very-secret-value';

  it('should create a webhook and turn it off, never returning or logging the secret', async () => {
    const created = await gw.gql(
      CREATE_WEBHOOK,
      { input: { endpointUrl, secret: ` ${secret} ` } },
      gw.as('beta'),
    );
    expect(created.body.errors).toBeUndefined();
    const { webhook } = created.body.data.createWebhook;
    expect(webhook).toMatchObject({ endpointUrl, isActive: true });
    expect(webhook.id).toMatch(UUID);
    expect(gw.upstream.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/webhooks' });
    expect(bodyOf()).toEqual({ endpoint_url: endpointUrl, secret });

    gw.upstream.clear();
    const updated = await gw.gql(
      SET_WEBHOOK_ACTIVE,
      { input: { id: webhook.id, isActive: false } },
      gw.as('beta'),
    );
    expect(updated.body.data.setWebhookActive.webhook).toEqual({ id: webhook.id, isActive: false });
    expect(gw.upstream.requests[0]).toMatchObject({
      method: 'PATCH',
      path: `/api/v1/webhooks/${webhook.id}`,
    });
    expect(bodyOf()).toEqual({ is_active: false });

    expect(JSON.stringify(created.body)).not.toContain(secret);
    expect(JSON.stringify(gw.logs)).not.toContain(secret);
  });

  it('should reject a non-https endpoint and a short secret without echoing it', async () => {
    await expectInvalid(
      CREATE_WEBHOOK,
      { input: { endpointUrl: 'http://127.0.0.1:9/hook', secret } },
      'input.endpointUrl',
    );
    const message = await expectInvalid(
      CREATE_WEBHOOK,
      { input: { endpointUrl, secret: 'tiny-7' } },
      'input.secret',
    );
    expect(message).not.toContain('tiny-7');
    await expectInvalid(
      SET_WEBHOOK_ACTIVE,
      { input: { id: 'hook-1', isActive: true } },
      'input.id',
    );
  });

  it('should answer NOT_FOUND for a webhook of another organization', async () => {
    const created = await gw.gql(CREATE_WEBHOOK, { input: { endpointUrl, secret } }, gw.as('beta'));
    const id = created.body.data.createWebhook.webhook.id as string;
    await gw.gql(SET_WEBHOOK_ACTIVE, { input: { id, isActive: false } }, gw.as('beta'));

    const response = await gw.gql(SET_WEBHOOK_ACTIVE, { input: { id, isActive: true } });

    expect(response.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('startRun', () => {
  const steps = [
    { id: 'extract', action: 'BRANDS_EXTRACT', input: { url: 'https://run.example' } },
    {
      id: 'ad',
      action: 'CAMPAIGNS_GENERATE',
      input: { prompt: 'A run poster' },
      dependsOn: ['extract'],
      inputMap: { brand_id: '$steps.extract.result.brand_id' },
    },
  ];

  it('should start a run with one POST and answer its steps without reading it', async () => {
    const data = await mutate(START_RUN, { input: { steps, metadata: { source: 'test' } } });

    expect(data.startRun.run).toMatchObject({
      status: 'PENDING',
      steps: [
        { id: 'extract', status: 'PENDING' },
        { id: 'ad', status: 'PENDING' },
      ],
    });
    expect(gw.upstream.requests).toHaveLength(1);
    expect(gw.upstream.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/runs' });
    expect(bodyOf()).toEqual({
      steps: [
        { id: 'extract', action: 'brands.extract', input: { url: 'https://run.example' } },
        {
          id: 'ad',
          action: 'campaigns.generate',
          input: { prompt: 'A run poster' },
          depends_on: ['extract'],
          input_map: { brand_id: '$steps.extract.result.brand_id' },
        },
      ],
      metadata: { source: 'test' },
    });
  });

  it('should read the run when the selection needs more than the answer told', async () => {
    const response = await gw.gql(
      'mutation ($input: StartRunInput!) { startRun(input: $input) { run { id createdAt steps { id action dependsOn } } } }',
      { input: { steps } },
    );

    expect(response.body.errors).toBeUndefined();
    const { run } = response.body.data.startRun;
    expect(run.steps).toEqual([
      { id: 'extract', action: 'BRANDS_EXTRACT', dependsOn: [] },
      { id: 'ad', action: 'CAMPAIGNS_GENERATE', dependsOn: ['extract'] },
    ]);
    expect(gw.upstream.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v1/runs',
      `GET /api/v1/runs/${run.id}`,
    ]);
  });

  it('should reject an empty, duplicated, dangling or cyclic run before any upstream call', async () => {
    await expectInvalid(START_RUN, { input: { steps: [] } }, 'input.steps');
    await expectInvalid(
      START_RUN,
      { input: { steps: [steps[0], { ...steps[1], id: 'extract' }] } },
      'input.steps[1].id',
    );
    await expectInvalid(
      START_RUN,
      { input: { steps: [{ ...steps[0], dependsOn: ['nowhere'] }] } },
      'input.steps[0].dependsOn[0]',
    );
    await expectInvalid(
      START_RUN,
      { input: { steps: [{ ...steps[0], dependsOn: ['extract'] }] } },
      'input.steps[0].dependsOn[0]',
    );
    await expectInvalid(
      START_RUN,
      {
        input: {
          steps: [
            { ...steps[0], dependsOn: ['ad'] },
            { ...steps[1], dependsOn: ['extract'] },
          ],
        },
      },
      'input.steps[0].dependsOn',
    );
    await expectInvalid(
      START_RUN,
      {
        input: {
          steps: Array.from({ length: 11 }, (_, i) => ({ id: `s${i}`, action: 'BRANDS_EXTRACT' })),
        },
      },
      'input.steps',
    );
    await expectInvalid(
      START_RUN,
      { input: { steps: [{ ...steps[0], inputMap: { brand_id: 7 } }] } },
      'input.steps[0].inputMap.brand_id',
    );
  });
});

describe('the quickstart flow through GraphQL', () => {
  it('should extract a brand, wait for it, project it and generate an image for it', async () => {
    const extracted = await mutate(EXTRACT, { input: { url: 'https://quickstart.example' } });
    const jobId = extracted.extractBrand.job.id as string;

    // Waiting is a long-poll on the simulator (the gateway's way to wait is a subscription).
    expect((await awaitJob(gw.sim, 'alpha', jobId)).status).toBe('completed');
    const polled = await mutate('query ($id: ID!) { job(id: $id) { status brand { id name } } }', {
      id: jobId,
    });
    expect(polled.job).toMatchObject({
      status: 'COMPLETED',
      brand: { name: 'quickstart.example' },
    });
    const brandId = polled.job.brand.id as string;

    const projected = await mutate(PROJECT, { input: { brandId, useCase: 'Summer banner' } });
    expect(projected.projectBrand.projection).toMatchObject({ brandId, useCase: 'Summer banner' });

    const generated = await mutate(
      `mutation ($input: GenerateImageInput!) {
        generateImage(input: $input) { job { id } imageGeneration { id kind } }
      }`,
      { input: { prompt: 'A summer banner', brandId } },
    );
    const imageJobId = generated.generateImage.job.id as string;
    expect(generated.generateImage.imageGeneration).toEqual({ id: imageJobId, kind: 'AD' });
    expect((await awaitJob(gw.sim, 'alpha', imageJobId)).status).toBe('completed');

    const generation = gw.upstream.matching('/api/v1/images/generations')[0];
    expect(JSON.parse(generation?.body ?? '{}')).toMatchObject({ brand_id: brandId });
    // Pi keeps only `has_brand_id` in an ad job's payload, so the job itself cannot name the brand.
    const image = await mutate(
      'query ($id: ID!) { imageGeneration(id: $id) { status imageUrl } }',
      { id: imageJobId },
    );
    expect(image.imageGeneration.status).toBe('COMPLETED');
    expect(image.imageGeneration.imageUrl).toMatch(/^https:\/\//);
  });
});
