import { ErrorCode, isGatewayError } from '../../errors/index.js';

/**
 * Awaits the load of an object another object points at (a job's brand, an edit's source, a run
 * step's job). A reference Pi answers 404 for (missing, or another organization's) resolves to
 * null rather than an error: the reference is simply not readable by this caller. Other errors
 * propagate to the field.
 */
export async function loadReference<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (isGatewayError(error) && error.code === ErrorCode.NOT_FOUND) return null;
    throw error;
  }
}
