import { z } from 'zod';
import { createExtractionSteps } from '../brand-extraction.js';
import type { BrandExtractionInput } from '../brand-extraction.js';
import { accepted, success } from '../envelope.js';
import { PiApiError, badRequest, notFound } from '../errors.js';
import { isUuid } from '../ids.js';
import { toRawJobRow } from '../job-record.js';
import { parseJsonBody } from '../json-body.js';
import { parseExpansions, parseFields, parseIntegerParam, pickFields } from '../query-params.js';
import { parseBody } from '../validation.js';
import type { JobRow, Org, Route, SimContext, SimRequest, SimResponse } from '../types.js';

const BRAND_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'org_id',
  'domain',
  'name',
  'primary_hex',
  'secondary_hex',
  'logo_url',
  'font_file_url',
  'layout_rules',
  'brand_dna',
  'created_at',
  'updated_at',
]);
const LATEST_JOB = ['latest_job'] as const;
const MAX_PROJECTION_BODY_BYTES = 8192;
const PROJECTION_ABUSE_WINDOW_MS = 600_000;
const PROJECTION_ABUSE_MAX_VIOLATIONS = 3;

const extractBodySchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }).optional(),
    logoBase64: z.string().min(1).optional(),
    imagesBase64: z.array(z.string().min(1)).optional(),
    location: z
      .object({
        country: z.string().length(2).optional(),
        languages: z.array(z.string().min(2)).optional(),
      })
      .optional(),
  })
  .refine(
    (body) =>
      body.url !== undefined ||
      body.logoBase64 !== undefined ||
      (body.imagesBase64?.length ?? 0) > 0,
    { path: ['url'], message: 'At least one input is required: url, logoBase64 or imagesBase64.' },
  );

const projectBodySchema = z.object({ use_case: z.string().trim().min(1).max(700) });

/** The brand routes: extract (§3.1), list (§3.3), get (§3.4) and project (§3.5). */
export const brandRoutes: Route[] = [
  { method: 'POST', pattern: '/api/v1/brands/extract', handler: extractBrand },
  { method: 'GET', pattern: '/api/v1/brands', handler: listBrands },
  { method: 'GET', pattern: '/api/v1/brands/:id', handler: getBrand },
  {
    method: 'POST',
    pattern: '/api/v1/brands/:id/project',
    handler: projectBrand,
    parseJson: false,
  },
];

function extractBrand(req: SimRequest, sim: SimContext): SimResponse {
  const body = parseBody(extractBodySchema, req.body);
  const input: BrandExtractionInput = {};
  if (body.url !== undefined) input.url = body.url;
  if (body.logoBase64 !== undefined) input.logoBase64 = body.logoBase64;
  if (body.imagesBase64 !== undefined) input.imagesBase64 = body.imagesBase64;
  if (body.location !== undefined) input.location = body.location;
  const job = sim.engine.create(req.org, 'brand_extraction', { phase: 'queued', input }, (row) =>
    createExtractionSteps(sim, req.org, row, input),
  );
  return accepted(req, sim, 'job', { job_id: job.id });
}

function listBrands(req: SimRequest, sim: SimContext): SimResponse {
  const query = req.query.get('query');
  if (query !== null && query.trim() === '') {
    throw badRequest('invalid_query_params', 'query: must contain at least 1 character.');
  }
  const limit = parseIntegerParam(req.query, 'limit', {
    min: 1,
    max: 100,
    fallback: 20,
    errorCode: 'invalid_query_params',
    message: 'limit: must be an integer from 1 to 100.',
  });
  const offset = parseIntegerParam(req.query, 'offset', {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    fallback: 0,
    errorCode: 'invalid_query_params',
    message: 'offset: must be an integer greater than or equal to 0.',
  });
  const expansions = parseExpansions(req.query, LATEST_JOB, 'invalid_query_params');
  const fields = parseFields(req.query, BRAND_FIELDS, 'invalid_query_params');
  if (fields !== undefined && expansions.has('latest_job')) fields.add('id');

  const needle = query?.trim().toLowerCase();
  const rows = [...sim.store.brands.values()]
    .filter((b) => b.org_id === req.org.id)
    .filter((b) => needle === undefined || String(b.name).toLowerCase().includes(needle))
    .reverse()
    .sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
  const page = rows.slice(offset, offset + limit);
  const data = page.map((brand) => {
    const out = pickFields(brand, fields);
    if (expansions.has('latest_job'))
      out.expanded = { latest_job: findLatestJob(sim, req.org, String(brand.id)) };
    return out;
  });
  return success(req, sim, 'list', {
    data,
    total_count: rows.length,
    has_more: offset + page.length < rows.length,
  });
}

