import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLAbstractType,
  type GraphQLObjectType,
  type InlineFragmentNode,
  type SelectionSetNode,
} from 'graphql';
import type { SelectionInfo } from './selection-info.js';

/**
 * The fields selected on an object of type `typeName` under the given field nodes, keyed by field
 * name (not response name: `a: status` and `b: status` need the same data), each with all of its
 * nodes so their own sub-selections can be merged in turn. Follows fragment spreads and inline
 * fragments whose type condition applies to `typeName`, and drops selections that `@skip`/`@include`
 * exclude with the operation's variables. `__typename` and other meta fields are left out.
 * Throws if `typeName` is not an object type of the schema.
 */
export function collectSubfields(
  info: SelectionInfo,
  typeName: string,
  fieldNodes: readonly FieldNode[],
): Map<string, FieldNode[]> {
  const type = info.schema.getType(typeName);
  if (type === undefined || !isObjectTypeLike(type)) {
    throw new TypeError(`collectSubfields: ${typeName} is not an object type`);
  }
  const fields = new Map<string, FieldNode[]>();
  const visitedFragments = new Set<string>();
  for (const node of fieldNodes) {
    if (node.selectionSet === undefined) continue;
    collect(info, type, node.selectionSet, fields, visitedFragments);
  }
  return fields;
}

function collect(
  info: SelectionInfo,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  fields: Map<string, FieldNode[]>,
  visitedFragments: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!isIncluded(info, selection)) continue;
    switch (selection.kind) {
      case Kind.FIELD: {
        const name = selection.name.value;
        if (name.startsWith('__')) break;
        const nodes = fields.get(name);
        if (nodes === undefined) fields.set(name, [selection]);
        else nodes.push(selection);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (conditionMatches(info, selection, type)) {
          collect(info, type, selection.selectionSet, fields, visitedFragments);
        }
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = info.fragments[name];
        // A fragment spread twice adds nothing new; validation already rejects cycles.
        if (fragment === undefined || visitedFragments.has(name)) break;
        visitedFragments.add(name);
        if (conditionMatches(info, fragment, type)) {
          collect(info, type, fragment.selectionSet, fields, visitedFragments);
        }
        break;
      }
    }
  }
}

function isIncluded(info: SelectionInfo, node: SelectionSetNode['selections'][number]): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, info.variableValues);
  if (skip?.['if'] === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues);
  return include?.['if'] !== false;
}

function conditionMatches(
  info: SelectionInfo,
  fragment: InlineFragmentNode | FragmentDefinitionNode,
  type: GraphQLObjectType,
): boolean {
  const condition = fragment.typeCondition;
  if (condition === undefined || condition.name.value === type.name) return true;
  const conditionType = info.schema.getType(condition.name.value);
  return (
    conditionType !== undefined &&
    isAbstractTypeLike(conditionType) &&
    info.schema.isSubType(conditionType, type)
  );
}

// Duck-typed rather than `isObjectType`/`isAbstractType`: those are `instanceof` checks, which fail
// (and throw outside production) when the schema was built by another copy of graphql-js, as
// happens under Vite, which gives ESM importers `index.mjs` while CommonJS gets `index.js`.
function isObjectTypeLike(type: object): type is GraphQLObjectType {
  return 'getFields' in type && 'isTypeOf' in type;
}

function isAbstractTypeLike(type: object): type is GraphQLAbstractType {
  return 'resolveType' in type;
}
