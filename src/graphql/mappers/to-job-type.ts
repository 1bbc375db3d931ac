import type { JobType } from '../../generated/resolvers-types.js';
import { isKnownJobType } from './known-job-type.js';
import { unexpectedValue } from './upstream-shape-error.js';

/** Maps Pi's job `type` to `JobType`; types of other Pi domains are `OTHER`. */
export function toJobType(type: string): JobType {
  if (!isKnownJobType(type)) return 'OTHER';
  switch (type) {
    case 'brand_extraction':
      return 'BRAND_EXTRACTION';
    case 'ad_generation':
      return 'AD_GENERATION';
    case 'campaign_ad_generation':
      return 'CAMPAIGN_AD_GENERATION';
    case 'campaign_ad_edit':
      return 'CAMPAIGN_AD_EDIT';
    case 'campaign_ad_localization':
      return 'CAMPAIGN_AD_LOCALIZATION';
    case 'avatar_generation':
      return 'AVATAR_GENERATION';
    default:
      return unexpectedValue(type, 'job type');
  }
}
