import { createBrandDna } from './brand-dna.js';
import type { BrandAssetDto } from './brand-dna.js';
import { createId } from './ids.js';
import type { JobRow, JobStep, Org, SimContext } from './types.js';

/** The validated body of `POST /brands/extract`. */
export interface BrandExtractionInput {
  url?: string;
  logoBase64?: string;
  imagesBase64?: string[];
  location?: { country?: string; languages?: string[] };
}

const ASSET_HOST = 'https://cdn.pi-sim.example';

/**
 * The script of a `brand_extraction` job (contract §2.7): four `processing` phases, then
 * `completed` with the brand upserted per (org, domain). A URL host starting with `fail.` fails
 * after the second phase with `failed_at` and a stack-like `error_log`.
 */
export function createExtractionSteps(
  sim: SimContext,
  org: Org,
  job: JobRow,
  input: BrandExtractionInput,
): JobStep[] {
  const host = input.url === undefined ? undefined : new URL(input.url).hostname.toLowerCase();
  const name = host === undefined ? `brand-${job.id.slice(0, 8)}` : host.replace(/^www\./, '');
  const domain = name.toLowerCase();
  const assets = toAssets(org, job, input);
  const dna = createBrandDna(domain, name, assets);
  const steps: JobStep[] = [
    { status: 'processing', payload: { phase: 'phase_a_normalization' } },
    {
      status: 'processing',
      payload: {
        phase: 'phase_b_gemini_manifesto',
        asset_count: assets.length,
        has_branding_profile: host !== undefined,
      },
    },
  ];
  if (host?.startsWith('fail.')) {
    steps.push({
      status: 'failed',
      payload: { phase: 'failed' },
      error_log:
        `Error: Brand extraction failed: the website ${input.url} could not be crawled.\n` +
        '    at runBrandExtraction (/app/src/jobs/brand-extraction.ts:142:11)',
      onApply: (row) => {
        row.payload = { phase: 'failed', failed_at: new Date().toISOString() };
      },
    });
    return steps;
  }
  steps.push(
    {
      status: 'processing',
      payload: {
        phase: 'phase_c_gemini_structuring',
        manifesto_length: dna.manifest_excerpt.length,
      },
    },
    { status: 'processing', payload: { phase: 'phase_d_database_mutation' } },
    {
      status: 'completed',
      payload: { phase: 'completed', asset_count: assets.length },
      onApply: (row) => {
        const brandId = upsertBrand(sim, org, {
          domain,
          name,
          dna,
          hasLogo: input.logoBase64 !== undefined,
        });
        row.payload = { phase: 'completed', brand_id: brandId, asset_count: assets.length };
        row.result_url = `brands/${brandId}`;
      },
    },
  );
  return steps;
}

function toAssets(org: Org, job: JobRow, input: BrandExtractionInput): BrandAssetDto[] {
  const base = `${ASSET_HOST}/orgs/${org.id}/jobs/${job.id}`;
  const assets: BrandAssetDto[] = [];
  if (input.logoBase64 !== undefined) assets.push({ kind: 'logo', url: `${base}/logo.png` });
  (input.imagesBase64 ?? []).forEach((_, i) =>
    assets.push({ kind: 'reference', url: `${base}/reference-${i + 1}.png` }),
  );
  if (input.url !== undefined)
    assets.push({ kind: 'website_screenshot', url: `${base}/website.png` });
  return assets;
}

/** Inserts or updates the org's brand for `domain`; returns its id (reused on re-extraction). */
function upsertBrand(
  sim: SimContext,
  org: Org,
  brand: { domain: string; name: string; dna: ReturnType<typeof createBrandDna>; hasLogo: boolean },
): string {
  const nowIso = new Date().toISOString();
  let existing: Record<string, unknown> | undefined;
  for (const row of sim.store.brands.values()) {
    if (row.org_id === org.id && row.domain === brand.domain) {
      existing = row;
      break;
    }
  }
  const id = existing === undefined ? createId() : String(existing.id);
  const logoUrl = brand.hasLogo
    ? `${ASSET_HOST}/orgs/${org.id}/brands/${id}/logo.png`
    : (existing?.logo_url ?? null);
  const fields = {
    primary_hex: brand.dna.primary_background_hex,
    secondary_hex: brand.dna.primary_accent_hex,
    logo_url: logoUrl,
    layout_rules: {
      typography_rules: brand.dna.typography_rules,
      core_slogan: brand.dna.core_slogan,
      imagen_style_conditioning: brand.dna.imagen_style_conditioning,
    },
    brand_dna: brand.dna,
  };
  if (existing !== undefined) {
    Object.assign(existing, fields, { updated_at: laterIso(nowIso, String(existing.updated_at)) });
    return id;
  }
  sim.store.brands.set(id, {
    id,
    org_id: org.id,
    domain: brand.domain,
    name: brand.name,
    primary_hex: fields.primary_hex,
    secondary_hex: fields.secondary_hex,
    logo_url: fields.logo_url,
    font_file_url: null,
    layout_rules: fields.layout_rules,
    brand_dna: fields.brand_dna,
    created_at: nowIso,
    updated_at: nowIso,
  });
  return id;
}

/** `now`, or one millisecond after `previous` when the clock has not moved on, so updates show. */
function laterIso(now: string, previous: string): string {
  return now > previous ? now : new Date(Date.parse(previous) + 1).toISOString();
}
