import type { QuirksMode, SimulatorOptions } from './types.js';

/** The simulator's defaults; `port` is 0 (any free port) except for the CLI, which uses 4010. */
export const defaultSimulatorOptions: Readonly<SimulatorOptions> = Object.freeze({
  port: 0,
  host: '127.0.0.1',
  keys: Object.freeze({ pi_test_alpha: 'alpha', pi_test_beta: 'beta' }) as Record<string, string>,
  rateLimit: 100_000,
  rateWindowSeconds: 60,
  stepMs: 400,
  quirks: 'docs' as QuirksMode,
  faults: false,
  allowHttpWebhooks: false,
});

/** Thrown when the simulator's settings are invalid; `message` lists every problem, one a line. */
export class SimulatorConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid simulator configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SimulatorConfigError';
    this.problems = problems;
  }
}

/**
 * Reads the simulator's settings from the environment: `PORT` (default 4010), `HOST` (127.0.0.1),
 * `PI_SIM_KEYS` (`key=org,...`, default `pi_test_alpha=alpha,pi_test_beta=beta`),
 * `PI_SIM_RATE_LIMIT` (100000), `PI_SIM_RATE_WINDOW_S` (60), `PI_SIM_STEP_MS` (400),
 * `PI_SIM_QUIRKS` (`docs`|`impl`, docs), `PI_SIM_FAULTS` (`1` enables),
 * `PI_SIM_ALLOW_HTTP_WEBHOOKS` (`1` enables). Empty values count as unset.
 * Throws a {@link SimulatorConfigError} listing every bad value.
 */
export function loadSimulatorOptions(env: Record<string, string | undefined>): SimulatorOptions {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string): boolean => {
    const raw = read(name);
    if (raw === undefined) return false;
    if (raw === '1' || raw === 'true') return true;
    if (raw === '0' || raw === 'false') return false;
    problems.push(`${name} must be 1 or 0 (got "${raw}")`);
    return false;
  };

  const quirksRaw = read('PI_SIM_QUIRKS') ?? 'docs';
  if (quirksRaw !== 'docs' && quirksRaw !== 'impl') {
    problems.push(`PI_SIM_QUIRKS must be "docs" or "impl" (got "${quirksRaw}")`);
  }
  const options: SimulatorOptions = {
    port: integer('PORT', 4010, 0, 65_535),
    host: read('HOST') ?? defaultSimulatorOptions.host,
    keys: parseKeys(read('PI_SIM_KEYS'), problems),
    rateLimit: integer(
      'PI_SIM_RATE_LIMIT',
      defaultSimulatorOptions.rateLimit,
      1,
      Number.MAX_SAFE_INTEGER,
    ),
    rateWindowSeconds: integer(
      'PI_SIM_RATE_WINDOW_S',
      defaultSimulatorOptions.rateWindowSeconds,
      1,
      31_536_000,
    ),
    stepMs: integer('PI_SIM_STEP_MS', defaultSimulatorOptions.stepMs, 0, 3_600_000),
    quirks: quirksRaw === 'impl' ? 'impl' : 'docs',
    faults: flag('PI_SIM_FAULTS'),
    allowHttpWebhooks: flag('PI_SIM_ALLOW_HTTP_WEBHOOKS'),
  };
  if (problems.length > 0) throw new SimulatorConfigError(problems);
  return options;
}

/**
 * Completes `overrides` with the defaults and checks them (programmatic start).
 * Throws a {@link SimulatorConfigError} listing every bad value.
 */
export function resolveSimulatorOptions(
  overrides: Partial<SimulatorOptions> = {},
): SimulatorOptions {
  const options: SimulatorOptions = {
    ...defaultSimulatorOptions,
    keys: { ...defaultSimulatorOptions.keys },
    ...stripUndefined(overrides),
  };
  const problems: string[] = [];
  const check = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };
  check(
    Number.isInteger(options.port) && options.port >= 0 && options.port <= 65_535,
    'port must be an integer from 0 to 65535',
  );
  check(typeof options.host === 'string' && options.host !== '', 'host must be a non-empty string');
  check(
    Number.isInteger(options.rateLimit) && options.rateLimit >= 1,
    'rateLimit must be a positive integer',
  );
  check(
    Number.isInteger(options.rateWindowSeconds) && options.rateWindowSeconds >= 1,
    'rateWindowSeconds must be a positive integer',
  );
  check(Number.isFinite(options.stepMs) && options.stepMs >= 0, 'stepMs must be a number ≥ 0');
  check(options.quirks === 'docs' || options.quirks === 'impl', 'quirks must be "docs" or "impl"');
  const entries = Object.entries(options.keys ?? {});
  check(entries.length > 0, 'keys must map at least one API key to an org name');
  for (const [key, org] of entries) {
    check(key.trim() !== '' && !/\s/.test(key), `key "${key}" must be non-empty without spaces`);
    check(
      typeof org === 'string' && org.trim() !== '',
      `key "${key}" must map to a non-empty org name`,
    );
  }
  if (problems.length > 0) throw new SimulatorConfigError(problems);
  return options;
}

function parseKeys(raw: string | undefined, problems: string[]): Record<string, string> {
  if (raw === undefined) return { ...defaultSimulatorOptions.keys };
  const keys: Record<string, string> = {};
  const before = problems.length;
  for (const entry of raw.split(',')) {
    const item = entry.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    const key = eq < 0 ? '' : item.slice(0, eq).trim();
    const org = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (key === '' || org === '' || /\s/.test(key)) {
      problems.push(`PI_SIM_KEYS entry "${item}" must look like key=org`);
      continue;
    }
    if (key in keys) problems.push(`PI_SIM_KEYS lists the key "${key}" twice`);
    keys[key] = org;
  }
  if (Object.keys(keys).length === 0 && problems.length === before)
    problems.push('PI_SIM_KEYS must list at least one key=org');
  return keys;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
