import type { z } from 'zod';
import { badRequest } from './errors.js';

/**
 * Validates a JSON body as Pi does (Zod: unknown keys stripped, strings trimmed by the schema).
 * Throws 400 `invalid_request_body` with `param` (the dotted path of the first issue) and `issues`.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const param = first && first.path.length > 0 ? first.path.join('.') : undefined;
  throw badRequest(
    'invalid_request_body',
    first ? `${param ? `${param}: ` : ''}${first.message}` : 'Invalid request body.',
    param,
    result.error.issues,
  );
}
