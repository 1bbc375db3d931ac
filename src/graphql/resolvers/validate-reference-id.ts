import { ErrorCode, GatewayError } from '../../errors/index.js';
import { MAX_ID_LENGTH } from './validate-arguments.js';

/** An entity representation as `_entities` receives it: `@key(fields: "id")` makes it `{ __typename, id }`. */
export interface EntityReference {
  readonly __typename: string;
  readonly id: unknown;
}

/**
 * The id of an entity representation, checked like an `id` argument before any upstream call:
 * representations come from other subgraphs through the router, so `_Any` lets anything in.
 * Throws `BAD_USER_INPUT` (only that entity of `_entities` fails) unless the id is a non-empty
 * string of at most `MAX_ID_LENGTH` characters.
 */
export function validateReferenceId(reference: EntityReference): string {
  const { __typename: typeName, id } = reference;
  if (typeof id !== 'string' || id.length === 0) {
    throw badReference(`A ${typeName} representation needs a non-empty string "id".`);
  }
  if (id.length > MAX_ID_LENGTH) {
    throw badReference(
      `A ${typeName} representation's "id" must be at most ${MAX_ID_LENGTH} characters long.`,
    );
  }
  return id;
}

function badReference(message: string): GatewayError {
  return new GatewayError(message, { code: ErrorCode.BAD_USER_INPUT });
}
