/**
 * A configuration that cannot start the gateway. `problems` has one line per bad setting, and the
 * message lists them all, so one failed start-up tells the operator everything to fix.
 */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
