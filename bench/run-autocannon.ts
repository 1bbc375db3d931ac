import autocannon from 'autocannon';
import { summarizeLatencies } from './latency-summary.js';
import type { LoadResult } from './load-result.js';

/** Autocannon's options, plus `bodies`: each request sends one of them, picked at random. */
export type LoadOptions = autocannon.Options & { bodies?: string[] };

/**
 * Runs one autocannon load. Latency percentiles come from each 2xx response's own time
 * (µs resolution), not from autocannon's whole-millisecond histogram.
 *
 * @throws autocannon's error when the load cannot start (e.g. a bad URL).
 */
export async function runAutocannon({ bodies, ...options }: LoadOptions): Promise<LoadResult> {
  if (bodies !== undefined && bodies.length > 0) {
    // Random, not round-robin: autocannon's connections would otherwise walk the list in step.
    options.requests = [
      {
        setupRequest: (request) => ({
          ...request,
          body: bodies[Math.floor(Math.random() * bodies.length)]!,
        }),
      },
    ];
  }
  const latencies: number[] = [];
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done: autocannon.Result) =>
      error ? reject(error as Error) : resolve(done),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else non2xx += 1;
    });
  });
  const ok = latencies.length;
  return {
    durationSeconds: result.duration,
    ok,
    requestsPerSecond: ok / result.duration,
    latency: summarizeLatencies(latencies),
    non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
