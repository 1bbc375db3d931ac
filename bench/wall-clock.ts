import { performance } from 'node:perf_hooks';

// `performance.timeOrigin` can be off by milliseconds from the wall clock (it is taken while the
// process starts, which is slow on a busy machine); anchoring `performance.now()` to `Date.now()`
// once gives sub-millisecond steps on the clock every process shares, within ±0.5 ms.
let offset: number | undefined;

/** The wall-clock time in milliseconds with sub-millisecond resolution, comparable across processes. */
export function wallClockMs(): number {
  offset ??= Date.now() + 0.5 - performance.now();
  return performance.now() + offset;
}
