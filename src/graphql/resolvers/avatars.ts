import type { Resolvers } from '../../generated/resolvers-types.js';
import { toDateTime, toNullableDateTime } from '../mappers/index.js';
import { loadReference } from './load-reference.js';
import { validateId, validatePage } from './validate-arguments.js';
import { validateReferenceId } from './validate-reference-id.js';

/** `Query.savedAvatar`, `Query.savedAvatars` and the `SavedAvatar` fields. */
export const avatarResolvers = {
  Query: {
    savedAvatar: (_root, { id }, { loaders }) => loaders.savedAvatar.load(validateId(id)),
    savedAvatars: (_root, { first, offset }, { pi }) =>
      pi.listSavedAvatars(validatePage(first, offset)),
  },
  SavedAvatar: {
    // Federation's `_entities`, read like `Query.savedAvatar` (see `Job.__resolveReference`).
    __resolveReference: async (reference, { loaders }) =>
      loadReference(loaders.savedAvatar.load(validateReferenceId(reference))),
    label: (avatar) => avatar.label ?? null,
    imageUrl: (avatar) => avatar.image_url,
    createdAt: (avatar) => toDateTime(avatar.created_at),
    updatedAt: (avatar) => toNullableDateTime(avatar.updated_at),
  },
  SavedAvatarConnection: {
    nodes: (list) => list.data,
    totalCount: (list) => list.total_count,
    hasMore: (list) => list.has_more,
  },
} satisfies Resolvers;
