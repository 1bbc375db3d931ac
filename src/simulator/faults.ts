import type { PiErrorShape, QuirksMode } from './types.js';

/** What a set of fault directives asks the simulator to do to one request. */
export interface FaultPlan {
  /** Destroy the socket before doing anything. */
  reset: boolean;
  /** Do the work, then destroy the socket without answering. */
  resetAfter: boolean;
  /** Do the work, then answer with a body that is not valid JSON. */
  malformed: boolean;
  /** Wait this long before handling. */
  latencyMs?: number;
  /** Answer this status with a Pi error envelope without doing the work. */
  status?: number;
  /** `Retry-After` seconds sent with a `status` fault (default 1 for 429 and 503). */
  retryAfter?: number;
  /** Send the headers, then trickle the body over this many milliseconds. */
  slowBodyMs?: number;
}

/** A fault armed through `POST /_sim/faults` for the next `remaining` matching requests. */
export interface ArmedFault {
  id: number;
  /** A route name (`"POST /api/v1/images/generations"`) or `"*"` for every API route. */
  route: string;
  fault: string;
  remaining: number;
}

export interface FaultRegistry {
  /** Arms `fault` (directives, validated) for the next `times` requests to `route`. */
  arm(route: string, fault: string, times: number): ArmedFault;
  /** Takes one use of the first fault armed for `routeName` (or `*`), if any. */
  take(routeName: string): FaultPlan | undefined;
  list(): ArmedFault[];
  clear(): void;
}

const MAX_DELAY_MS = 120_000;

/**
 * Parses `X-Pi-Sim-Fault` directives, `;`-separated: `latency=<ms>`, `status=<code>`,
 * `retry-after=<s>`, `reset`, `reset-after`, `malformed`, `slow-body=<ms>`.
 * Throws an `Error` naming the first bad directive.
 */
export function parseFaultDirectives(value: string): FaultPlan {
  const plan: FaultPlan = { reset: false, resetAfter: false, malformed: false };
  for (const part of value.split(';')) {
    const directive = part.trim().toLowerCase();
    if (directive === '') continue;
    const eq = directive.indexOf('=');
    const name = eq < 0 ? directive : directive.slice(0, eq).trim();
    const arg = eq < 0 ? undefined : directive.slice(eq + 1).trim();
    const number = (min: number, max: number): number => {
      const n = arg === undefined || !/^\d+$/.test(arg) ? Number.NaN : Number(arg);
      if (!(n >= min && n <= max))
        throw new Error(`Fault directive "${part.trim()}" needs an integer from ${min} to ${max}.`);
      return n;
    };
    switch (name) {
      case 'reset':
      case 'reset-after':
      case 'malformed':
        if (arg !== undefined) throw new Error(`Fault directive "${name}" takes no value.`);
        if (name === 'reset') plan.reset = true;
        else if (name === 'reset-after') plan.resetAfter = true;
        else plan.malformed = true;
        break;
      case 'latency':
        plan.latencyMs = number(0, MAX_DELAY_MS);
        break;
      case 'slow-body':
        plan.slowBodyMs = number(0, MAX_DELAY_MS);
        break;
      case 'status':
        plan.status = number(400, 599);
        break;
      case 'retry-after':
        plan.retryAfter = number(0, 86_400);
        break;
      default:
        throw new Error(`Unknown fault directive "${part.trim()}".`);
    }
  }
  return plan;
}

/** Combines two plans (either may be absent); numeric settings of `b` win. */
export function mergeFaultPlans(
  a: FaultPlan | undefined,
  b: FaultPlan | undefined,
): FaultPlan | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return {
    reset: a.reset || b.reset,
    resetAfter: a.resetAfter || b.resetAfter,
    malformed: a.malformed || b.malformed,
    latencyMs: b.latencyMs ?? a.latencyMs,
    status: b.status ?? a.status,
    retryAfter: b.retryAfter ?? a.retryAfter,
    slowBodyMs: b.slowBodyMs ?? a.slowBodyMs,
  };
}

/** The error a `status=<code>` fault answers with: Pi's envelope with a type that fits the status. */
export function toFaultErrorShape(
  status: number,
  quirks: QuirksMode,
  retryAfter?: number,
): PiErrorShape {
  const headers: Record<string, string> = {};
  const wait = retryAfter ?? (status === 429 || status === 503 ? 1 : undefined);
  if (wait !== undefined) headers['retry-after'] = String(wait);
  const message = `Simulated fault: the simulator answered ${status} on request.`;
  if (status === 429) {
    const code = quirks === 'impl' ? 'unkey_rate_limited' : 'rate_limit_exceeded';
    return { status, type: 'rate_limit_error', code, message, headers };
  }
  if (status === 401)
    return {
      status,
      type: 'authentication_error',
      code: 'simulated_unauthorized',
      message,
      headers,
    };
  if (status === 403)
    return { status, type: 'permission_error', code: 'simulated_forbidden', message, headers };
  if (status < 500)
    return { status, type: 'invalid_request_error', code: 'simulated_fault', message, headers };
  const code =
    status === 502
      ? 'upstream_error'
      : status === 503
        ? 'service_unavailable'
        : status === 504
          ? 'upstream_timeout'
          : 'internal_error';
  return { status, type: 'api_error', code, message, headers };
}

/** Creates an empty registry of armed faults (one per simulator). */
export function createFaultRegistry(): FaultRegistry {
  let armed: (ArmedFault & { plan: FaultPlan })[] = [];
  let nextId = 1;
  return {
    arm(route, fault, times) {
      const entry = {
        id: nextId++,
        route,
        fault,
        remaining: times,
        plan: parseFaultDirectives(fault),
      };
      armed.push(entry);
      return { id: entry.id, route, fault, remaining: times };
    },
    take(routeName) {
      const entry = armed.find((a) => a.route === routeName || a.route === '*');
      if (entry === undefined) return undefined;
      entry.remaining -= 1;
      if (entry.remaining <= 0) armed = armed.filter((a) => a !== entry);
      return entry.plan;
    },
    list() {
      return armed.map(({ id, route, fault, remaining }) => ({ id, route, fault, remaining }));
    },
    clear() {
      armed = [];
    },
  };
}
