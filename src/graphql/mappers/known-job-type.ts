/** The job types of the brand and visual-commerce domains (contract §2.7). */
export const KNOWN_JOB_TYPES = [
  'brand_extraction',
  'ad_generation',
  'campaign_ad_generation',
  'campaign_ad_edit',
  'campaign_ad_localization',
  'avatar_generation',
] as const;

export type KnownJobType = (typeof KNOWN_JOB_TYPES)[number];

const KNOWN: ReadonlySet<string> = new Set(KNOWN_JOB_TYPES);

/** Whether `type` is one of `KNOWN_JOB_TYPES` (other Pi domains add types the gateway passes through). */
export function isKnownJobType(type: string | undefined): type is KnownJobType {
  return type !== undefined && KNOWN.has(type);
}
