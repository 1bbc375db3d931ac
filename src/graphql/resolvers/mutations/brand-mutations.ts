import type { BrandProjection, Resolvers } from '../../../generated/resolvers-types.js';
import type { BrandProjectionDto } from '../../../pi/index.js';
import { isJsonObject } from '../../mappers/index.js';
import { extractBrandSchema, projectBrandSchema } from './input-schemas.js';
import { parseInput } from './parse-input.js';
import { requirePiWrites } from './require-pi-writes.js';
import { toExtractBrandBody } from './to-pi-bodies.js';
import { UNKNOWN_REQUEST_ID, toJobWritePayload } from './write-payloads.js';

/** A projection as GraphQL shows it; `source` is `payload.meta.source` when Pi gives one. */
export function toBrandProjection(brandId: string, dto: BrandProjectionDto): BrandProjection {
  const meta = dto.payload.meta;
  const source = isJsonObject(meta) && typeof meta.source === 'string' ? meta.source : null;
  return {
    brandId,
    useCase: dto.use_case,
    isWildcard: dto.is_wildcard,
    payload: dto.payload,
    source,
  };
}

/** `extractBrand` and `projectBrand`: no idempotency upstream, never retried once sent. */
export const brandMutationResolvers = {
  Mutation: {
    extractBrand: async (_root, { input }, context) => {
      const pi = requirePiWrites(context);
      const body = toExtractBrandBody(parseInput(extractBrandSchema, input));
      return toJobWritePayload(await pi.extractBrand(body), 'brand_extraction', null);
    },
    projectBrand: async (_root, { input }, context) => {
      const pi = requirePiWrites(context);
      const { brandId, useCase } = parseInput(projectBrandSchema, input);
      const result = await pi.projectBrand(brandId, { use_case: useCase });
      return {
        projection: toBrandProjection(brandId, result.data),
        requestId: result.requestId ?? UNKNOWN_REQUEST_ID,
      };
    },
  },
} satisfies Resolvers;
