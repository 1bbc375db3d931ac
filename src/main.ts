import { ConfigError, loadConfig } from './config/index.js';
import { startGateway } from './gateway.js';
import { createPinoLog, describeError, scrubSecrets } from './server/index.js';
import type { GatewayLog } from './server/index.js';

// How far past SHUTDOWN_GRACE_MS a stop may run (WebSocket close handshakes, upstream connections
// closing) before the process gives up on a clean stop and exits 1.
const SHUTDOWN_OVERRUN_MS = 5000;

async function main(): Promise<void> {
  const config = loadConfig();
  const log: GatewayLog = createPinoLog({ level: config.logLevel });

  const gateway = await startGateway(config, { log });
  console.log(`GraphQL gateway: ${gateway.url}`);
  if (gateway.explorerUrl !== undefined) console.log(`GraphQL explorer: ${gateway.explorerUrl}`);
  if (gateway.simulatorUrl !== undefined) {
    // A public demo key of the local simulator: printing it is the point. Real keys never are.
    console.log(`Embedded Pi simulator: ${gateway.simulatorUrl} (demo key: ${gateway.demoKey})`);
  }

  const shutdown = (signal: NodeJS.Signals) => {
    log('info', `${signal} received, shutting down`, { graceMs: config.shutdownGraceMs });
    // A second signal while draining stops at once.
    process.once(signal, () => process.exit(1));
    // Unref'd: a clean stop exits as soon as it is done, never waiting for this.
    setTimeout(() => {
      log('error', 'Shutdown overran the grace period, exiting', {
        graceMs: config.shutdownGraceMs,
        overrunMs: SHUTDOWN_OVERRUN_MS,
      });
      process.exit(1);
    }, config.shutdownGraceMs + SHUTDOWN_OVERRUN_MS).unref();
    gateway.stop().then(
      () => {
        log('info', 'Shutdown complete');
        process.exit(0);
      },
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
  // A bad configuration or a failed start (e.g. the port is taken): one plain line, never a stack.
  if (error instanceof ConfigError) console.error(error.message);
  else
    console.error(
      `Failed to start: ${scrubSecrets(error instanceof Error ? error.message : String(error))}`,
    );
  process.exit(1);
});
