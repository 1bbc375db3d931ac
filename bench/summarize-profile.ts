/** A V8 call frame, as CPU and sampling heap profiles have them. */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/** The parts of a V8 CPU profile (`Profiler.stop`, `.cpuprofile` files) the summary reads. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: CallFrame }>;
  samples?: number[];
  timeDeltas?: number[];
}

/** The parts of a V8 sampling heap profile (`HeapProfiler.stopSampling`) the summary reads. */
export interface HeapProfileNode {
  callFrame: CallFrame;
  /** Bytes of the sampled live objects allocated right here. */
  selfSize: number;
  children: HeapProfileNode[];
}

export interface ProfileShare {
  /** A module (`graphql`, `undici`, `src/pi`, `node internals`, `(garbage collector)`, ...) or a function. */
  name: string;
  /** Self time in milliseconds (CPU profiles) or self bytes (heap profiles). */
  value: number;
  /** Share of the profile's total, 0–100. */
  percent: number;
}

export interface ProfileSummary {
  /** `ms` for CPU profiles, `bytes` for heap profiles. */
  unit: 'ms' | 'bytes';
  total: number;
  /** Self time or bytes by module, largest first. */
  modules: ProfileShare[];
  /** Self time or bytes by function (`name (module:line)`), largest first. */
  functions: ProfileShare[];
}

/** Sums a CPU profile's self time by module and by function, keeping the `top` largest of each. */
export function summarizeCpuProfile(profile: CpuProfile, top = 12): ProfileSummary {
  const micros = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = samples[i]!;
    micros.set(node, (micros.get(node) ?? 0) + Math.max(0, deltas[i] ?? 0));
  }
  const entries = profile.nodes.map((node) => ({
    callFrame: node.callFrame,
    value: (micros.get(node.id) ?? 0) / 1000,
  }));
  return { unit: 'ms', ...rank(entries, top) };
}

/** Sums a sampling heap profile's live bytes by module and by allocating function. */
export function summarizeHeapProfile(head: HeapProfileNode, top = 12): ProfileSummary {
  const entries: Array<{ callFrame: CallFrame; value: number }> = [];
  const stack = [head];
  while (stack.length > 0) {
    const node = stack.pop()!;
    entries.push({ callFrame: node.callFrame, value: node.selfSize });
    stack.push(...node.children);
  }
  return { unit: 'bytes', ...rank(entries, top) };
}

function rank(
  entries: ReadonlyArray<{ callFrame: CallFrame; value: number }>,
  top: number,
): Omit<ProfileSummary, 'unit'> {
  const modules = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const { callFrame, value } of entries) {
    if (value === 0) continue;
    total += value;
    const module = toModuleName(callFrame);
    modules.set(module, (modules.get(module) ?? 0) + value);
    const where = toLocation(callFrame, module);
    const fn = `${callFrame.functionName || '(anonymous)'} (${where})`;
    functions.set(fn, (functions.get(fn) ?? 0) + value);
  }
  const largest = (map: Map<string, number>): ProfileShare[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, value]) => ({ name, value, percent: total === 0 ? 0 : (100 * value) / total }));
  return { total, modules: largest(modules), functions: largest(functions) };
}

function toModuleName({ url, functionName }: CallFrame): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules !== null) return inModules[1]!;
  // Files of this repository by top folder: src/pi, src/server, bench, ...
  const inRepo = REPO_FILE.exec(url);
  if (inRepo !== null)
    return inRepo[2]!.includes('/') ? `${inRepo[1]}/${inRepo[2]!.split('/')[0]}` : inRepo[1]!;
  return url.replace(/^file:\/\//, '');
}

const REPO_FILE = /\/(src|bench|test)\/(.+)$/;

// Repository files are named in full: their line numbers are those of tsx's output, not the source.
function toLocation(callFrame: CallFrame, module: string): string {
  if (callFrame.url === '') return module;
  const inRepo = REPO_FILE.exec(callFrame.url);
  if (inRepo !== null) return `${inRepo[1]}/${inRepo[2]}`;
  return `${module}:${callFrame.lineNumber + 1}`;
}
