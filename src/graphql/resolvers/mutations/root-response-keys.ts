import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/** The parts of the resolve info `rootResponseKeys` reads. */
export type RootSelectionInfo = Pick<
  GraphQLResolveInfo,
  'operation' | 'fragments' | 'variableValues'
>;

/**
 * The response keys (alias, else field name) of the operation's root fields that will execute:
 * fragment spreads and inline fragments are followed, `@skip`/`@include` applied with the
 * operation's variables, meta fields (`__typename`) left out. A key selected twice counts once,
 * as graphql-js merges such fields into one.
 */
export function rootResponseKeys(info: RootSelectionInfo): string[] {
  const keys = new Set<string>();
  collect(info, info.operation.selectionSet, keys, new Set());
  return [...keys];
}

function collect(
  info: RootSelectionInfo,
  selectionSet: SelectionSetNode,
  keys: Set<string>,
  visited: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!isIncluded(info, selection)) continue;
    switch (selection.kind) {
      case Kind.FIELD:
        if (!selection.name.value.startsWith('__')) {
          keys.add(selection.alias?.value ?? selection.name.value);
        }
        break;
      case Kind.INLINE_FRAGMENT:
        // A root type condition can only name the root type itself: validation rejects the rest.
        collect(info, selection.selectionSet, keys, visited);
        break;
      case Kind.FRAGMENT_SPREAD: {
        const fragment = info.fragments[selection.name.value];
        if (fragment === undefined || visited.has(fragment.name.value)) break;
        visited.add(fragment.name.value);
        collect(info, fragment.selectionSet, keys, visited);
        break;
      }
    }
  }
}

function isIncluded(
  info: RootSelectionInfo,
  node: SelectionSetNode['selections'][number],
): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, info.variableValues);
  if (skip?.['if'] === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues);
  return include?.['if'] !== false;
}
