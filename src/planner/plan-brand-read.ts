import type { BrandReadOptions } from '../pi/index.js';
import { BRAND_READ_RULES } from './brand-read-rules.js';
import { collectSubfields } from './collect-subfields.js';
import { planRead } from './plan-read.js';
import type { SelectionInfo } from './selection-info.js';

const BRAND_RULES = { Brand: BRAND_READ_RULES };

/**
 * The brand read a field of type `Brand` needs for its selection: e.g. `{ name dna { coreSlogan } }`
 * → `{ fields: ['brand_dna', 'id', 'name'] }`; selecting `latestJob` adds `expand: ['latest_job']`.
 */
export function planBrandRead(info: SelectionInfo): BrandReadOptions {
  return planRead(info, BRAND_RULES, 'Brand', info.fieldNodes);
}

/**
 * The read a field of type `BrandConnection` needs for each listed brand: the selection under
 * `nodes` (`totalCount` and `hasMore` come with every page).
 */
export function planBrandListRead(info: SelectionInfo): BrandReadOptions {
  const nodes = collectSubfields(info, 'BrandConnection', info.fieldNodes).get('nodes') ?? [];
  return planRead(info, BRAND_RULES, 'Brand', nodes);
}

/** The read that fetches only a brand's latest job, for a brand that came without it (e.g. from a job's expansion). */
export const LATEST_JOB_READ: BrandReadOptions = { expand: ['latest_job'], fields: ['id'] };
