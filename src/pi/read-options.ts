/**
 * What a read asks Pi for, independent of GraphQL: the planner produces these from a selection,
 * the client turns them into `expand`/`include`/`fields` query parameters.
 */

export type JobExpansion = 'brand' | 'avatar' | 'ad' | 'diagnostics';
export type BrandExpansion = 'latest_job';

export interface ReadOptions<E extends string> {
  /**
   * Expansions the caller needs. Pi takes one value per `expand` and one per `include`, so one
   * call carries at most two; the client splits a longer list into the fewest calls and merges.
   */
  readonly expand?: readonly E[];
  /**
   * The DTO fields to request (`fields=`). `undefined` asks for the whole object. The client always
   * adds `id` and `org_id` (the reference implementation answers 404 without `org_id`).
   */
  readonly fields?: readonly string[];
}

export type JobReadOptions = ReadOptions<JobExpansion>;
export type BrandReadOptions = ReadOptions<BrandExpansion>;

/**
 * Merges two reads of the same object into one: the union of expansions and of fields
 * (a whole-object read absorbs any field list).
 */
export function mergeReadOptions<E extends string>(
  a: ReadOptions<E>,
  b: ReadOptions<E>,
): ReadOptions<E> {
  const expand = [...new Set([...(a.expand ?? []), ...(b.expand ?? [])])].sort();
  const fields =
    a.fields === undefined || b.fields === undefined
      ? undefined
      : [...new Set([...a.fields, ...b.fields])].sort();
  return {
    ...(expand.length > 0 ? { expand } : {}),
    ...(fields !== undefined ? { fields } : {}),
  };
}
