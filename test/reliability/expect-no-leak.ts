import { expect } from 'vitest';
import type { TestGateway } from '../helpers/start-test-gateway.js';

/**
 * The rule of every RELIABILITY.md row: a response (or a log line) shows no stack trace, no
 * upstream host and no credential. `extra` lists more strings that must not appear (a fake
 * upstream's origin, a secret planted in an upstream answer).
 */
export function expectNoLeak(
  gateway: Pick<TestGateway, 'sim'> | undefined,
  value: unknown,
  extra: readonly string[] = [],
): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  expect(text).not.toMatch(/"stacktrace"|"stack"|\n\s+at [\w.<]/);
  const forbidden = [
    ...(gateway === undefined
      ? []
      : [new URL(gateway.sim.url).host, ...Object.values(gateway.sim.keys)]),
    ...extra,
  ];
  for (const secret of forbidden) expect(text).not.toContain(secret);
}
