import { randomUUID } from 'node:crypto';
import type { GatewayContext, LiveOperation } from '../graphql/context.js';
import type { PiApi, PiLoaders, PiWriteApi, UpstreamRecorder } from '../pi/index.js';

// Accessors on the prototype: an unused context costs one small object, not a Pi API, write
// methods, loaders and a recorder (thousands of subscriptions hold one each until they start).
class LazyGatewayContext implements GatewayContext {
  #built: GatewayContext | undefined;
  readonly #build: (requestId: string) => GatewayContext;
  #requestId: string | undefined;
  readonly live: LiveOperation | undefined;

  constructor(build: (requestId: string) => GatewayContext, live: LiveOperation | undefined) {
    this.#build = build;
    this.live = live;
  }

  get requestId(): string {
    this.#requestId ??= randomUUID();
    return this.#requestId;
  }

  get pi(): PiApi {
    return this.#context().pi;
  }

  get piWrites(): PiWriteApi | undefined {
    return this.#context().piWrites;
  }

  get loaders(): PiLoaders {
    return this.#context().loaders;
  }

  get upstream(): UpstreamRecorder {
    return this.#context().upstream;
  }

  get idempotencyKey(): string | undefined {
    return this.#context().idempotencyKey;
  }

  #context(): GatewayContext {
    this.#built ??= this.#build(this.requestId);
    return this.#built;
  }
}

/**
 * A context whose Pi API, loaders and recorder are built by `build` on first use (the first read of
 * `pi`, `piWrites`, `loaders`, `upstream` or `idempotencyKey`), then kept. Its `requestId` is a
 * UUID minted on first read (`build` gets it); `live` is its own (`build`'s is not read). Meant for
 * contexts that often go unused: a subscription's (its `subscribe` reads only `live`) and an
 * event's (most selections read only the event). Spreading it (`{ ...context }`) loses the
 * accessors: pass it as is.
 */
export function createLazyContext(
  build: (requestId: string) => GatewayContext,
  live?: LiveOperation,
): GatewayContext {
  return new LazyGatewayContext(build, live);
}
