import {
  campaignEditScript,
  campaignGenerationScript,
  campaignLocalizeScript,
} from './campaign-scripts.js';
import { badRequest, notFound } from './errors.js';
import type {
  AdGenerationInput,
  AvatarGenerationInput,
  CampaignEditInput,
  CampaignLocalizeInput,
} from './gen-schemas.js';
import { adGenerationScript, avatarGenerationScript } from './image-scripts.js';
import type { JobFailure, JobScript } from './image-scripts.js';
import type { JobRow, Org, SimContext } from './types.js';

/** A prompt containing this marker makes the job end `failed` (contract §8.2: "a magic prompt"). */
export const FAIL_MARKER = '[fail]';

const SIMULATED_FAILURE = 'Simulated failure requested by the prompt.';

/**
 * Queues an `ad_generation` job. A `brand_id` outside the caller's org is not rejected here (Pi
 * answers 202); the job fails with `policy_conflict`, as Pi's worker does.
 */
export function createAdGenerationJob(sim: SimContext, org: Org, input: AdGenerationInput): JobRow {
  const failure =
    brandFailure(
      sim,
      org,
      input.brand_id,
      'policy_conflict',
      'brand_id not found in your organization.',
    ) ?? promptFailure(input.prompt, 'generation_blocked');
  return start(sim, org, adGenerationScript(input, failure, sim.options.stepMs));
}

/** Queues a `campaign_ad_generation` job (a foreign `brand_id` fails it generically). */
export function createCampaignGenerationJob(
  sim: SimContext,
  org: Org,
  input: AdGenerationInput,
): JobRow {
  return start(
    sim,
    org,
    campaignGenerationScript(input, campaignFailure(sim, org, input.brand_id, input.prompt)),
  );
}

/** Queues a `campaign_ad_edit` job. Check the source first with `assertSourceJob`. */
export function createCampaignEditJob(sim: SimContext, org: Org, input: CampaignEditInput): JobRow {
  return start(
    sim,
    org,
    campaignEditScript(input, campaignFailure(sim, org, input.brand_id, input.prompt)),
  );
}

/** Queues a `campaign_ad_localization` job. Check a `source_job_id` first with `assertSourceJob`. */
export function createCampaignLocalizeJob(
  sim: SimContext,
  org: Org,
  input: CampaignLocalizeInput,
): JobRow {
  return start(
    sim,
    org,
    campaignLocalizeScript(input, campaignFailure(sim, org, input.brand_id, input.prompt)),
  );
}

/** Queues an `avatar_generation` job. */
export function createAvatarGenerationJob(
  sim: SimContext,
  org: Org,
  input: AvatarGenerationInput,
): JobRow {
  const failure = promptFailure(input.prompt, 'generation_failed');
  return start(sim, org, avatarGenerationScript(input, failure));
}

/**
 * The synchronous source checks of `campaigns/edit` and `campaigns/localize-ad` (contract §3.8):
 * missing or foreign → 404 `source_job_not_found`; not a campaign generation or edit → 400
 * `source_job_type_invalid`; not completed → 400 `source_job_not_completed`; no image → 400
 * `source_job_missing_image`.
 */
export function assertSourceJob(sim: SimContext, org: Org, sourceJobId: string): JobRow {
  const job = sim.engine.get(org.id, sourceJobId);
  if (!job || job.org_id !== org.id)
    throw notFound('source_job_not_found', 'Source job not found.');
  if (job.type !== 'campaign_ad_generation' && job.type !== 'campaign_ad_edit') {
    throw badRequest(
      'source_job_type_invalid',
      'source_job_id must reference a campaign_ad_generation or campaign_ad_edit job.',
    );
  }
  if (job.status !== 'completed') {
    throw badRequest(
      'source_job_not_completed',
      'Source job must be completed before it can be used.',
    );
  }
  if (typeof job.payload.image_url !== 'string') {
    throw badRequest('source_job_missing_image', 'Source job has no generated image.');
  }
  return job;
}

function start(sim: SimContext, org: Org, script: JobScript): JobRow {
  return sim.engine.create(org, script.type, script.queuedPayload, script.steps);
}

function campaignFailure(
  sim: SimContext,
  org: Org,
  brandId: string | undefined,
  prompt: string,
): JobFailure | undefined {
  return (
    brandFailure(
      sim,
      org,
      brandId,
      'internal_step_failed',
      'Brand not found for this organization.',
    ) ?? promptFailure(prompt, 'internal_step_failed')
  );
}

function brandFailure(
  sim: SimContext,
  org: Org,
  brandId: string | undefined,
  code: string,
  message: string,
): JobFailure | undefined {
  if (brandId === undefined) return undefined;
  return sim.store.brands.get(brandId)?.org_id === org.id ? undefined : { code, message };
}

function promptFailure(prompt: string, code: string): JobFailure | undefined {
  return prompt.includes(FAIL_MARKER) ? { code, message: SIMULATED_FAILURE } : undefined;
}
