import { ErrorCode, GatewayError } from '../errors/index.js';

/** `closed`: calls go through; `open`: calls fail fast; `half-open`: one probe call may go through. */
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failed attempts that open the breaker. @default 5 */
  failureThreshold?: number;
  /** How long the breaker stays open before it lets one probe through. @default 10000 */
  openMs?: number;
  /** Clock in epoch ms (tests inject one instead of waiting `openMs` out). @default Date.now */
  now?: () => number;
  /**
   * Called on every change of state. `open` → `half-open` is noticed lazily, when `state` is read
   * or a call asks to go through once `openMs` has elapsed. Exceptions are caught and ignored.
   */
  onStateChange?: (state: CircuitState) => void;
}

/**
 * The right to make one attempt. Settle it once with what the attempt showed about Pi; later
 * calls are ignored, so a `release()` in a `finally` after `success()`/`failure()` is harmless.
 */
export interface CircuitPermit {
  /** Pi answered usably (any 2xx or 4xx): resets the failure count; a probe closes the breaker. */
  success(): void;
  /** Connection failure, timeout, 5xx or unusable body: counts; a probe opens the breaker again. */
  failure(): void;
  /** The attempt tells nothing about Pi (the caller abandoned it): counts nothing, frees the probe slot. */
  release(): void;
}

/** The answer to `acquire()`: a permit, or the error to fail the call with at once. */
export type CircuitAdmission =
  { admitted: true; permit: CircuitPermit } | { admitted: false; error: GatewayError };

/** A circuit breaker for one upstream origin, shared by every client that calls it. */
export interface CircuitBreaker {
  /** The current state; reports `half-open` as soon as `openMs` has elapsed, even before a probe. */
  readonly state: CircuitState;
  /**
   * Asks to make one attempt. Refused (with an `UPSTREAM_UNAVAILABLE` error carrying
   * `retryAfter` seconds) while open, and while half-open once the probe is out.
   */
  acquire(): CircuitAdmission;
}

const DEFAULTS = { failureThreshold: 5, openMs: 10_000 } as const;

function validate(failureThreshold: number, openMs: number): void {
  const problems: string[] = [];
  if (!Number.isInteger(failureThreshold) || failureThreshold < 1)
    problems.push('failureThreshold must be an integer ≥ 1');
  if (!Number.isInteger(openMs) || openMs < 1) problems.push('openMs must be an integer ≥ 1');
  if (problems.length > 0)
    throw new RangeError(`Invalid circuit breaker options: ${problems.join('; ')}.`);
}

/**
 * Creates a consecutive-failures circuit breaker: `closed` → `open` after `failureThreshold`
 * failed attempts in a row; `open` for `openMs`, during which every attempt is refused before
 * anything is sent; then `half-open`, where exactly one probe goes through: its success closes
 * the breaker, its failure opens it for another `openMs`. Fails with a `RangeError` listing every
 * invalid option.
 */
export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const failureThreshold = options.failureThreshold ?? DEFAULTS.failureThreshold;
  const openMs = options.openMs ?? DEFAULTS.openMs;
  validate(failureThreshold, openMs);
  const now = options.now ?? Date.now;

  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let probeOut = false;
  // Permits issued before the last change of state are stale: their outcome no longer decides anything.
  let generation = 0;

  function moveTo(next: CircuitState): void {
    if (next === state) return;
    state = next;
    generation += 1;
    try {
      options.onStateChange?.(next);
    } catch {
      // A metrics or logging hook must never break the calls it observes.
    }
  }

  function open(): void {
    openedAt = now();
    probeOut = false;
    failures = 0;
    moveTo('open');
  }

  function current(): CircuitState {
    if (state === 'open' && now() - openedAt >= openMs) moveTo('half-open');
    return state;
  }

  function refusal(): CircuitAdmission {
    const remainingMs = state === 'open' ? openedAt + openMs - now() : 0;
    const retryAfter = Math.max(1, Math.ceil(remainingMs / 1000));
    return {
      admitted: false,
      error: new GatewayError(
        `Pi is unavailable: the gateway stopped calling it after repeated failures; retry in ${retryAfter} s.`,
        { code: ErrorCode.UPSTREAM_UNAVAILABLE, retryAfter },
      ),
    };
  }

  function permit(isProbe: boolean): CircuitPermit {
    const issuedIn = generation;
    let settled = false;
    const settle = (outcome: 'success' | 'failure' | 'release'): void => {
      if (settled) return;
      settled = true;
      if (issuedIn !== generation) return;
      if (isProbe) {
        probeOut = false;
        if (outcome === 'success') {
          failures = 0;
          moveTo('closed');
        } else if (outcome === 'failure') open();
        return;
      }
      if (outcome === 'success') failures = 0;
      else if (outcome === 'failure') {
        failures += 1;
        if (failures >= failureThreshold) open();
      }
    };
    return {
      success: () => settle('success'),
      failure: () => settle('failure'),
      release: () => settle('release'),
    };
  }

  return {
    get state() {
      return current();
    },
    acquire() {
      switch (current()) {
        case 'closed':
          return { admitted: true, permit: permit(false) };
        case 'open':
          return refusal();
        case 'half-open':
          if (probeOut) return refusal();
          probeOut = true;
          return { admitted: true, permit: permit(true) };
      }
    },
  };
}
