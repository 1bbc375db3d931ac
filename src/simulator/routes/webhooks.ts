import type { Route } from '../types.js';

/** Placeholder until the webhooks routes land. */
export const webhookRoutes: Route[] = [];
