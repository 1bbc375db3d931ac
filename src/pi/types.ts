/**
 * The contracts of the upstream module: what resolvers and the server may rely on.
 * Implementations live next to this file; nothing here knows about GraphQL execution.
 */
import type DataLoader from 'dataloader';
import type {
  BrandDto,
  BrandListDto,
  JobDto,
  RunDto,
  SavedAvatarDto,
  SavedAvatarListDto,
  WebhookListDto,
} from './dto.js';
import type { BrandReadOptions, JobReadOptions } from './read-options.js';

/**
 * The caller's Pi credential. `fingerprint` (a keyed hash) is what caches, loaders and pollers are
 * keyed by; the raw `Authorization` value is only ever put on the upstream request, and the object
 * never prints it (`toJSON`/`inspect` show the fingerprint only).
 */
export interface Credential {
  readonly fingerprint: string;
  /** The `Authorization` header value to send upstream, e.g. `Bearer pi_...`. */
  authorization(): string;
}

export interface RateLimitInfo {
  limit: number;
  remaining: number;
  /** Unix seconds. */
  reset: number;
}

/**
 * Per-operation record of the upstream calls made on its behalf (also those it shared through
 * in-flight dedupe): their `X-Request-Id`s and the tightest rate-limit figures seen.
 */
export interface UpstreamRecorder {
  recordRequestId(requestId: string): void;
  recordRateLimit(info: RateLimitInfo): void;
  readonly requestIds: readonly string[];
  /** The figures with the lowest `remaining` seen, if any response carried them. */
  readonly rateLimit: RateLimitInfo | undefined;
}

export interface BrandListArgs {
  query?: string;
  /** 1–100 (Pi's `limit`). */
  limit?: number;
  offset?: number;
}

export interface PageArgs {
  limit?: number;
  offset?: number;
}

/**
 * Domain reads bound to one credential and one operation's recorder. Each method makes the REST
 * call(s) through the shared client (which dedupes identical in-flight GETs per credential and
 * retries GETs) and throws a `GatewayError` for Pi errors.
 */
export interface PiApi {
  readonly credential: Credential;
  getJob(id: string, options?: JobReadOptions): Promise<JobDto>;
  getBrand(id: string, options?: BrandReadOptions): Promise<BrandDto>;
  listBrands(args: BrandListArgs, options?: BrandReadOptions): Promise<BrandListDto>;
  getSavedAvatar(id: string): Promise<SavedAvatarDto>;
  listSavedAvatars(args: PageArgs): Promise<SavedAvatarListDto>;
  listWebhooks(): Promise<WebhookListDto>;
  getRun(id: string): Promise<RunDto>;
}

/** A read of one object with the options a selection needs. */
export interface LoadKey<O> {
  id: string;
  options: O;
}

/**
 * Per-operation DataLoaders over a `PiApi`. Keys for the same id in one tick are merged into one
 * upstream call (union of fields and expansions, split only when Pi's one-value-per-parameter rule
 * forces it); each key receives the merged DTO. A failing id rejects only its own keys.
 */
export interface PiLoaders {
  job: DataLoader<LoadKey<JobReadOptions>, JobDto, string>;
  brand: DataLoader<LoadKey<BrandReadOptions>, BrandDto, string>;
  savedAvatar: DataLoader<string, SavedAvatarDto>;
  run: DataLoader<string, RunDto>;
}
