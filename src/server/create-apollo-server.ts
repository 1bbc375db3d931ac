import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { GraphQLSchema } from 'graphql';
import type { NodeEnv } from '../config/index.js';
import { formatError } from '../errors/index.js';
import type { GatewayContext } from '../graphql/context.js';
import { createErrorLoggingPlugin } from './error-logging-plugin.js';
import { createApolloLogger } from './gateway-log.js';
import type { GatewayLog } from './gateway-log.js';
import type { OperationLimits } from './limits/index.js';
import { createOperationLogPlugin } from './operation-log-plugin.js';
import { createPiExtensionsPlugin } from './pi-extensions-plugin.js';

export interface ApolloServerFactoryOptions {
  schema: GraphQLSchema;
  /** The server Apollo drains on `stop()`: in-flight requests finish, idle sockets close. */
  httpServer: Server;
  log: GatewayLog;
  /** Apollo's mode; `production` also turns introspection off unless `introspection` says otherwise. */
  nodeEnv: NodeEnv;
  /** Whether schema introspection is allowed (the explorer needs it). @default nodeEnv !== 'production' */
  introspection?: boolean;
  /**
   * Whether validation errors keep graphql-js' field suggestions ("Did you mean …?"), which
   * reveal the schema piece by piece. @default the same as `introspection`
   */
  fieldSuggestions?: boolean;
  /**
   * How long `stop()` lets in-flight requests finish before closing their sockets (the gateway
   * passes `config.shutdownGraceMs`). @default 10000
   */
  stopGracePeriodMs?: number;
  /** Extra plugins (tests observe operations through them). @default [] */
  plugins?: ApolloServerPlugin<GatewayContext>[];
  /** Token, depth, alias, directive and cost limits (`createOperationLimits`). @default none */
  limits?: OperationLimits;
}

/**
 * The gateway's Apollo Server (not started): our `formatError` (masks unexpected errors, never a
 * stack), CSRF prevention on (Apollo's default), no batching, no landing page (Apollo's loads
 * from a CDN), `extensions.pi` on every response, masked errors logged with the request id, and
 * one log line per operation (`createOperationLogPlugin`).
 */
export function createApolloServer(
  options: ApolloServerFactoryOptions,
): ApolloServer<GatewayContext> {
  const { schema, httpServer, log, nodeEnv, limits } = options;
  return new ApolloServer<GatewayContext>({
    schema,
    formatError:
      limits === undefined
        ? formatError
        : (formatted, error) => limits.formatError(formatError(formatted, error)),
    ...(limits === undefined
      ? {}
      : { parseOptions: limits.parseOptions, validationRules: [...limits.validationRules] }),
    includeStacktraceInErrorResponses: false,
    // Set from our config, so Apollo never reads NODE_ENV itself.
    nodeEnv,
    introspection: options.introspection ?? nodeEnv !== 'production',
    hideSchemaDetailsFromClientErrors: !(
      options.fieldSuggestions ??
      options.introspection ??
      nodeEnv !== 'production'
    ),
    csrfPrevention: true,
    // The entry point owns signals; Apollo's own handlers would re-raise SIGTERM mid-shutdown.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    logger: createApolloLogger(log),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: options.stopGracePeriodMs ?? 10_000,
      }),
      createPiExtensionsPlugin(),
      createErrorLoggingPlugin(log),
      createOperationLogPlugin(log),
      ...(limits === undefined ? [] : [limits.plugin]),
      ...(options.plugins ?? []),
    ],
  });
}
