import type { Route } from '../types.js';

/** Placeholder until the runs routes land. */
export const runRoutes: Route[] = [];
