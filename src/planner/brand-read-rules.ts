import type { Brand } from '../generated/resolvers-types.js';
import type { BrandExpansion } from '../pi/index.js';
import type { ReadRule } from './read-rule.js';

/** The brand fields Pi's `fields=` accepts (contract §2.10); `org_id` is the client's business. */
export type BrandField =
  | 'id'
  | 'domain'
  | 'name'
  | 'primary_hex'
  | 'secondary_hex'
  | 'logo_url'
  | 'font_file_url'
  | 'layout_rules'
  | 'brand_dna'
  | 'created_at'
  | 'updated_at';

/** For each `Brand` field, what the brand read must include. */
export const BRAND_READ_RULES: Readonly<
  Record<Exclude<keyof Brand, '__typename'>, ReadRule<BrandExpansion, BrandField>>
> = {
  id: { fields: ['id'] },
  domain: { fields: ['domain'] },
  name: { fields: ['name'] },
  primaryHex: { fields: ['primary_hex'] },
  secondaryHex: { fields: ['secondary_hex'] },
  logoUrl: { fields: ['logo_url'] },
  fontFileUrl: { fields: ['font_file_url'] },
  layoutRules: { fields: ['layout_rules'] },
  dna: { fields: ['brand_dna'] },
  createdAt: { fields: ['created_at'] },
  updatedAt: { fields: ['updated_at'] },
  // The latest job comes whole inside the brand (a raw row); its own selection adds nothing here.
  latestJob: { expand: ['latest_job'] },
};
