import type { PiErrorShape } from './types.js';

/** An error a handler throws to answer with Pi's Stripe-style error envelope. */
export class PiApiError extends Error {
  readonly shape: PiErrorShape;

  constructor(shape: PiErrorShape) {
    super(shape.message);
    this.name = 'PiApiError';
    this.shape = shape;
  }
}

/** 400 `invalid_request_error` with an optional `param`. */
export function badRequest(code: string, message: string, param?: string, issues?: unknown[]): PiApiError {
  return new PiApiError({ status: 400, type: 'invalid_request_error', code, message, param, issues });
}

/** 404 `invalid_request_error`: identical for missing and foreign resources. */
export function notFound(code: string, message: string): PiApiError {
  return new PiApiError({ status: 404, type: 'invalid_request_error', code, message });
}