function getBrand(req: SimRequest, sim: SimContext): SimResponse {
  const id = req.params.id ?? '';
  if (!isUuid(id)) throw badRequest('invalid_brand_id', 'Invalid brand id: it must be a UUID.');
  const expansions = parseExpansions(req.query, LATEST_JOB, 'invalid_expand_param');
  const fields = parseFields(req.query, BRAND_FIELDS, 'invalid_expand_param');
  if (fields !== undefined && expansions.has('latest_job')) fields.add('id');
  // As on jobs, the reference implementation checks the org on the selected row (contract §2.10).
  if (sim.options.quirks === 'impl' && fields !== undefined && !fields.has('org_id'))
    throw brandNotFound();
  const brand = findBrand(sim, req.org, id);
  const data = pickFields(brand, fields);
  if (expansions.has('latest_job')) data.expanded = { latest_job: findLatestJob(sim, req.org, id) };
  return success(req, sim, 'brand', data);
}

function projectBrand(req: SimRequest, sim: SimContext): SimResponse {
  // The size check comes first, from Content-Length, before the id or the body are looked at.
  const declared = Number(req.headers['content-length'] ?? req.rawBody.length);
  if (declared > MAX_PROJECTION_BODY_BYTES) throw projectionTooLarge(sim, req.keyId);
  const id = req.params.id ?? '';
  if (!isUuid(id)) throw badRequest('invalid_brand_id', 'Invalid brand id: it must be a UUID.');
  const body = parseBody(projectBodySchema, parseJsonBody(req.rawBody));
  const brand = findBrand(sim, req.org, id);
  return success(req, sim, 'brand.projection', {
    use_case: body.use_case,
    is_wildcard: true,
    payload: createProjection(brand, body.use_case),
  });
}

function projectionTooLarge(sim: SimContext, keyId: string): PiApiError {
  const nowMs = Date.now();
  const recent = (sim.store.projectionViolations.get(keyId) ?? []).filter(
    (t) => nowMs - t < PROJECTION_ABUSE_WINDOW_MS,
  );
  recent.push(nowMs);
  sim.store.projectionViolations.set(keyId, recent);
  if (recent.length > PROJECTION_ABUSE_MAX_VIOLATIONS) {
    return new PiApiError({
      status: 429,
      type: 'rate_limit_error',
      code: 'projection_abuse_threshold_exceeded',
      message: 'Too many oversized projection requests. Try again later.',
    });
  }
  return badRequest(
    'projection_request_too_large',
    `Projection request body is too large (max ${MAX_PROJECTION_BODY_BYTES} bytes).`,
  );
}

/** A deterministic projection of the brand's DNA, in the shape of Pi's fallback (§3.5). */
function createProjection(
  brand: Record<string, unknown>,
  useCase: string,
): Record<string, unknown> {
  const dna = (brand.brand_dna ?? {}) as Record<string, unknown>;
  return {
    use_case: useCase,
    brand_projection: {
      primary_background_hex: dna.primary_background_hex ?? brand.primary_hex ?? null,
      primary_accent_hex: dna.primary_accent_hex ?? brand.secondary_hex ?? null,
      color_palette: dna.color_palette ?? [],
      typography_rules: dna.typography_rules ?? null,
      core_slogan: dna.core_slogan ?? null,
      imagen_style_conditioning: dna.imagen_style_conditioning ?? null,
      logo_url: brand.logo_url ?? null,
    },
    meta: { source: 'deterministic_projection', reason: 'simulator' },
  };
}

function findBrand(sim: SimContext, org: Org, id: string): Record<string, unknown> {
  const brand = sim.store.brands.get(id);
  if (brand === undefined || brand.org_id !== org.id) throw brandNotFound();
  return brand;
}

/** The newest `brand_extraction` job of the org whose result is this brand, as a raw row. */
function findLatestJob(sim: SimContext, org: Org, brandId: string): Record<string, unknown> | null {
  const resultUrl = `brands/${brandId}`;
  let latest: JobRow | undefined;
  for (const job of sim.store.jobs.values()) {
    if (job.org_id !== org.id || job.type !== 'brand_extraction' || job.result_url !== resultUrl)
      continue;
    if (latest === undefined || job.created_at >= latest.created_at) latest = job;
  }
  return latest === undefined ? null : toRawJobRow(latest);
}

function brandNotFound(): PiApiError {
  return notFound('brand_not_found', 'Brand not found.');
}
