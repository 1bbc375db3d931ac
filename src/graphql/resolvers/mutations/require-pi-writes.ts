import type { GatewayContext } from '../../context.js';
import type { PiWriteApi } from '../../../pi/index.js';

/**
 * The context's Pi writes. A context without them is a wiring bug (every context the factory
 * builds has them), so this throws a plain `Error`, which the client sees masked as
 * `INTERNAL_SERVER_ERROR`.
 */
export function requirePiWrites(context: GatewayContext): PiWriteApi {
  if (context.piWrites === undefined) {
    throw new Error(
      'The operation context has no Pi writes (piWrites); check the context factory.',
    );
  }
  return context.piWrites;
}
