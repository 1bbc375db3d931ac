import { ConfigError, LOG_LEVELS, loadConfig } from './config/index.js';
import { startGateway } from './gateway.js';
import { describeError } from './server/index.js';
import type { GatewayLog } from './server/index.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const threshold = LOG_LEVELS.indexOf(config.logLevel);
  const log: GatewayLog = (level, message, fields) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    console.error(JSON.stringify({ level, time: new Date().toISOString(), message, ...fields }));
  };

  const gateway = await startGateway(config, { log });
  console.log(`GraphQL gateway: ${gateway.url}`);
  if (gateway.explorerUrl !== undefined) console.log(`GraphQL explorer: ${gateway.explorerUrl}`);
  if (gateway.simulatorUrl !== undefined) {
    // A public demo key of the local simulator: printing it is the point. Real keys never are.
    console.log(`Embedded Pi simulator: ${gateway.simulatorUrl} (demo key: ${gateway.demoKey})`);
  }

  const shutdown = (signal: NodeJS.Signals) => {
    log('info', `${signal} received, shutting down`);
    // A second signal while draining stops at once.
    process.once(signal, () => process.exit(1));
    gateway.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log('error', 'Shutdown failed', { error: describeError(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
