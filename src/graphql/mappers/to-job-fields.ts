import type { JobDto, JsonObject } from '../../pi/index.js';
import { isJsonObject, readKey, toNonEmptyString } from './json-values.js';

const BRAND_RESULT_URL = /^brands\/([^/?#]+)$/;
const DIAGNOSTIC_KEYS = ['diagnostics', 'retrieval_diagnostics'] as const;

/** The worker's phase (`payload.phase`), or null. */
export function toJobPhase(job: Pick<JobDto, 'payload'>): string | null {
  return toNonEmptyString(readKey(job.payload, 'phase'));
}

/**
 * The job's payload without its diagnostics, so `Job.payload` is the same whether or not a
 * sibling selection made the gateway ask for diagnostics. Null when Pi reported no payload.
 */
export function toJobPayload(job: Pick<JobDto, 'payload'>): JsonObject | null {
  if (!isJsonObject(job.payload)) return null;
  const payload: JsonObject = { ...job.payload };
  for (const key of DIAGNOSTIC_KEYS) delete payload[key];
  return payload;
}

/** `payload.diagnostics` (present only when the read asked for the diagnostics expansion), or null. */
export function toJobDiagnostics(job: Pick<JobDto, 'payload'>): unknown {
  return readKey(job.payload, 'diagnostics') ?? null;
}

/** `payload.retrieval_diagnostics` (ad generations, with the diagnostics expansion), or null. */
export function toJobRetrievalDiagnostics(job: Pick<JobDto, 'payload'>): unknown {
  return readKey(job.payload, 'retrieval_diagnostics') ?? null;
}

/**
 * The URL of the image the job produced: `payload.image_url`, else the `ad`/`avatar` expansions,
 * else `job_result.image_url`. Null when there is none yet.
 */
export function toJobImageUrl(
  job: Pick<JobDto, 'payload' | 'ad' | 'avatar' | 'job_result'>,
): string | null {
  return (
    toNonEmptyString(readKey(job.payload, 'image_url')) ??
    toNonEmptyString(job.ad?.image_url) ??
    toNonEmptyString(job.avatar?.image_url) ??
    toNonEmptyString(job.job_result?.image_url)
  );
}

/**
 * The id of the brand a job produced or uses: the expanded brand, `payload.brand_id`, the
 * `brands/<id>` result URL, a brand `job_result`, else `payload.input.brand_id`. Null when the job
 * names none (an ad generation only says `has_brand_id`).
 */
export function toJobBrandId(
  job: Pick<JobDto, 'payload' | 'result_url' | 'job_result' | 'expanded'>,
): string | null {
  const fromResultUrl =
    typeof job.result_url === 'string' ? BRAND_RESULT_URL.exec(job.result_url)?.[1] : undefined;
  return (
    toNonEmptyString(job.expanded?.brand?.id) ??
    toNonEmptyString(readKey(job.payload, 'brand_id')) ??
    toNonEmptyString(fromResultUrl) ??
    (job.job_result?.type === 'brand' ? toNonEmptyString(job.job_result.id) : null) ??
    toNonEmptyString(readKey(readKey(job.payload, 'input'), 'brand_id'))
  );
}
