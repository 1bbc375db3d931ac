import type { PiQuery } from './build-request-path.js';
import type { JobDto } from './dto.js';
import type { ReadOptions } from './read-options.js';

/** Pi takes one value per `expand` and one per `include` (contract §2.9). */
const EXPANSIONS_PER_CALL = 2;

/**
 * The `fields` parameter for a field list: always with `id` and `org_id` (the reference
 * implementation answers 404 without `org_id`, §2.10), deduplicated and sorted so equal reads
 * build equal URLs. `undefined` (the whole object) stays `undefined`.
 */
export function fieldsParam(fields: readonly string[] | undefined): string | undefined {
  if (fields === undefined) return undefined;
  return [...new Set(['id', 'org_id', ...fields])].sort().join(',');
}

/**
 * The query of each REST call a read needs: expansions sorted, the first of each pair in
 * `expand` and the second in `include`; more than two → the fewest calls (two per call), each
 * with the same `fields`. No expansion → one call.
 */
export function readQueries<E extends string>(options: ReadOptions<E> = {}): PiQuery[] {
  const expansions = [...new Set(options.expand ?? [])].sort();
  const fields = fieldsParam(options.fields);
  if (expansions.length === 0) return [{ fields }];
  const queries: PiQuery[] = [];
  for (let index = 0; index < expansions.length; index += EXPANSIONS_PER_CALL) {
    queries.push({ expand: expansions[index], include: expansions[index + 1], fields });
  }
  return queries;
}

const DIAGNOSTIC_KEYS = ['diagnostics', 'retrieval_diagnostics'] as const;

/**
 * Merges the answers of one job read split over several calls: the first answer is the base;
 * `expanded`, `avatar`, `ad`, a `job_result` carrying the brand, and `payload.diagnostics` /
 * `payload.retrieval_diagnostics` are taken from whichever answer has them.
 */
export function mergeJobDtos(dtos: readonly JobDto[]): JobDto {
  const [first, ...rest] = dtos;
  if (first === undefined) throw new Error('mergeJobDtos needs at least one job');
  const merged: JobDto = { ...first };
  for (const dto of rest) {
    if (dto.expanded !== undefined) merged.expanded = { ...merged.expanded, ...dto.expanded };
    if (merged.avatar === undefined && dto.avatar !== undefined) merged.avatar = dto.avatar;
    if (merged.ad === undefined && dto.ad !== undefined) merged.ad = dto.ad;
    if (
      dto.job_result !== undefined &&
      (merged.job_result === undefined ||
        (merged.job_result.brand === undefined && dto.job_result.brand !== undefined))
    ) {
      merged.job_result = dto.job_result;
    }
    for (const key of DIAGNOSTIC_KEYS) {
      if (dto.payload?.[key] !== undefined && merged.payload?.[key] === undefined) {
        merged.payload = { ...merged.payload, [key]: dto.payload[key] };
      }
    }
  }
  return merged;
}
