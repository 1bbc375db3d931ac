import { ErrorCode, GatewayError, describeResource } from '../errors/index.js';
import type { PiResourceRef } from '../errors/index.js';
import type { PiQuery } from './build-request-path.js';
import type {
  BrandDto,
  BrandListDto,
  JobDto,
  RunDto,
  SavedAvatarDto,
  SavedAvatarListDto,
  WebhookListDto,
} from './dto.js';
import { isUuid } from './is-uuid.js';
import { fieldsParam, mergeJobDtos, readQueries } from './job-read-queries.js';
import type { PiCall, RetryPolicy } from './pi-call.js';
import type { PiClient } from './pi-client.js';
import { createPiWriteMethods } from './pi-writes.js';
import type { PiResponse } from './send-attempt.js';
import type { BrandReadOptions, JobReadOptions } from './read-options.js';
import type {
  BrandListArgs,
  Credential,
  PageArgs,
  PiApi,
  PiWriteApi,
  UpstreamRecorder,
} from './types.js';

export interface PiApiOptions {
  /** Epoch ms: the operation's deadline, applied to every call. */
  deadline?: number;
  /** Aborts every pending call (e.g. the client went away). */
  signal?: AbortSignal;
  /** Extra headers for every call (only Pi's bring-your-own-key headers are forwarded). */
  headers?: Readonly<Record<string, string>>;
}

export interface PiWriteOptions {
  idempotencyKey?: string;
  /** @default 'never' ('idempotent' retries only when `idempotencyKey` is set) */
  retry?: RetryPolicy;
  resource?: PiResourceRef;
}

/** Generic writes: one POST/PATCH, the whole response (the domain writes of `PiWriteApi` use them). */
export interface PiWrites {
  post<T>(path: string, body: unknown, options?: PiWriteOptions): Promise<PiResponse<T>>;
  patch<T>(path: string, body: unknown, options?: PiWriteOptions): Promise<PiResponse<T>>;
}

const MAX_PAGE_SIZE = 100;

function badResponse(what: string): GatewayError {
  return new GatewayError(`Pi answered with ${what} of an unexpected shape.`, {
    code: ErrorCode.UPSTREAM_BAD_RESPONSE,
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Valid JSON of the wrong shape must become a field error, never be forwarded (RELIABILITY.md U7).
function expectObject<T>(data: unknown, what: string): T {
  if (!isObject(data) || typeof data.id !== 'string') throw badResponse(what);
  return data as T;
}

function expectList<T>(data: unknown, what: string): T {
  if (!isObject(data) || !Array.isArray(data.data) || !data.data.every(isObject))
    throw badResponse(what);
  return data as T;
}

function checkPage({ limit, offset }: PageArgs): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)) {
    throw new GatewayError(`The page size must be an integer from 1 to ${MAX_PAGE_SIZE}.`, {
      code: ErrorCode.BAD_USER_INPUT,
    });
  }
  if (offset !== undefined && (!Number.isInteger(offset) || offset < 0)) {
    throw new GatewayError('The offset must be a non-negative integer.', {
      code: ErrorCode.BAD_USER_INPUT,
    });
  }
}

/**
 * Domain reads and writes (plus generic `post`/`patch`) bound to one credential, one operation's recorder and its
 * deadline. Each read is one REST call (a job read with more than two expansions: the fewest
 * calls, merged). Ids are checked to be UUIDs before any call; anything else fails with
 * `NOT_FOUND` like a missing object, because Pi's 400 `invalid_*_id` and 404 say the same thing
 * to the client ("no such object") and a distinct answer would only help id guessing.
 * Failures are `GatewayError`s (see `PiClient.request`).
 */
export function createPiApi(
  client: PiClient,
  credential: Credential,
  recorder: UpstreamRecorder,
  options: PiApiOptions = {},
): PiApi & PiWriteApi & PiWrites {
  async function call<T>(request: Omit<PiCall, 'credential' | 'recorder'>): Promise<PiResponse<T>> {
    return client.request<T>({
      ...request,
      credential,
      recorder,
      ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
      ...(options.headers !== undefined ? { headers: options.headers } : {}),
    });
  }

  async function get<T>(path: string, query: PiQuery, resource?: PiResourceRef): Promise<T> {
    const response = await call<unknown>({
      method: 'GET',
      path,
      query,
      ...(resource ? { resource } : {}),
    });
    return response.data as T;
  }

  function objectPath(resource: PiResourceRef, collection: string): string {
    if (!isUuid(resource.id)) {
      throw new GatewayError(`${describeResource(resource)} was not found.`, {
        code: ErrorCode.NOT_FOUND,
      });
    }
    return `/${collection}/${encodeURIComponent(resource.id)}`;
  }

  function write<T>(
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
    writeOptions: PiWriteOptions = {},
  ): Promise<PiResponse<T>> {
    return call<T>({
      method,
      path,
      body,
      retry: writeOptions.retry ?? 'never',
      ...(writeOptions.idempotencyKey !== undefined
        ? { idempotencyKey: writeOptions.idempotencyKey }
        : {}),
      ...(writeOptions.resource !== undefined ? { resource: writeOptions.resource } : {}),
    });
  }

  return {
    credential,

    async getJob(id, readOptions: JobReadOptions = {}) {
      const resource: PiResourceRef = { kind: 'job', id };
      const path = objectPath(resource, 'jobs');
      const dtos = await Promise.all(
        readQueries(readOptions).map(async (query) =>
          expectObject<JobDto>(await get(path, query, resource), 'a job'),
        ),
      );
      return mergeJobDtos(dtos);
    },

    async getBrand(id, readOptions: BrandReadOptions = {}) {
      const resource: PiResourceRef = { kind: 'brand', id };
      const path = objectPath(resource, 'brands');
      // Brands have a single expansion, so one call always suffices.
      const [query] = readQueries(readOptions);
      return expectObject<BrandDto>(await get(path, query ?? {}, resource), 'a brand');
    },

    async listBrands(args: BrandListArgs, readOptions: BrandReadOptions = {}) {
      checkPage(args);
      const [query] = readQueries(readOptions);
      const data = await get<unknown>('/brands', {
        ...query,
        // Pi rejects an empty `query=`; an empty search means no filter.
        query: args.query === '' ? undefined : args.query,
        limit: args.limit,
        offset: args.offset,
      });
      return expectList<BrandListDto>(data, 'a brand list');
    },

    async getSavedAvatar(id) {
      const resource: PiResourceRef = { kind: 'savedAvatar', id };
      return expectObject<SavedAvatarDto>(
        await get(objectPath(resource, 'avatars'), {}, resource),
        'a saved avatar',
      );
    },

    async listSavedAvatars(args: PageArgs) {
      checkPage(args);
      const data = await get<unknown>('/avatars', { limit: args.limit, offset: args.offset });
      return expectList<SavedAvatarListDto>(data, 'a saved avatar list');
    },

    async listWebhooks() {
      return expectList<WebhookListDto>(await get<unknown>('/webhooks', {}), 'a webhook list');
    },

    async getRun(id) {
      const resource: PiResourceRef = { kind: 'run', id };
      return expectObject<RunDto>(await get(objectPath(resource, 'runs'), {}, resource), 'a run');
    },

    ...createPiWriteMethods(write, objectPath),

    post: (path, body, writeOptions) => write('POST', path, body, writeOptions),
    patch: (path, body, writeOptions) => write('PATCH', path, body, writeOptions),
  };
}
