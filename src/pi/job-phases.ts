/**
 * Each documented job type's `payload.phase` values in the order its worker walks them
 * (pi-contract §2.7), from `queued` to `completed`. `failed` is not a step: it ends a job at any
 * point. Other Pi domains add job types without a documented sequence.
 */
export const JOB_PHASES = {
  brand_extraction: [
    'queued',
    'phase_a_normalization',
    'phase_b_gemini_manifesto',
    'phase_c_gemini_structuring',
    'phase_d_database_mutation',
    'completed',
  ],
  ad_generation: [
    'queued',
    'prompt_understanding',
    'reference_understanding',
    'creative_planner',
    'prompt_compilation',
    'completed',
  ],
  campaign_ad_generation: ['queued', 'mastra_workflow_start', 'completed'],
  campaign_ad_edit: ['queued', 'edit_processing', 'completed'],
  campaign_ad_localization: ['queued', 'mastra_workflow_start', 'completed'],
  avatar_generation: ['queued', 'processing', 'completed'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** A job type with a documented phase sequence (a key of `JOB_PHASES`). */
export type PhasedJobType = keyof typeof JOB_PHASES;

// Older reference versions name the third extraction phase after another model.
const PHASE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['phase_c_claude_structuring', 'phase_c_gemini_structuring'],
]);

const PHASE_INDEX: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map(
  Object.entries(JOB_PHASES).map(([type, phases]) => [
    type,
    new Map(phases.map((phase, index) => [phase, index])),
  ]),
);

/** Whether `type` is a key of `JOB_PHASES`. */
export function isPhasedJobType(type: string | undefined): type is PhasedJobType {
  return type !== undefined && PHASE_INDEX.has(type);
}

/**
 * The position of `phase` in `JOB_PHASES[type]`, legacy phase names resolved to their current
 * ones; -1 when the type has no documented sequence or the phase is not in it. Never throws.
 */
export function jobPhaseIndex(type: string | undefined, phase: string): number {
  const sequence = type === undefined ? undefined : PHASE_INDEX.get(type);
  return sequence?.get(PHASE_ALIASES.get(phase) ?? phase) ?? -1;
}
