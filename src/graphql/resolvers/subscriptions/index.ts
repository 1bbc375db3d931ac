export { subscriptionResolvers } from './subscription-resolvers.js';
export { startStream } from './start-stream.js';
export type { WatchStream } from './start-stream.js';
export { resolveJobEvent } from './resolve-job-event.js';
