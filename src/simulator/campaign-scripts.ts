import type { AdGenerationInput, CampaignEditInput, CampaignLocalizeInput } from './gen-schemas.js';
import { compact, errorLogFor, imageUrlFor } from './image-scripts.js';
import type { JobFailure, JobScript } from './image-scripts.js';
import type { JobStep } from './types.js';

/**
 * `campaign_ad_generation` (contract §2.7): queued → mastra_workflow_start (metadata and
 * client_reference_id are dropped from here on) → completed with `result_url` = the image URL.
 */
export function campaignGenerationScript(
  input: AdGenerationInput,
  failure: JobFailure | undefined,
): JobScript {
  const referenceImageCount = input.reference_images?.length ?? 0;
  const queuedInput = compact({
    prompt: input.prompt,
    reference_image_count: referenceImageCount,
    brand_id: input.brand_id,
    has_brand_identity_json: input.brand_identity_json !== undefined,
    output: input.output,
    client_reference_id: input.client_reference_id,
    metadata: input.metadata,
  });
  const workflowInput = compact({
    prompt: input.prompt,
    reference_image_count: referenceImageCount,
    output: input.output,
  });
  return {
    type: 'campaign_ad_generation',
    queuedPayload: { phase: 'queued', input: queuedInput },
    steps: (job) => {
      const processing: JobStep = {
        status: 'processing',
        payload: { phase: 'mastra_workflow_start', input: workflowInput },
      };
      if (failure)
        return [processing, failedStep({ phase: 'failed', failure_code: failure.code }, failure)];
      const imageUrl = imageUrlFor('campaigns', job.id);
      return [
        processing,
        {
          status: 'completed',
          payload: {
            phase: 'completed',
            image_url: imageUrl,
            diagnostics: diagnostics(CAMPAIGN_STEPS),
          },
          result_url: imageUrl,
        },
      ];
    },
  };
}

/** `campaign_ad_edit`: queued → edit_processing → completed with `source_job_id` and `diagnostics: []`. */
export function campaignEditScript(
  input: CampaignEditInput,
  failure: JobFailure | undefined,
): JobScript {
  const queuedInput = compact({
    prompt: input.prompt,
    reference_image_count: input.reference_images?.length ?? 0,
    brand_id: input.brand_id,
    output: input.output,
    client_reference_id: input.client_reference_id,
    metadata: input.metadata,
  });
  const sourceJobId = input.source_job_id;
  return {
    type: 'campaign_ad_edit',
    queuedPayload: { phase: 'queued', source_job_id: sourceJobId, input: queuedInput },
    steps: (job) => {
      const processing: JobStep = {
        status: 'processing',
        payload: { phase: 'edit_processing', source_job_id: sourceJobId, input: queuedInput },
      };
      if (failure)
        return [processing, failedStep({ phase: 'failed', failure_code: failure.code }, failure)];
      const imageUrl = imageUrlFor('campaigns', job.id);
      return [
        processing,
        {
          status: 'completed',
          payload: {
            phase: 'completed',
            image_url: imageUrl,
            source_job_id: sourceJobId,
            diagnostics: [],
          },
          result_url: imageUrl,
        },
      ];
    },
  };
}

const LOCALIZE_STEPS = [
  'campaign-localize-step1-cultural-understanding',
  'campaign-localize-step2-localization-summary',
  'campaign-localize-step3-cultural-retrieval',
  'campaign-localize-step4-cultural-reasoning',
  'campaign-localize-step5-localized-json-prompt',
  'campaign-localize-step6-localized-generation',
];

const CAMPAIGN_STEPS = [
  'campaign-ads-step1-brief-understanding',
  'campaign-ads-step2-corpus-retrieval',
  'campaign-ads-step3-creative-direction',
  'campaign-ads-step4-json-prompt',
  'campaign-ads-step5-generation',
  'campaign-ads-step6-quality-review',
];

/**
 * `campaign_ad_localization`: payloads are merged, not replaced. queued → mastra_workflow_start →
 * completed with the six diagnostic steps (failed: the generation step reports `failed`).
 */
export function campaignLocalizeScript(
  input: CampaignLocalizeInput,
  failure: JobFailure | undefined,
): JobScript {
  const queuedInput = compact({
    prompt: input.prompt,
    target_culture: input.target_culture,
    target_language: input.target_language,
    target_currency: input.target_currency,
    brand_id: input.brand_id,
    source_job_id: input.source_job_id,
    reference_image_count: input.reference_images?.length ?? 0,
    output: input.output,
    client_reference_id: input.client_reference_id,
    metadata: input.metadata,
    source_image_provided: Boolean(input.source_image_url),
  });
  const queuedPayload = { phase: 'queued', input: queuedInput };
  return {
    type: 'campaign_ad_localization',
    queuedPayload,
    steps: (job) => {
      const processingPayload = {
        ...queuedPayload,
        phase: 'mastra_workflow_start',
        diagnostics: [],
      };
      const processing: JobStep = { status: 'processing', payload: processingPayload };
      if (failure) {
        const failedDiagnostics = diagnostics(LOCALIZE_STEPS.slice(0, -1)).concat({
          step:
            LOCALIZE_STEPS[LOCALIZE_STEPS.length - 1] ??
            'campaign-localize-step6-localized-generation',
          status: 'failed',
          duration_ms: 0,
          detail: failure.message,
        });
        return [
          processing,
          failedStep(
            {
              ...processingPayload,
              phase: 'failed',
              failure_code: failure.code,
              diagnostics: failedDiagnostics,
            },
            failure,
          ),
        ];
      }
      const imageUrl = imageUrlFor('campaigns', job.id);
      return [
        processing,
        {
          status: 'completed',
          payload: {
            ...processingPayload,
            phase: 'completed',
            image_url: imageUrl,
            diagnostics: diagnostics(LOCALIZE_STEPS),
          },
          result_url: imageUrl,
        },
      ];
    },
  };
}

function failedStep(payload: Record<string, unknown>, failure: JobFailure): JobStep {
  return { status: 'failed', payload, error_log: errorLogFor(failure) };
}

function diagnostics(steps: string[]): Array<Record<string, unknown>> {
  return steps.map((step, index) => ({
    step,
    status: 'ok',
    duration_ms: 120 + index * 40,
    detail: 'ok',
  }));
}
