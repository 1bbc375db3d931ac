import type { ImageEvaluation, ImageGenerationKind } from '../../generated/resolvers-types.js';
import type { JobDto } from '../../pi/index.js';
import { isKnownJobType } from './known-job-type.js';
import { isJsonObject, readKey, toFiniteNumber, toNonEmptyString } from './json-values.js';
import { unexpectedValue } from './upstream-shape-error.js';

type PayloadOf = Pick<JobDto, 'payload'>;

/** The image generation kind of a job type; null for jobs that make no image (brand extractions, other domains). */
export function toImageGenerationKind(type: string | undefined): ImageGenerationKind | null {
  if (!isKnownJobType(type)) return null;
  switch (type) {
    case 'brand_extraction':
      return null;
    case 'ad_generation':
      return 'AD';
    case 'campaign_ad_generation':
      return 'CAMPAIGN_AD';
    case 'campaign_ad_edit':
      return 'CAMPAIGN_EDIT';
    case 'campaign_ad_localization':
      return 'LOCALIZATION';
    case 'avatar_generation':
      return 'AVATAR';
    default:
      return unexpectedValue(type, 'job type');
  }
}

// Campaign ads and edits drop `input` on completion (contract §9.11): what lived there is then
// unknown, so these readers answer null rather than fall back on anything else.
function readInput(job: PayloadOf, key: string): unknown {
  return readKey(readKey(job.payload, 'input'), key);
}

/** The prompt from `payload.input.prompt`, or null once Pi dropped it. */
export function toImagePrompt(job: PayloadOf): string | null {
  return toNonEmptyString(readInput(job, 'prompt'));
}

/** The applied aspect ratio (`payload.output_applied`), else the requested one (`payload.input.output`), else null. */
export function toImageAspectRatio(job: PayloadOf): string | null {
  return readOutputSetting(job, 'aspect_ratio');
}

/** The applied resolution (`payload.output_applied`), else the requested one (`payload.input.output`), else null. */
export function toImageResolution(job: PayloadOf): string | null {
  return readOutputSetting(job, 'resolution');
}

function readOutputSetting(job: PayloadOf, key: 'aspect_ratio' | 'resolution'): string | null {
  return (
    toNonEmptyString(readKey(readKey(job.payload, 'output_applied'), key)) ??
    toNonEmptyString(readKey(readInput(job, 'output'), key))
  );
}

/** The caller's `client_reference_id` while Pi still reports it, else null. */
export function toImageClientReferenceId(job: PayloadOf): string | null {
  return (
    toNonEmptyString(readInput(job, 'client_reference_id')) ??
    toNonEmptyString(readKey(job.payload, 'client_reference_id'))
  );
}

/** The caller's `metadata` object while Pi still reports it, else null. */
export function toImageMetadata(job: PayloadOf): Record<string, unknown> | null {
  const metadata = readInput(job, 'metadata') ?? readKey(job.payload, 'metadata');
  return isJsonObject(metadata) ? metadata : null;
}

/** The id of the job an edit or localization starts from (`payload.source_job_id`), or null. */
export function toImageSourceJobId(job: PayloadOf): string | null {
  return (
    toNonEmptyString(readKey(job.payload, 'source_job_id')) ??
    toNonEmptyString(readInput(job, 'source_job_id'))
  );
}

/** The ad quality evaluation (`payload.evaluator`), or null when Pi reports none. */
export function toImageEvaluation(job: PayloadOf): ImageEvaluation | null {
  const evaluator = readKey(job.payload, 'evaluator');
  if (!isJsonObject(evaluator)) return null;
  return {
    adClarity: toFiniteNumber(evaluator['ad_clarity']),
    ctaVisibility: toFiniteNumber(evaluator['cta_visibility']),
    languageCorrectness: toFiniteNumber(evaluator['language_correctness']),
    culturalFit: toFiniteNumber(evaluator['cultural_fit']),
    productProminence: toFiniteNumber(evaluator['product_prominence']),
    totalScore: toFiniteNumber(evaluator['total_score']),
    summary: toNonEmptyString(evaluator['summary']),
    raw: evaluator,
  };
}
