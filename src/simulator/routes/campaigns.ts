import { accepted } from '../envelope.js';
import {
  assertSourceJob,
  createCampaignEditJob,
  createCampaignGenerationJob,
  createCampaignLocalizeJob,
} from '../gen-jobs.js';
import { adGenerationSchema, campaignEditSchema, campaignLocalizeSchema } from '../gen-schemas.js';
import { withIdempotency } from '../idempotency.js';
import type { Route, RouteHandler } from '../types.js';
import { parseBody } from '../validation.js';

/** `POST /campaigns/generate` and its alias `/images/campaigns` (contract §3.7). */
const generateCampaign: RouteHandler = (req, sim) => {
  const input = parseBody(adGenerationSchema, req.body);
  return withIdempotency(req, sim, 'campaigns_generate', input, () => {
    const job = createCampaignGenerationJob(sim, req.org, input);
    return accepted(req, sim, 'job', { job_id: job.id });
  });
};

/**
 * `POST /campaigns/edit` (contract §3.8). The idempotency lookup comes BEFORE the source checks,
 * so a replay succeeds even when the source job has since become unusable.
 */
const editCampaign: RouteHandler = (req, sim) => {
  const input = parseBody(campaignEditSchema, req.body);
  return withIdempotency(req, sim, 'campaigns_edit', input, () => {
    assertSourceJob(sim, req.org, input.source_job_id);
    const job = createCampaignEditJob(sim, req.org, input);
    return accepted(req, sim, 'job', { job_id: job.id });
  });
};

/** `POST /campaigns/localize-ad` (contract §3.9). The source is checked BEFORE idempotency. */
const localizeAd: RouteHandler = (req, sim) => {
  const input = parseBody(campaignLocalizeSchema, req.body);
  if (input.source_job_id !== undefined) assertSourceJob(sim, req.org, input.source_job_id);
  return withIdempotency(req, sim, 'campaigns_localize_ad', input, () => {
    const job = createCampaignLocalizeJob(sim, req.org, input);
    return accepted(req, sim, 'job', { job_id: job.id });
  });
};

/** Campaign generation (and alias), edit and localization. */
export const campaignRoutes: Route[] = [
  { method: 'POST', pattern: '/api/v1/campaigns/generate', handler: generateCampaign },
  { method: 'POST', pattern: '/api/v1/images/campaigns', handler: generateCampaign },
  { method: 'POST', pattern: '/api/v1/campaigns/edit', handler: editCampaign },
  { method: 'POST', pattern: '/api/v1/campaigns/localize-ad', handler: localizeAd },
];
