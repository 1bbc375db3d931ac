import { notFound, badRequest } from '../errors.js';
import { success } from '../envelope.js';
import { isUuid } from '../ids.js';
import { isTerminalStatus } from '../engine.js';
import { toJobRecord } from '../job-record.js';
import { parseExpansions, parseFields, parseIntegerParam, pickFields } from '../query-params.js';
import type { JobRow, Route, SimContext, SimRequest, SimResponse } from '../types.js';

type JobExpansion = 'brand' | 'avatar' | 'ad' | 'diagnostics';

const JOB_EXPANSIONS: readonly JobExpansion[] = ['brand', 'avatar', 'ad', 'diagnostics'];
const JOB_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'org_id',
  'type',
  'status',
  'payload',
  'result_url',
  'error_log',
  'created_at',
  'updated_at',
]);
const AD_JOB_TYPES: ReadonlySet<string> = new Set([
  'ad_generation',
  'campaign_ad_generation',
  'campaign_ad_edit',
  'campaign_ad_localization',
]);
const BRAND_RESULT_PREFIX = 'brands/';

/** `GET /api/v1/jobs/:id` (contract §3.2, §2.7–§2.10). */
export const jobRoutes: Route[] = [{ method: 'GET', pattern: '/api/v1/jobs/:id', handler: getJob }];

async function getJob(req: SimRequest, sim: SimContext): Promise<SimResponse> {
  const id = req.params.id ?? '';
  if (!isUuid(id)) throw badRequest('invalid_job_id', 'Invalid job id: it must be a UUID.');
  const expansions = parseExpansions(req.query, JOB_EXPANSIONS, 'invalid_expand_param');
  const wait = req.query.get('wait_for_completion') === 'true';
  // Pi validates the whole query with one schema, hence the expand code for a bad timeout.
  const timeoutSeconds = parseIntegerParam(req.query, 'timeout_seconds', {
    min: 1,
    max: 30,
    fallback: 20,
    errorCode: 'invalid_expand_param',
    message:
      'Invalid expand/include query parameters: timeout_seconds must be an integer from 1 to 30.',
  });
  const fields = parseFields(req.query, JOB_FIELDS, 'invalid_expand_param');
  if (
    fields !== undefined &&
    (expansions.has('brand') || expansions.has('avatar') || expansions.has('ad'))
  ) {
    fields.add('result_url').add('payload').add('type');
  }
  const impl = sim.options.quirks === 'impl';
  // The reference implementation checks the org on the selected row, so a selection without
  // org_id looks like a foreign job (contract §2.10).
  if (impl && fields !== undefined && !fields.has('org_id')) throw jobNotFound();

  let job = sim.engine.get(req.org.id, id);
  if (job === undefined) throw jobNotFound();
  if (wait && !isTerminalStatus(job.status)) {
    job = await sim.engine.waitForTerminal(job, timeoutSeconds * 1000, req.signal);
  }
  const data = toJobData(job, req, sim, expansions, fields);
  return success(req, sim, 'job', data, { status: impl ? 'completed' : job.status });
}

function toJobData(
  job: JobRow,
  req: SimRequest,
  sim: SimContext,
  expansions: ReadonlySet<JobExpansion>,
  fields: ReadonlySet<string> | undefined,
): Record<string, unknown> {
  const record = toJobRecord(job);
  if (!expansions.has('diagnostics')) record.payload = withoutDiagnostics(job.payload);
  const data = pickFields(record, fields);
  if (fields !== undefined && sim.options.quirks === 'impl') {
    const now = Math.floor(sim.now());
    data.created_at ??= now;
    data.updated_at ??= now;
  }

  const resultUrl = data.result_url;
  const payload = data.payload as Record<string, unknown> | undefined;
  const imageUrl = typeof payload?.image_url === 'string' ? payload.image_url : undefined;
  const brandId = typeof resultUrl === 'string' ? toBrandId(resultUrl) : undefined;
  if (brandId !== undefined) {
    const jobResult: Record<string, unknown> = { type: 'brand', id: brandId, url: resultUrl };
    const brand = expansions.has('brand') ? sim.store.brands.get(brandId) : undefined;
    // Expansion never crosses tenants: a foreign brand is silently left out.
    if (brand !== undefined && brand.org_id === req.org.id) {
      jobResult.brand = brand;
      data.expanded = { brand };
    }
    data.job_result = jobResult;
  } else if (imageUrl !== undefined && data.type === 'avatar_generation') {
    data.job_result = { type: 'avatar', id: job.id, image_url: imageUrl };
  } else if (imageUrl !== undefined && AD_JOB_TYPES.has(String(data.type))) {
    data.job_result = { type: 'ad', id: job.id, image_url: imageUrl };
  }
  if (expansions.has('avatar') && imageUrl !== undefined && data.type === 'avatar_generation') {
    data.avatar = { image_url: imageUrl };
  }
  if (expansions.has('ad') && imageUrl !== undefined && AD_JOB_TYPES.has(String(data.type))) {
    data.ad = { image_url: imageUrl };
  }
  return data;
}

function toBrandId(resultUrl: string): string | undefined {
  if (!resultUrl.startsWith(BRAND_RESULT_PREFIX)) return undefined;
  const id = resultUrl.slice(BRAND_RESULT_PREFIX.length);
  return isUuid(id) ? id : undefined;
}

function withoutDiagnostics(payload: Record<string, unknown>): Record<string, unknown> {
  if (!('diagnostics' in payload) && !('retrieval_diagnostics' in payload)) return payload;
  const { diagnostics: _diagnostics, retrieval_diagnostics: _retrieval, ...rest } = payload;
  return rest;
}

function jobNotFound(): Error {
  return notFound('job_not_found', 'Job not found.');
}
