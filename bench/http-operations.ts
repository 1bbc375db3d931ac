import type { TargetKind } from './start-target.js';

/** The operations of the HTTP bench; `Q1v` is Q1 over a different set of jobs each time. */
export type OperationId = 'Q1' | 'Q1v' | 'Q2' | 'Q3';

export interface HttpOperation {
  id: OperationId;
  /** The GraphQL document, as the issue names it. */
  title: string;
  /** What it measures. */
  shape: string;
}

/** Jobs per Q1 operation. */
export const JOBS_PER_OPERATION = 20;

export const OPERATIONS: readonly HttpOperation[] = [
  {
    id: 'Q1',
    title: 'jobs(ids: [20 completed brand jobs]) { id status brand { name primaryHex } }',
    shape: 'the N+1 shape; every request asks for the same 20 jobs',
  },
  {
    id: 'Q1v',
    title: 'jobs(ids: [20 other jobs]) { id status brand { name primaryHex } }',
    shape:
      'Q1 where each request picks one of many disjoint sets of 20 jobs at random, so in-flight dedupe rarely helps',
  },
  { id: 'Q2', title: 'brands(first: 20) { nodes { name } }', shape: 'one list call' },
  { id: 'Q3', title: '{ __typename }', shape: 'pure overhead, no upstream call' },
];

/** The HTTP requests of an operation; the load generator picks one body at random per request. */
export interface OperationRequest {
  method: 'POST';
  /** Appended to the target's URL. */
  path: string;
  headers: Record<string, string>;
  /** At least one; the first is the one checked and counted alone. */
  bodies: string[];
}

/**
 * The requests that run `operation` against a target: GraphQL POSTs for the gateways, the matching
 * `POST /q1|q2|q3` for the direct REST endpoint (`startRestEndpoint`). `jobSets` are the sets of
 * job ids: Q1 uses the first, Q1v all of them.
 */
export function toOperationRequest(
  target: TargetKind,
  operation: OperationId,
  jobSets: ReadonlyArray<readonly string[]>,
  authorization: string,
): OperationRequest {
  const headers = { authorization, 'content-type': 'application/json' };
  const sets = operation === 'Q1' ? jobSets.slice(0, 1) : jobSets;
  if (target === 'rest') {
    const path = `/${operation === 'Q1v' ? 'q1' : operation.toLowerCase()}`;
    const bodies =
      operation === 'Q2'
        ? [JSON.stringify({ first: 20 })]
        : operation === 'Q3'
          ? ['{}']
          : sets.map((ids) => JSON.stringify({ ids }));
    return { method: 'POST', path, headers, bodies };
  }
  const queries =
    operation === 'Q2'
      ? ['{ brands(first: 20) { nodes { name } } }']
      : operation === 'Q3'
        ? ['{ __typename }']
        : sets.map(
            (ids) =>
              `{ jobs(ids: ${JSON.stringify(ids)}) { id status brand { name primaryHex } } }`,
          );
  return {
    method: 'POST',
    path: '',
    headers,
    bodies: queries.map((query) => JSON.stringify({ query })),
  };
}
