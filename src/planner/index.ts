export type { SelectionInfo } from './selection-info.js';
export { collectSubfields } from './collect-subfields.js';
export type { ReadRule, ReadRules } from './read-rule.js';
export { JOB_READ_RULES, IMAGE_GENERATION_READ_RULES, type JobField } from './job-read-rules.js';
export { BRAND_READ_RULES, type BrandField } from './brand-read-rules.js';
export { planRead } from './plan-read.js';
export { planJobRead, planImageGenerationRead } from './plan-job-read.js';
export { planBrandRead, planBrandListRead, LATEST_JOB_READ } from './plan-brand-read.js';
