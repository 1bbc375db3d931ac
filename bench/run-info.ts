import type { MachineInfo } from './machine-info.js';
import { toTable } from './markdown.js';

/** The facts that go with every section's figures. */
export interface RunInfo {
  machine: MachineInfo;
  /** The command line as typed, e.g. `npm run bench`. */
  command: string;
  startedAt: Date;
  finishedAt: Date;
  /** 1-, 5- and 15-minute load averages before and after the section. */
  loadBefore: number[];
  loadAfter: number[];
  /** What the section ran with, in words (connections, durations, ...). */
  settings: string;
}

/** The run facts as a two-column Markdown table. */
export function formatRunInfo(info: RunInfo): string {
  const { machine } = info;
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');
  const seconds = (info.finishedAt.getTime() - info.startedAt.getTime()) / 1000;
  return toTable(
    ['Run', ''],
    [
      ['Date', `${info.startedAt.toISOString()} (${seconds.toFixed(0)} s)`],
      ['Command', `\`${info.command}\``],
      [
        'Machine',
        `${machine.cpuModel}, ${machine.cores} cores (nproc), ${machine.memoryGiB.toFixed(1)} GiB, ${machine.os}`,
      ],
      [
        'Versions',
        `Node ${machine.node}, ${Object.entries(machine.packages)
          .map(([name, version]) => `${name} ${version}`)
          .join(', ')}`,
      ],
      ['Commit', machine.commit],
      [
        'Load average (1/5/15 min)',
        `before ${load(info.loadBefore)}, after ${load(info.loadAfter)}`,
      ],
      ['Settings', info.settings],
    ],
  );
}
