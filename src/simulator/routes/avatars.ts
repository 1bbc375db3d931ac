import type { Route } from '../types.js';

/** Placeholder until the avatars routes land. */
export const avatarRoutes: Route[] = [];
