export { createApolloServer } from './create-apollo-server.js';
export type { ApolloServerFactoryOptions } from './create-apollo-server.js';
export { createContextFactory } from './create-context-factory.js';
export type {
  ContextFactory,
  ContextFactoryOptions,
  ContextRequest,
  ContextRequestHeaders,
} from './create-context-factory.js';
export { createErrorLoggingPlugin } from './error-logging-plugin.js';
export { createHttpHandler } from './create-http-handler.js';
export type { HttpHandler, HttpHandlerOptions } from './create-http-handler.js';
export { createApolloLogger, describeError, silentLog } from './gateway-log.js';
export type { GatewayLog, LogSeverity } from './gateway-log.js';
export { handleHealthCheck } from './health-check.js';
export { createPiExtensionsPlugin } from './pi-extensions-plugin.js';
export type { PiResponseExtensions } from './pi-extensions-plugin.js';
export { DEFAULT_MAX_BODY_BYTES } from './read-graphql-body.js';
export { createHttpServer, startHttpServer } from './start-http-server.js';
export type { HttpServerOptions, RunningHttpServer } from './start-http-server.js';
export { createOperationLimits } from './limits/index.js';
export type { OperationLimits, OperationLimitsConfig } from './limits/index.js';
export { createGraphQLWsOptions } from './create-graphql-ws-options.js';
export type { GraphQLWsOptions } from './create-graphql-ws-options.js';
export { createWebSocketServer } from './create-websocket-server.js';
export type { GraphQLWebSocketServer, WebSocketServerOptions } from './create-websocket-server.js';
export { subscribeWithEventContexts } from './subscribe-with-event-contexts.js';
export { mapSourceStream } from './map-source-stream.js';
export type { MappedStream } from './map-source-stream.js';
export { WEBHOOK_PATH, createWebhookHandler } from './create-webhook-handler.js';
export type { WebhookHandlerOptions } from './create-webhook-handler.js';
export { isValidPiSignature } from './is-valid-pi-signature.js';
export {
  EXPLORER_PATH,
  createExplorerHandler,
  ensureExplorerAssets,
  quickstartTabs,
} from './explorer/index.js';
export type { ExplorerHandler, ExplorerHandlerOptions, ExplorerTab } from './explorer/index.js';
export { createCorsPolicy } from './cors.js';
export type { CorsPolicy, CorsPolicyOptions } from './cors.js';
export { BodyError, readGraphQLBody } from './read-graphql-body.js';
export type { BodyStream } from './read-graphql-body.js';
export { DEFAULT_HTTP_SERVER_LIMITS } from './start-http-server.js';
export type { HttpServerLimits } from './start-http-server.js';
export { createPinoLog } from './gateway-log.js';
export type { PinoLogOptions } from './gateway-log.js';
export { scrubLogFields, scrubSecrets } from './scrub-secrets.js';
export { createOperationLogPlugin } from './operation-log-plugin.js';
export type { OperationLogFields, OperationLogOutcome } from './operation-log-plugin.js';
export {
  createAuthenticator,
  createJwtAuthenticator,
  createPassThroughAuthenticator,
  loadJwtKeys,
  unauthenticatedError,
} from './auth/index.js';
export type {
  Authenticator,
  AuthenticatorConfig,
  JwtAuthenticatorOptions,
  JwtKeySettings,
  JwtKeys,
  Principal,
} from './auth/index.js';
export type { AuthenticatedContextRequest } from './create-context-factory.js';
export {
  METRICS_PATH,
  createGatewayMetrics,
  createMetricsHandler,
  createMetricsPlugin,
  createOperationNameLabel,
} from './metrics/index.js';
export type {
  GatewayMetrics,
  GatewayMetricsOptions,
  MetricSources,
  OperationRecord,
} from './metrics/index.js';
export { READINESS_PATH, createReadinessCheck } from './readiness-check.js';
export type {
  ReadinessCheck,
  ReadinessCheckOptions,
  ReadinessChecks,
  ReadinessReport,
} from './readiness-check.js';
