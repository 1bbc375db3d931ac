import { accepted } from '../envelope.js';
import { createAdGenerationJob } from '../gen-jobs.js';
import { adGenerationSchema } from '../gen-schemas.js';
import { withIdempotency } from '../idempotency.js';
import type { Route, RouteHandler } from '../types.js';
import { parseBody } from '../validation.js';

/** `POST /images/generations` and its alias `/ads/generate` (contract §3.6): one `ad_generation` job. */
const generateAd: RouteHandler = (req, sim) => {
  const input = parseBody(adGenerationSchema, req.body);
  return withIdempotency(req, sim, 'ads_generate', input, () => {
    const job = createAdGenerationJob(sim, req.org, input);
    return accepted(req, sim, 'job', { job_id: job.id });
  });
};

/** Static ad generation; both paths share the `ads_generate` idempotency scope. */
export const imageRoutes: Route[] = [
  { method: 'POST', pattern: '/api/v1/images/generations', handler: generateAd },
  { method: 'POST', pattern: '/api/v1/ads/generate', handler: generateAd },
];
