export { jobResolvers } from './jobs.js';
export { brandResolvers } from './brands.js';
export { imageGenerationResolvers } from './image-generations.js';
export { avatarResolvers } from './avatars.js';
export { webhookResolvers } from './webhooks.js';
export { runResolvers } from './runs.js';
export { mutationResolvers } from './mutations/index.js';
export { mergeResolvers } from './merge-resolvers.js';
export { loadReference } from './load-reference.js';
export {
  validateId,
  validateIds,
  validatePage,
  validateSearchQuery,
  MAX_ID_LENGTH,
  MAX_IDS,
  MAX_PAGE_SIZE,
  MAX_QUERY_LENGTH,
} from './validate-arguments.js';
