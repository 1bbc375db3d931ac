export { ConfigError } from './config-error.js';
export { LOG_LEVELS, NODE_ENVS } from './gateway-config.js';
export type { GatewayConfig, LogLevel, NodeEnv } from './gateway-config.js';
export { loadConfig } from './load-config.js';
