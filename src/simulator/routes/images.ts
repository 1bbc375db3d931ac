import type { Route } from '../types.js';

/** Placeholder until the images routes land. */
export const imageRoutes: Route[] = [];
