/**
 * Child process generating the benchmarks' load, apart from the servers under test:
 * `autocannon` (`LoadOptions` → `LoadResult`, see `runAutocannon`) for the HTTP bench, and
 * `subscriptions-open` / `subscriptions-await-complete` / `subscriptions-close` for the
 * subscription bench (see `createSubscriptionLoad`).
 */
import { runAutocannon } from './run-autocannon.js';
import type { LoadOptions } from './run-autocannon.js';
import { serveParent } from './serve-parent.js';
import { createSubscriptionLoad } from './subscription-load.js';
import type { OpenRequest } from './subscription-load.js';

await serveParent(async () => {
  const subscriptions = createSubscriptionLoad();
  return {
    ready: { pid: process.pid },
    handlers: {
      autocannon: (options: LoadOptions) => runAutocannon(options),
      'subscriptions-open': (request: OpenRequest) => subscriptions.open(request),
      'subscriptions-await-complete': (request: { timeoutMs?: number }) =>
        subscriptions.awaitComplete(request),
      'subscriptions-close': () => subscriptions.close(),
    },
    stop: () => subscriptions.close(),
  };
});
