import type { Route } from '../types.js';
import { avatarRoutes } from './avatars.js';
import { brandRoutes } from './brands.js';
import { campaignRoutes } from './campaigns.js';
import { imageRoutes } from './images.js';
import { jobRoutes } from './jobs.js';
import { runRoutes } from './runs.js';
import { webhookRoutes } from './webhooks.js';

export { createSimAdminRoutes } from './sim.js';
export type { SimAdminDeps, SimAdminRoute } from './sim.js';

/** The simulator's Pi API route table (`/api/v1/*`). */
export function createApiRoutes(): Route[] {
  return [
    ...brandRoutes,
    ...jobRoutes,
    ...imageRoutes,
    ...campaignRoutes,
    ...avatarRoutes,
    ...webhookRoutes,
    ...runRoutes,
  ];
}
