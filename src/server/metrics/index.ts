export { createGatewayMetrics } from './create-gateway-metrics.js';
export type { GatewayMetrics, GatewayMetricsOptions } from './create-gateway-metrics.js';
export { METRICS_PATH, createMetricsHandler } from './create-metrics-handler.js';
export { createMetricsPlugin } from './create-metrics-plugin.js';
export {
  ANONYMOUS_OPERATION,
  OTHER_OPERATION,
  createOperationNameLabel,
} from './create-operation-name-label.js';
export type { OperationNameLabelOptions } from './create-operation-name-label.js';
export type {
  MetricSources,
  OperationOutcome,
  OperationRecord,
  OperationTransport,
  OperationType,
} from './types.js';
