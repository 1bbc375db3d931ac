export { toDateTime, toNullableDateTime } from './to-date-time.js';
export { toJobStatus } from './to-job-status.js';
export { toJobType } from './to-job-type.js';
export { KNOWN_JOB_TYPES, isKnownJobType, type KnownJobType } from './known-job-type.js';
export { toJobProgress, type JobProgressInput } from './to-job-progress.js';
export { toJobError, type JobErrorInput } from './to-job-error.js';
export {
  toJobPhase,
  toJobPayload,
  toJobDiagnostics,
  toJobRetrievalDiagnostics,
  toJobImageUrl,
  toJobBrandId,
} from './to-job-fields.js';
export {
  toImageGenerationKind,
  toImagePrompt,
  toImageAspectRatio,
  toImageResolution,
  toImageClientReferenceId,
  toImageMetadata,
  toImageSourceJobId,
  toImageEvaluation,
} from './to-image-generation.js';
export {
  toBrandColorPalette,
  toBrandAssets,
  toBrandAssetKind,
  toBrandDnaText,
} from './to-brand-dna.js';
export { toRunStatus, toRunStepStatus, toRunStepAction } from './to-run.js';
export { createUpstreamShapeError, unexpectedValue, required } from './upstream-shape-error.js';
export { isJsonObject } from './json-values.js';
