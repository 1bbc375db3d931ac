import type { Resolvers } from '../../generated/resolvers-types.js';
import { toDateTime } from '../mappers/index.js';

/** `Query.webhooks` and the `Webhook` fields (Pi never returns a secret, and neither do we). */
export const webhookResolvers = {
  Query: {
    webhooks: async (_root, _args, { pi }) => (await pi.listWebhooks()).data,
  },
  Webhook: {
    endpointUrl: (webhook) => webhook.endpoint_url,
    isActive: (webhook) => webhook.is_active,
    createdAt: (webhook) => toDateTime(webhook.created_at),
    updatedAt: (webhook) => toDateTime(webhook.updated_at),
  },
} satisfies Resolvers;
