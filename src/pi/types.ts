/**
 * The contracts of the upstream module: what resolvers and the server may rely on.
 * Implementations live next to this file; nothing here knows about GraphQL execution.
 */
import type DataLoader from 'dataloader';
import type {
  AcceptedJobDto,
  AcceptedRunDto,
  AvatarGenerationBodyDto,
  AvatarSaveBodyDto,
  BrandDto,
  BrandExtractionBodyDto,
  BrandListDto,
  BrandProjectionBodyDto,
  BrandProjectionDto,
  CampaignEditBodyDto,
  CampaignLocalizationBodyDto,
  ImageGenerationBodyDto,
  JobDto,
  RunCreateBodyDto,
  RunDto,
  SavedAvatarDto,
  SavedAvatarListDto,
  WebhookCreateBodyDto,
  WebhookDto,
  WebhookListDto,
  WebhookUpdateBodyDto,
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

/** A successful write: Pi's `data` and what the gateway reports about the call. */
export interface PiWriteResult<T> {
  data: T;
  /** `X-Request-Id` of the successful (or replayed) attempt, else the envelope's `id`. */
  requestId: string | undefined;
  /** `X-Idempotency-Replayed: true`: Pi answered with the response it stored for the key. */
  replayed: boolean;
}

/** Options of a write to an endpoint that supports `Idempotency-Key` upstream. */
export interface IdempotentWriteOptions {
  /**
   * Sent unchanged as `Idempotency-Key` on every attempt. With it, the call is retried on
   * connection failures, resets (also after sending), 429 (within `Retry-After` limits) and
   * 502/503/504; without it, only when nothing reached Pi.
   */
  idempotencyKey?: string;
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

/**
 * Domain writes bound to one credential and one operation's recorder (`createPiApi` returns an
 * object with both `PiApi` and `PiWriteApi`): one method per write endpoint of the contract.
 * Failures are `GatewayError`s, as for reads.
 *
 * Writes without idempotency upstream (`extractBrand`, `projectBrand`, `saveAvatar`, webhooks,
 * `startRun`) are retried only when the connection could not be opened; any other failure after
 * sending fails with `outcome: 'unknown'`. A 2xx whose `data` has an unexpected shape fails with
 * `UPSTREAM_BAD_RESPONSE`.
 */
export interface PiWriteApi {
  /** `POST /brands/extract` (202, no idempotency upstream). */
  extractBrand(body: BrandExtractionBodyDto): Promise<PiWriteResult<AcceptedJobDto>>;
  /** `POST /brands/:id/project` (200, synchronous, no idempotency upstream). */
  projectBrand(
    brandId: string,
    body: BrandProjectionBodyDto,
  ): Promise<PiWriteResult<BrandProjectionDto>>;
  /** `POST /images/generations` (202, idempotent with a key). */
  generateImage(
    body: ImageGenerationBodyDto,
    options?: IdempotentWriteOptions,
  ): Promise<PiWriteResult<AcceptedJobDto>>;
  /** `POST /campaigns/generate` (202, idempotent with a key). */
  generateCampaignAd(
    body: ImageGenerationBodyDto,
    options?: IdempotentWriteOptions,
  ): Promise<PiWriteResult<AcceptedJobDto>>;
  /** `POST /campaigns/edit` (202, idempotent with a key). */
  editCampaignAd(
    body: CampaignEditBodyDto,
    options?: IdempotentWriteOptions,
  ): Promise<PiWriteResult<AcceptedJobDto>>;
  /** `POST /campaigns/localize-ad` (202, idempotent with a key). */
  localizeCampaignAd(
    body: CampaignLocalizationBodyDto,
    options?: IdempotentWriteOptions,
  ): Promise<PiWriteResult<AcceptedJobDto>>;
  /** `POST /avatars/generate` (202, idempotent with a key). */
  generateAvatar(
    body: AvatarGenerationBodyDto,
    options?: IdempotentWriteOptions,
  ): Promise<PiWriteResult<AcceptedJobDto>>;
  /** `POST /avatars/save` (200; every call saves another row upstream). */
  saveAvatar(body: AvatarSaveBodyDto): Promise<PiWriteResult<SavedAvatarDto>>;
  /** `POST /webhooks` (200). The secret goes to Pi only; the result never carries it. */
  createWebhook(body: WebhookCreateBodyDto): Promise<PiWriteResult<WebhookDto>>;
  /** `PATCH /webhooks/:id` (200). */
  updateWebhook(id: string, body: WebhookUpdateBodyDto): Promise<PiWriteResult<WebhookDto>>;
  /** `POST /runs` (202, no idempotency upstream). */
  startRun(body: RunCreateBodyDto): Promise<PiWriteResult<AcceptedRunDto>>;
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
