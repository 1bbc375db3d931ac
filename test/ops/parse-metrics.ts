/** One sample line of the Prometheus text exposition format. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Parses Prometheus exposition text into samples (comments skipped), so tests assert on names,
 * labels and values rather than on substrings.
 *
 * @throws on a line that is not a valid sample.
 */
export function parseMetrics(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/.exec(line);
    if (match === null) throw new Error(`Not a sample line: ${line}`);
    const [, name = '', labelText = '', value = ''] = match;
    samples.push({ name, labels: parseLabels(labelText), value: Number(value) });
  }
  return samples;
}

/** The samples named `name` whose labels include every pair of `labels`. */
export function findSamples(
  samples: MetricSample[],
  name: string,
  labels: Record<string, string> = {},
): MetricSample[] {
  return samples.filter(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
}

/** The value of the one sample that matches, or `undefined` when none does. @throws when several do. */
export function sampleValue(
  samples: MetricSample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const found = findSamples(samples, name, labels);
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match`);
  return found[0]?.value;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const pattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gy;
  let consumed = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const [, key = '', raw = ''] = match;
    labels[key] = raw.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char));
    consumed = pattern.lastIndex;
  }
  if (consumed !== text.length) throw new Error(`Bad labels: {${text}}`);
  return labels;
}
