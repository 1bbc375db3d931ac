import { SimulatorConfigError, loadSimulatorOptions, startSimulator } from './index.js';

try {
  const options = loadSimulatorOptions(process.env);
  const sim = await startSimulator(options);
  const keys = Object.entries(options.keys).map(
    ([key, org]) => `  Authorization: Bearer ${key}   (org ${org})`,
  );
  const mode = `quirks: ${options.quirks}, faults: ${options.faults ? 'on' : 'off'}`;
  console.log([`Pi simulator listening on ${sim.url} (${mode})`, ...keys].join('\n'));
  const shutdown = (signal: string): void => {
    console.log(`${signal} received, stopping the simulator`);
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  const message =
    error instanceof SimulatorConfigError
      ? error.message
      : `Failed to start the simulator: ${String(error)}`;
  console.error(message);
  process.exit(1);
}
