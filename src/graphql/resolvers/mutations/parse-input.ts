import type { z } from 'zod';
import { ErrorCode, GatewayError } from '../../../errors/index.js';

// Keys of JSON arguments (e.g. `metadata`) come from the client: only plain ones go into a path.
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/**
 * The dotted path of a zod issue under `root`, list items as `[i]`: `input.output.resolution`,
 * `input.referenceImages[2]`. A JSON key that is not a plain identifier ends the path at its parent.
 */
export function toFieldPath(root: string, path: readonly PropertyKey[]): string {
  let field = root;
  for (const segment of path) {
    if (typeof segment === 'number') field += `[${segment}]`;
    else if (typeof segment === 'string' && PLAIN_KEY.test(segment)) field += `.${segment}`;
    else break;
  }
  return field;
}

/**
 * `value` checked and normalized (strings trimmed where Pi trims them) by `schema`.
 *
 * @throws GatewayError `BAD_USER_INPUT` naming the first bad field in the message and in
 * `extensions.field`; the message never repeats the value (it may be a secret).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  root = 'input',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = toFieldPath(root, issue?.path ?? []);
  const reason = issue?.message ?? 'Invalid value';
  throw new GatewayError(`Invalid ${field}: ${reason}.`, {
    code: ErrorCode.BAD_USER_INPUT,
    field,
  });
}
