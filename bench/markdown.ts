/** A Markdown table; cells are used as given (escape `|` yourself). */
export function toTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A number with `digits` decimals and thousands separators (`1,234.5`). */
export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** `value / reference` as `0.95×`; `–` when the reference is 0 (nothing to compare with). */
export function formatRatio(value: number, reference: number): string {
  if (reference === 0 || !Number.isFinite(reference)) return '–';
  const ratio = value / reference;
  return `${ratio >= 10 ? formatNumber(ratio, 0) : ratio.toFixed(2)}×`;
}

/** Bytes as KB (1 KB = 1,000 bytes) with one decimal. */
export function formatKilobytes(bytes: number): string {
  return `${formatNumber(bytes / 1000, 1)} KB`;
}

/** ✅ or ❌. */
export function formatMet(met: boolean): string {
  return met ? '✅ met' : '❌ missed';
}
