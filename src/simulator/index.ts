export { startSimulator } from './server.js';
export type { SimulatorExtras } from './server.js';
export { JOB_CHANGED_EVENT, isTerminalStatus } from './engine.js';
export {
  loadSimulatorOptions,
  resolveSimulatorOptions,
  defaultSimulatorOptions,
  SimulatorConfigError,
} from './config.js';
export { PiApiError, badRequest, notFound } from './errors.js';
export { parseBody } from './validation.js';
export { parseFaultDirectives } from './faults.js';
export type { FaultPlan } from './faults.js';
export type {
  JobEngine,
  JobRow,
  JobStatus,
  JobStep,
  Org,
  PiErrorShape,
  QuirksMode,
  Route,
  RouteHandler,
  RunningSimulator,
  SimContext,
  SimRequest,
  SimResponse,
  SimStats,
  SimulatorOptions,
  Store,
} from './types.js';
