/** Label for operations without a name. */
export const ANONYMOUS_OPERATION = 'anonymous';
/** Label for names past the cardinality cap (too long, or new once the cap is reached). */
export const OTHER_OPERATION = 'other';

export interface OperationNameLabelOptions {
  /** Distinct names kept as their own label; later new names become `other`. @default 200 */
  maxNames?: number;
  /** Longer names become `other`. @default 64 */
  maxLength?: number;
}

/**
 * Returns a function that turns a client-chosen operation name into a bounded label value, so a
 * client cannot grow the metrics without limit by inventing names: the first `maxNames` distinct
 * names keep their label for the life of the process, anything longer than `maxLength` or new
 * after that is `other`, and no name is `anonymous`.
 */
export function createOperationNameLabel(
  options: OperationNameLabelOptions = {},
): (name: string | null | undefined) => string {
  const maxNames = options.maxNames ?? 200;
  const maxLength = options.maxLength ?? 64;
  const known = new Set<string>();
  return (name) => {
    if (name === undefined || name === null || name === '') return ANONYMOUS_OPERATION;
    if (name.length > maxLength) return OTHER_OPERATION;
    if (known.has(name)) return name;
    if (known.size >= maxNames) return OTHER_OPERATION;
    known.add(name);
    return name;
  };
}
