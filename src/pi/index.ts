export type * from './dto.js';
export { mergeReadOptions } from './read-options.js';
export type {
  BrandExpansion,
  BrandReadOptions,
  JobExpansion,
  JobReadOptions,
  ReadOptions,
} from './read-options.js';
export type {
  BrandListArgs,
  Credential,
  IdempotentWriteOptions,
  LoadKey,
  PageArgs,
  PiApi,
  PiLoaders,
  PiWriteApi,
  PiWriteResult,
  RateLimitInfo,
  UpstreamRecorder,
} from './types.js';
export { createCredential, isWellFormedAuthorization } from './credential.js';
export { createUpstreamRecorder } from './upstream-recorder.js';
export { createPiClient } from './pi-client.js';
export type { PiClient, PiClientOptions, PiClientStats } from './pi-client.js';
export type { PiClientEvent, PiFailureReason } from './pi-client-event.js';
export { createCircuitBreaker } from './circuit-breaker.js';
export type {
  CircuitAdmission,
  CircuitBreaker,
  CircuitBreakerOptions,
  CircuitPermit,
  CircuitState,
} from './circuit-breaker.js';
export { routeTemplate } from './route-template.js';
export { FORWARDABLE_HEADERS, RESERVED_HEADERS } from './pi-call.js';
export type { PiCall, RetryPolicy } from './pi-call.js';
export type { PiQuery } from './build-request-path.js';
export type { PiResponse } from './send-attempt.js';
export { createPiApi } from './pi-api.js';
export type { PiApiOptions, PiWriteOptions, PiWrites } from './pi-api.js';
export { createPiLoaders, readKey } from './pi-loaders.js';
export { createJobFetcher } from './job-fetcher.js';
export type { FetchJob, FetchJobRequest, JobFetcherOptions } from './job-fetcher.js';
export { createRunFetcher } from './run-fetcher.js';
export type { FetchRun, FetchRunRequest, RunFetcherOptions } from './run-fetcher.js';
export { isUuid } from './is-uuid.js';
export { JOB_PHASES, isPhasedJobType, jobPhaseIndex } from './job-phases.js';
export type { PhasedJobType } from './job-phases.js';
export { fieldsParam, mergeJobDtos, readQueries } from './job-read-queries.js';
