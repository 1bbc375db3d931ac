import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Where and with what a bench ran, for the report. */
export interface MachineInfo {
  cpuModel: string;
  /** Cores Node may use (`os.availableParallelism()`, what `nproc` prints). */
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** Versions of the packages on the measured paths, from `node_modules`. */
  packages: Record<string, string>;
  /** `git rev-parse --short HEAD`, with `+dirty` when the tree has changes; `unknown` outside git. */
  commit: string;
}

const PACKAGES = [
  'graphql',
  '@apollo/server',
  'graphql-ws',
  'ws',
  'undici',
  'dataloader',
  'autocannon',
  'tsx',
];

/** Reads the machine and version facts (never throws: unknown facts read `unknown`). */
export function readMachineInfo(): MachineInfo {
  return {
    cpuModel: readCpuModel(),
    cores: os.availableParallelism(),
    memoryGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    packages: Object.fromEntries(PACKAGES.map((name) => [name, readPackageVersion(name)])),
    commit: readCommit(),
  };
}

function readCpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((text) => text.startsWith('model name'));
    if (line !== undefined) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function readPackageVersion(name: string): string {
  try {
    const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function readCommit(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') === '' ? '' : '+dirty'}`;
  } catch {
    return 'unknown';
  }
}
