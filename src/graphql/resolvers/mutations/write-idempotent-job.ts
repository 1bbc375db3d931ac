import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../../context.js';
import type { AcceptedJobDto, JobTypeDto, PiWriteResult } from '../../../pi/index.js';
import { resolveIdempotencyKey } from './idempotency-key.js';
import { rootResponseKeys } from './root-response-keys.js';
import { toJobWritePayload, withIdempotencyKey } from './write-payloads.js';
import type { JobWritePayload } from './write-payloads.js';

/**
 * Runs one idempotent job write for a mutation field: resolves the field's idempotency key (the
 * `idempotencyKey` argument, the request's header, derived per field, or minted; see
 * `resolveIdempotencyKey`) before the first attempt, hands it to `send` (the Pi client sends it
 * unchanged on every attempt and retries only with it), and returns the field's payload with the
 * key. A failure rethrows the GatewayError with `extensions.idempotencyKey`.
 *
 * @throws GatewayError `BAD_USER_INPUT` for an unusable key, before any upstream call.
 */
export async function writeIdempotentJob(
  argument: string | null | undefined,
  context: GatewayContext,
  info: GraphQLResolveInfo,
  type: JobTypeDto,
  send: (idempotencyKey: string) => Promise<PiWriteResult<AcceptedJobDto>>,
): Promise<JobWritePayload> {
  const key = resolveIdempotencyKey({
    argument,
    header: context.idempotencyKey,
    responseKey: String(info.path.key),
    rootFieldCount: rootResponseKeys(info).length,
  });
  try {
    return toJobWritePayload(await send(key.value), type, key.value);
  } catch (error) {
    throw withIdempotencyKey(error, key.value);
  }
}
