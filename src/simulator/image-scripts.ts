import type { AdGenerationInput, AvatarGenerationInput } from './gen-schemas.js';
import type { OutputInput } from './output-schema.js';
import { toIso } from './ids.js';
import type { JobRow, JobStep } from './types.js';

/** What a generation endpoint hands to `sim.engine.create`. */
export interface JobScript {
  type: string;
  queuedPayload: Record<string, unknown>;
  steps: (job: JobRow) => JobStep[];
}

/** A scripted failure: the job ends `failed` with this `failure_code` and message. */
export interface JobFailure {
  code: string;
  message: string;
}

/** The fake https URL of a generated image, on the simulator's reserved `.example` asset host. */
export function imageUrlFor(kind: 'ads' | 'campaigns' | 'avatars', jobId: string): string {
  return `https://cdn.pi-sim.example/${kind}/${jobId}.png`;
}

/** `"<failure_code>: <message>"`, the start of Pi's `error_log` for scripted failures. */
export function errorLogFor(failure: JobFailure): string {
  return `${failure.code}: ${failure.message}`;
}

/** A `failed` step whose payload gets `failed_at` (ISO) at the moment the engine applies it. */
export function failedStepWithTime(payload: Record<string, unknown>, failure: JobFailure): JobStep {
  return {
    status: 'failed',
    payload,
    error_log: errorLogFor(failure),
    onApply: (row) => {
      row.payload = { ...row.payload, failed_at: toIso(row.updated_at) };
    },
  };
}

/** The object without its `undefined` members (stored payloads stay plain JSON). */
export function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** `output_applied`: the requested output with the defaults filled in (`auto` resolved). */
export function outputApplied(output: OutputInput | undefined, autoAspectRatio: string) {
  const aspect = output?.aspect_ratio;
  return compact({
    aspect_ratio: aspect === undefined || aspect === 'auto' ? autoAspectRatio : aspect,
    resolution: output?.resolution ?? '1K',
    thinking_intensity: output?.thinking_intensity,
  });
}

/**
 * `ad_generation` (contract §2.7): queued → prompt_understanding → reference_understanding →
 * creative_planner → prompt_compilation → completed, each phase replacing the payload.
 * A `policy_conflict` fails right after prompt understanding; other failures after compilation.
 */
export function adGenerationScript(
  input: AdGenerationInput,
  failure: JobFailure | undefined,
  stepMs: number,
): JobScript {
  const referenceImageCount = input.reference_images?.length ?? 0;
  const queuedInput = compact({
    prompt: input.prompt,
    reference_image_count: referenceImageCount,
    has_brand_id: input.brand_id !== undefined,
    has_brand_identity_json: input.brand_identity_json !== undefined,
    output: input.output,
    client_reference_id: input.client_reference_id,
    metadata: input.metadata,
  });
  const route = routeFor(input);
  return {
    type: 'ad_generation',
    queuedPayload: { phase: 'queued', input: queuedInput },
    steps: (job) => {
      const processing = (payload: Record<string, unknown>): JobStep => ({
        status: 'processing',
        payload: { ...payload, input: queuedInput },
      });
      const fail = (f: JobFailure): JobStep =>
        failedStepWithTime(
          { phase: 'failed', failure_code: f.code, message: f.message, input: queuedInput },
          f,
        );
      const first = processing({ phase: 'prompt_understanding' });
      if (failure?.code === 'policy_conflict') return [first, fail(failure)];
      const rest = [
        processing({
          phase: 'reference_understanding',
          reference_image_count: referenceImageCount,
          route_tier: route.tier,
          route_reasons: route.reasons,
        }),
        processing({
          phase: 'creative_planner',
          has_corpus_reference: referenceImageCount === 0,
          retrieval_diagnostics: {
            corpus_hits: referenceImageCount === 0 ? 3 : 0,
            strategy: 'semantic',
          },
        }),
        processing({ phase: 'prompt_compilation' }),
      ];
      if (failure) return [first, ...rest, fail(failure)];
      const imageUrl = imageUrlFor('ads', job.id);
      return [
        first,
        ...rest,
        {
          status: 'completed',
          payload: {
            phase: 'completed',
            input: queuedInput,
            image_url: imageUrl,
            output_applied: outputApplied(input.output, '1:1'),
            evaluator: {
              ad_clarity: 17,
              cta_visibility: 16,
              language_correctness: 18,
              cultural_fit: 16,
              product_prominence: 17,
              summary: 'Clear product focus with a visible call to action.',
              total_score: 84,
            },
            route_tier: route.tier,
            route_reasons: route.reasons,
            budget: {
              run_elapsed_ms: 5 * stepMs,
              max_run_ms: 180_000,
              stage_max_ms: 45_000,
              revision_attempts: 0,
              max_revision_attempts: 2,
            },
            directive_version: 'ad_directive_v1',
            diagnostics: AD_STEPS.map((stepId) => ({
              step_id: stepId,
              status: 'ok',
              confidence: 0.9,
              artifacts: {},
            })),
          },
          result_url: `ads/${job.id}`,
        },
      ];
    },
  };
}

const AD_STEPS = [
  'prompt_understanding',
  'reference_understanding',
  'creative_planner',
  'prompt_compilation',
  'image_generation',
  'quality_evaluation',
];

function routeFor(input: AdGenerationInput): { tier: string; reasons: string[] } {
  const reasons: string[] = [];
  if ((input.reference_images?.length ?? 0) > 0) reasons.push('reference_images_provided');
  if (input.brand_id !== undefined || input.brand_identity_json !== undefined)
    reasons.push('brand_context');
  if (input.prompt.length > 1200) reasons.push('long_prompt');
  if (reasons.length === 0) return { tier: 'fast_path', reasons: ['simple_prompt'] };
  return { tier: reasons.length === 1 ? 'standard_path' : 'hard_path', reasons };
}

/**
 * `avatar_generation`: queued → processing → completed with `mode` (`client_refs` when reference
 * images were given, else `corpus`) and `result_url: avatars/<job_id>`.
 */
export function avatarGenerationScript(
  input: AvatarGenerationInput,
  failure: JobFailure | undefined,
): JobScript {
  const referenceImageCount = input.reference_images?.length ?? 0;
  const queuedInput = compact({
    prompt: input.prompt,
    hints: input.hints,
    reference_image_count: referenceImageCount,
    client_reference_id: input.client_reference_id,
    metadata: input.metadata,
  });
  return {
    type: 'avatar_generation',
    queuedPayload: { phase: 'queued', input: queuedInput },
    steps: (job) => {
      const processing: JobStep = {
        status: 'processing',
        payload: { phase: 'processing', input: queuedInput },
      };
      if (failure) {
        return [processing, failedStepWithTime({ phase: 'failed', input: queuedInput }, failure)];
      }
      return [
        processing,
        {
          status: 'completed',
          payload: {
            phase: 'completed',
            input: queuedInput,
            image_url: imageUrlFor('avatars', job.id),
            mode: referenceImageCount > 0 ? 'client_refs' : 'corpus',
            output_applied: outputApplied(input.output, aspectRatioFromHints(input.hints)),
          },
          result_url: `avatars/${job.id}`,
        },
      ];
    },
  };
}

// With `auto` or no aspect ratio, Pi derives one from the composition hint.
function aspectRatioFromHints(hints: AvatarGenerationInput['hints']): string {
  const composition =
    typeof hints?.avatar_composition === 'string' ? hints.avatar_composition.toLowerCase() : '';
  if (composition.includes('full')) return '9:16';
  if (composition.includes('half') || composition.includes('bust')) return '4:5';
  return '1:1';
}
