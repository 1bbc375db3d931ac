/**
 * What one GraphQL field needs from the Pi object its parent was read from.
 * - `fields`: DTO fields to ask for (`fields=`);
 * - `expand`: expansions to ask for;
 * - `sameObject`: the field is another GraphQL view of the same DTO (e.g. `Job.imageGeneration`),
 *   so its sub-selection is planned with that type's rules into the same read.
 * A field served by another resource (e.g. a brand loaded by id) needs only what identifies it.
 */
export interface ReadRule<E extends string, F extends string> {
  readonly fields?: readonly F[];
  readonly expand?: readonly E[];
  readonly sameObject?: string;
}

/** The rules of one GraphQL type: one entry per field of the type (`__typename` needs nothing). */
export type ReadRules<E extends string, F extends string> = Readonly<
  Record<string, ReadRule<E, F>>
>;
