import { GraphQLError } from 'graphql';
import type { ValidationRule } from 'graphql';

/**
 * Rejects `__schema` and `__type` (one error per such field), as Apollo Server does over HTTP when
 * introspection is off, so both transports refuse the same documents with the same message.
 * `__typename` stays allowed.
 */
export const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value !== '__schema' && node.name.value !== '__type') return;
    context.reportError(
      new GraphQLError(
        'GraphQL introspection is not allowed, but the query contained __schema or __type.',
        { nodes: [node], extensions: { validationErrorCode: 'INTROSPECTION_DISABLED' } },
      ),
    );
  },
});
