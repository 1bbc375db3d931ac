import type { Route } from '../types.js';

/** Placeholder until the campaigns routes land. */
export const campaignRoutes: Route[] = [];
