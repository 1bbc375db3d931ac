import { GraphQLScalarType, Kind, valueFromASTUntyped, type ValueNode } from 'graphql';

const UNIX_SECONDS = /^-?\d+(\.\d+)?$/;
const INVALID_DATE_TIME = 'DateTime must be an ISO-8601 string or a number of unix seconds.';

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value * 1000);
  // A numeric string is ambiguous (seconds? a year?): strings must be ISO-8601.
  if (typeof value === 'string' && !UNIX_SECONDS.test(value)) return new Date(value);
  return undefined;
}

function toIsoString(value: unknown): string {
  const date = toDate(value);
  if (date === undefined || !Number.isFinite(date.getTime())) {
    throw new TypeError(INVALID_DATE_TIME);
  }
  return date.toISOString();
}

/**
 * `DateTime`: an ISO-8601 string in UTC. Serializes ISO strings, unix seconds and `Date`s (the
 * resolvers already convert Pi's timestamps with `toDateTime`); accepts an ISO-8601 string or unix
 * seconds as input. Anything else is a `TypeError`, which graphql-js reports as a field or
 * validation error.
 */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  serialize: toIsoString,
  parseValue: toIsoString,
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind === Kind.STRING) return toIsoString(ast.value);
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return toIsoString(Number(ast.value));
    throw new TypeError(INVALID_DATE_TIME);
  },
});

/** `JSON`: any JSON value, passed through unchanged in both directions. */
export const JsonScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
