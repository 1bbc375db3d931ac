import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkOperationCost, computeOperationCost } from '../../src/server/limits/index.js';

function costOf(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (operation === null || operation === undefined) throw new Error('no single operation');
  return computeOperationCost(document, operation, variables);
}

describe('computeOperationCost', () => {
  it('should cost 1 per field', () => {
    expect(costOf('{ __typename }')).toBe(1);
    expect(costOf('{ job(id: "a") { id status brand { id name } } }')).toBe(6);
  });

  it('should multiply the subtree of jobs(ids:) by the number of literal ids', () => {
    expect(costOf('{ jobs(ids: ["a", "b", "c"]) { id brand { id } } }')).toBe(1 + 3 * 3);
    expect(costOf('{ jobs(ids: []) { id } }')).toBe(1);
  });

  it("should size jobs(ids: $ids) by the variable's value, then by its default", () => {
    const query = 'query($ids: [ID!]!) { jobs(ids: $ids) { id status } }';
    expect(costOf(query, { ids: ['a', 'b', 'c', 'd'] })).toBe(1 + 4 * 2);
    // A single value is coerced to a list of one.
    expect(costOf(query, { ids: 'a' })).toBe(1 + 2);
    expect(costOf('query($ids: [ID!] = ["a", "b"]) { jobs(ids: $ids) { id } }', {})).toBe(1 + 2);
  });

  it('should multiply paged lists by first, 20 when it is omitted or null', () => {
    expect(costOf('{ brands(first: 5) { nodes { id } } }')).toBe(1 + 5 * 2);
    expect(costOf('{ brands { nodes { id } } }')).toBe(1 + 20 * 2);
    expect(costOf('{ savedAvatars(first: null) { nodes { id } } }')).toBe(1 + 20 * 2);
    expect(costOf('query($n: Int) { savedAvatars(first: $n) { nodes { id } } }', { n: 7 })).toBe(
      1 + 7 * 2,
    );
  });

  it('should clamp list sizes to 0..100, leaving out-of-range values to argument validation', () => {
    expect(costOf('{ brands(first: 99999999) { nodes { id } } }')).toBe(1 + 100 * 2);
    expect(costOf('{ brands(first: -5) { nodes { id } } }')).toBe(1);
    const many = Array.from({ length: 1000 }, (_, index) => `"${index}"`).join(',');
    expect(costOf(`{ jobs(ids: [${many}]) { id } }`)).toBe(1 + 100);
  });

  it('should count fragments and inline fragments with their multiplier', () => {
    const query = `
      { jobs(ids: ["a", "b"]) { ...JobBits ... on Job { status } } }
      fragment JobBits on Job { id brand { id } }`;
    expect(costOf(query)).toBe(1 + 2 * 4);
  });

  it('should cost a deeply reused fragment in linear time', () => {
    // Each level spreads the one below twice: exponential if fragments were expanded, not costed once.
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, index) =>
      index === levels - 1
        ? `fragment F${index} on Query { __typename }`
        : `fragment F${index} on Query { ...F${index + 1} ... on Query { ...F${index + 1} } }`,
    ).join('\n');
    const started = performance.now();
    const cost = costOf(`{ ...F0 } ${fragments}`);
    expect(cost).toBe(2 ** (levels - 1));
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('should count a fragment cycle as 0 instead of recursing forever', () => {
    expect(
      costOf('{ ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }'),
    ).toBe(1);
  });
});

describe('checkOperationCost', () => {
  it('should return a GRAPHQL_VALIDATION_FAILED error naming MAX_COST only above the limit', () => {
    const document = parse('{ jobs(ids: ["a", "b"]) { id } }');
    const operation = getOperationAST(document);
    if (operation === null || operation === undefined) throw new Error('no operation');

    expect(checkOperationCost(document, operation, {}, 3)).toBeUndefined();
    const error = checkOperationCost(document, operation, {}, 2);
    expect(error?.message).toBe('Query cost 3 exceeds the limit of 2 (MAX_COST).');
    expect(error?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});
