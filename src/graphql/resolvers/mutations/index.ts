import type { Resolvers } from '../../../generated/resolvers-types.js';
import { mergeResolvers } from '../merge-resolvers.js';
import { avatarMutationResolvers } from './avatar-mutations.js';
import { brandMutationResolvers } from './brand-mutations.js';
import { imageMutationResolvers } from './image-mutations.js';
import { runMutationResolvers } from './run-mutations.js';
import { webhookMutationResolvers } from './webhook-mutations.js';
import { writePayloadResolvers } from './write-payloads.js';

/** Every `Mutation` field and the fields of the write payloads. */
export const mutationResolvers: Resolvers = mergeResolvers(
  brandMutationResolvers,
  imageMutationResolvers,
  avatarMutationResolvers,
  webhookMutationResolvers,
  runMutationResolvers,
  writePayloadResolvers,
);

export {
  MAX_IDEMPOTENCY_KEY_LENGTH,
  mintIdempotencyKey,
  resolveIdempotencyKey,
} from './idempotency-key.js';
export type {
  IdempotencyKey,
  IdempotencyKeyRequest,
  IdempotencyKeySource,
} from './idempotency-key.js';
export { rootResponseKeys } from './root-response-keys.js';
export { parseInput, toFieldPath } from './parse-input.js';
export { toBrandProjection } from './brand-mutations.js';
export { UNKNOWN_REQUEST_ID, readAcceptedJob, withIdempotencyKey } from './write-payloads.js';
