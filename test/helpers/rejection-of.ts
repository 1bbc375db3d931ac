import { isGatewayError } from '../../src/errors/index.js';
import type { GatewayError } from '../../src/errors/index.js';

/** The `GatewayError` a promise rejects with; throws when it resolves or rejects with anything else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (isGatewayError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
