import type { Resolvers } from '../../generated/resolvers-types.js';
import { LATEST_JOB_READ, planBrandListRead, planBrandRead } from '../../planner/index.js';
import {
  required,
  toBrandAssets,
  toBrandColorPalette,
  toBrandDnaText,
  toDateTime,
  isJsonObject,
} from '../mappers/index.js';
import { loadReference } from './load-reference.js';
import { validateId, validatePage, validateSearchQuery } from './validate-arguments.js';
import { validateReferenceId } from './validate-reference-id.js';

/** `Query.brand`, `Query.brands` and the `Brand`, `BrandDna` and `BrandConnection` fields. */
export const brandResolvers = {
  Query: {
    brand: (_root, { id }, { loaders }, info) =>
      loaders.brand.load({ id: validateId(id), options: planBrandRead(info) }),
    brands: (_root, { query, first, offset }, { pi }, info) => {
      const search = validateSearchQuery(query);
      const page = validatePage(first, offset);
      return pi.listBrands(
        { ...(search !== undefined ? { query: search } : {}), ...page },
        planBrandListRead(info),
      );
    },
  },
  Brand: {
    // Federation's `_entities`, read like `Query.brand` (see `Job.__resolveReference`).
    __resolveReference: async (reference, { loaders }, info) =>
      loadReference(
        loaders.brand.load({ id: validateReferenceId(reference), options: planBrandRead(info) }),
      ),
    domain: (brand) => required(brand.domain, 'brand domain'),
    name: (brand) => required(brand.name, 'brand name'),
    primaryHex: (brand) => brand.primary_hex ?? null,
    secondaryHex: (brand) => brand.secondary_hex ?? null,
    logoUrl: (brand) => brand.logo_url ?? null,
    fontFileUrl: (brand) => brand.font_file_url ?? null,
    layoutRules: (brand) => brand.layout_rules ?? null,
    dna: (brand) => (isJsonObject(brand.brand_dna) ? brand.brand_dna : null),
    createdAt: (brand) => toDateTime(required(brand.created_at, 'brand timestamp')),
    updatedAt: (brand) => toDateTime(required(brand.updated_at, 'brand timestamp')),
    latestJob: async (brand, _args, { loaders }) => {
      if (brand.expanded !== undefined && 'latest_job' in brand.expanded) {
        return brand.expanded.latest_job ?? null;
      }
      // A brand that came without the expansion (e.g. inside a job's `expanded.brand`).
      const withLatestJob = await loaders.brand.load({ id: brand.id, options: LATEST_JOB_READ });
      return withLatestJob.expanded?.latest_job ?? null;
    },
  },
  BrandDna: {
    primaryBackgroundHex: (dna) => toBrandDnaText(dna, 'primary_background_hex'),
    primaryAccentHex: (dna) => toBrandDnaText(dna, 'primary_accent_hex'),
    colorPalette: (dna) => toBrandColorPalette(dna),
    typographyRules: (dna) => toBrandDnaText(dna, 'typography_rules'),
    coreSlogan: (dna) => toBrandDnaText(dna, 'core_slogan'),
    imagenStyleConditioning: (dna) => toBrandDnaText(dna, 'imagen_style_conditioning'),
    source: (dna) => toBrandDnaText(dna, 'source'),
    manifestExcerpt: (dna) => toBrandDnaText(dna, 'manifest_excerpt'),
    assets: (dna) => toBrandAssets(dna),
    raw: (dna) => dna,
  },
  BrandConnection: {
    nodes: (list) => list.data,
    totalCount: (list) => list.total_count,
    hasMore: (list) => list.has_more,
  },
} satisfies Resolvers;
