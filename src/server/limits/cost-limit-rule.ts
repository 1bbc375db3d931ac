import { GraphQLError, Kind, valueFromASTUntyped } from 'graphql';
import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import { ErrorCode } from '../../errors/index.js';

export interface OperationCostOptions {
  /** The size of a `first`-paged list whose `first` is omitted or null. @default 20 */
  defaultPageSize?: number;
  /**
   * The largest multiplier one list argument can contribute. Larger lists are rejected by the
   * resolvers with `BAD_USER_INPUT` before any upstream call, so counting them in full would only
   * turn that precise error into a cost error. @default 100
   */
  maxListSize?: number;
}

const DEFAULT_PAGE_SIZE = 20;
const MAX_LIST_SIZE = 100;

/**
 * The cost of running `operation` (of `document`) with `variables` (raw or coerced): every field
 * costs 1, and the subtree of a field with a list argument is multiplied by the list's size:
 * the number of `ids` (a literal list or a variable's value), or `first` (default 20 when omitted
 * or null), each clamped to `0..maxListSize`. `@skip`/`@include` are ignored (the cost is an upper
 * bound). Fragments are costed once each, so the work is linear in the document's size; a
 * fragment cycle (which validation rejects anyway) counts 0. Never throws.
 */
export function computeOperationCost(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  options: OperationCostOptions = {},
): number {
  const defaultPageSize = options.defaultPageSize ?? DEFAULT_PAGE_SIZE;
  const maxListSize = options.maxListSize ?? MAX_LIST_SIZE;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue !== undefined) {
      defaults.set(definition.variable.name.value, definition.defaultValue);
    }
  }
  const fragmentCosts = new Map<string, number>();
  const visiting = new Set<string>();

  const valueOf = (node: ValueNode): unknown => {
    if (node.kind !== Kind.VARIABLE) return valueFromASTUntyped(node);
    const name = node.name.value;
    if (variables !== null && variables !== undefined && name in variables) return variables[name];
    const fallback = defaults.get(name);
    return fallback === undefined ? undefined : valueFromASTUntyped(fallback);
  };

  const multiplierOf = (field: FieldNode): number => {
    let size: number | undefined;
    for (const argument of field.arguments ?? []) {
      if (argument.name.value === 'ids') {
        const ids = valueOf(argument.value);
        // A single non-list value is coerced to a list of one.
        const count = Array.isArray(ids) ? ids.length : ids === null || ids === undefined ? 0 : 1;
        size = Math.max(size ?? 0, count);
      } else if (argument.name.value === 'first') {
        const first = valueOf(argument.value);
        const count = typeof first === 'number' && Number.isFinite(first) ? first : defaultPageSize;
        size = Math.max(size ?? 0, count);
      }
    }
    if (size === undefined) {
      return isPaged(field) ? defaultPageSize : 1;
    }
    return Math.min(Math.max(Math.trunc(size), 0), maxListSize);
  };

  const costOf = (selectionSet: SelectionSetNode): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          total +=
            1 +
            (selection.selectionSet === undefined
              ? 0
              : multiplierOf(selection) * costOf(selection.selectionSet));
          break;
        case Kind.INLINE_FRAGMENT:
          total += costOf(selection.selectionSet);
          break;
        case Kind.FRAGMENT_SPREAD:
          total += fragmentCost(selection.name.value);
          break;
      }
    }
    return total;
  };

  const fragmentCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (fragment === undefined || visiting.has(name)) return 0;
    visiting.add(name);
    const cost = costOf(fragment.selectionSet);
    visiting.delete(name);
    fragmentCosts.set(name, cost);
    return cost;
  };

  return costOf(operation.selectionSet);
}

// `brands` and `savedAvatars` page with `first`; without the argument they still return a page.
const PAGED_FIELDS: ReadonlySet<string> = new Set(['brands', 'savedAvatars']);

function isPaged(field: FieldNode): boolean {
  return PAGED_FIELDS.has(field.name.value);
}

/**
 * A `GRAPHQL_VALIDATION_FAILED` error naming `MAX_COST` when `operation` costs more than
 * `maxCost` (see `computeOperationCost`), else `undefined`.
 */
export function checkOperationCost(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  maxCost: number,
): GraphQLError | undefined {
  const cost = computeOperationCost(document, operation, variables);
  if (cost <= maxCost) return undefined;
  return new GraphQLError(`Query cost ${cost} exceeds the limit of ${maxCost} (MAX_COST).`, {
    nodes: [operation],
    extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED },
  });
}
