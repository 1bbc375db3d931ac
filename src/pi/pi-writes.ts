import { ErrorCode, GatewayError } from '../errors/index.js';
import type { PiResourceRef } from '../errors/index.js';
import type {
  AcceptedJobDto,
  AcceptedRunDto,
  BrandProjectionDto,
  SavedAvatarDto,
  WebhookDto,
} from './dto.js';
import type { PiWriteOptions } from './pi-api.js';
import type { PiResponse } from './send-attempt.js';
import type { IdempotentWriteOptions, PiWriteApi, PiWriteResult } from './types.js';

/** The one write primitive of `createPiApi`: a POST/PATCH through the client, the whole response. */
export type WriteCall = <T>(
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
  options?: PiWriteOptions,
) => Promise<PiResponse<T>>;

/** Builds `/<collection>/<id>`, failing with `NOT_FOUND` (no call) when the id is not a UUID. */
export type ObjectPath = (resource: PiResourceRef, collection: string) => string;

type Data = Record<string, unknown>;

function isObject(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 128;

// The write itself went through: the answer is what is unusable (RELIABILITY.md U7).
function badResponse(what: string): GatewayError {
  return new GatewayError(
    `Pi accepted the request but answered with ${what} of an unexpected shape.`,
    {
      code: ErrorCode.UPSTREAM_BAD_RESPONSE,
    },
  );
}

function toResult<T>(response: PiResponse<unknown>, data: T): PiWriteResult<T> {
  return { data, requestId: response.requestId, replayed: response.replayed };
}

function toAcceptedJob(data: unknown): AcceptedJobDto {
  if (!isObject(data) || !isId(data.job_id)) throw badResponse('an accepted job');
  return { job_id: data.job_id };
}

function toAcceptedRun(data: unknown): AcceptedRunDto {
  if (!isObject(data) || !isId(data.run_id) || !Array.isArray(data.steps)) {
    throw badResponse('an accepted run');
  }
  if (
    !data.steps.every((step) => isObject(step) && isId(step.id) && typeof step.status === 'string')
  ) {
    throw badResponse('an accepted run');
  }
  return data as unknown as AcceptedRunDto;
}

function toProjection(data: unknown): BrandProjectionDto {
  if (!isObject(data) || typeof data.use_case !== 'string' || !isObject(data.payload)) {
    throw badResponse('a brand projection');
  }
  return {
    use_case: data.use_case,
    is_wildcard: data.is_wildcard === true,
    payload: data.payload,
  };
}

function toSavedAvatar(data: unknown): SavedAvatarDto {
  if (!isObject(data) || !isId(data.id) || typeof data.image_url !== 'string') {
    throw badResponse('a saved avatar');
  }
  return data as unknown as SavedAvatarDto;
}

// Only the documented fields are kept: a secret must never travel further, whatever Pi sends.
function toWebhook(data: unknown): WebhookDto {
  if (
    !isObject(data) ||
    !isId(data.id) ||
    typeof data.endpoint_url !== 'string' ||
    typeof data.is_active !== 'boolean'
  ) {
    throw badResponse('a webhook');
  }
  return {
    object: 'webhook',
    id: data.id,
    endpoint_url: data.endpoint_url,
    is_active: data.is_active,
    created_at: data.created_at as WebhookDto['created_at'],
    updated_at: data.updated_at as WebhookDto['updated_at'],
  };
}

/**
 * The domain writes over `write`: one method per write endpoint of the contract, each checking the
 * shape of Pi's answer. The five endpoints with idempotency upstream use the `'idempotent'` retry
 * policy with the caller's key (sent unchanged on every attempt); the others use `'never'` (retried
 * only when nothing reached Pi) and never send a key, which Pi would ignore anyway.
 */
export function createPiWriteMethods(write: WriteCall, objectPath: ObjectPath): PiWriteApi {
  async function idempotent(
    path: string,
    body: unknown,
    options: IdempotentWriteOptions = {},
  ): Promise<PiWriteResult<AcceptedJobDto>> {
    const response = await write<unknown>('POST', path, body, {
      retry: 'idempotent',
      ...(options.idempotencyKey !== undefined ? { idempotencyKey: options.idempotencyKey } : {}),
    });
    return toResult(response, toAcceptedJob(response.data));
  }

  async function once<T>(
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
    check: (data: unknown) => T,
    resource?: PiResourceRef,
  ): Promise<PiWriteResult<T>> {
    const response = await write<unknown>(method, path, body, {
      retry: 'never',
      ...(resource !== undefined ? { resource } : {}),
    });
    return toResult(response, check(response.data));
  }

  return {
    extractBrand: (body) => once('POST', '/brands/extract', body, toAcceptedJob),
    projectBrand: async (brandId, body) => {
      const resource: PiResourceRef = { kind: 'brand', id: brandId };
      const path = `${objectPath(resource, 'brands')}/project`;
      return once('POST', path, body, toProjection, resource);
    },
    generateImage: (body, options) => idempotent('/images/generations', body, options),
    generateCampaignAd: (body, options) => idempotent('/campaigns/generate', body, options),
    editCampaignAd: (body, options) => idempotent('/campaigns/edit', body, options),
    localizeCampaignAd: (body, options) => idempotent('/campaigns/localize-ad', body, options),
    generateAvatar: (body, options) => idempotent('/avatars/generate', body, options),
    saveAvatar: (body) =>
      once('POST', '/avatars/save', body, toSavedAvatar, { kind: 'job', id: body.job_id }),
    createWebhook: (body) => once('POST', '/webhooks', body, toWebhook),
    updateWebhook: async (id, body) => {
      const resource: PiResourceRef = { kind: 'webhook', id };
      return once('PATCH', objectPath(resource, 'webhooks'), body, toWebhook, resource);
    },
    startRun: (body) => once('POST', '/runs', body, toAcceptedRun),
  };
}
