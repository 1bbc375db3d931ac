import type { FieldNode } from 'graphql';
import type { ReadOptions } from '../pi/index.js';
import { collectSubfields } from './collect-subfields.js';
import type { ReadRules } from './read-rule.js';
import type { SelectionInfo } from './selection-info.js';

interface PlanAccumulator {
  fields: Set<string>;
  expand: Set<string>;
  /** A field without a rule: ask for the whole object rather than guess. */
  whole: boolean;
}

/**
 * Plans one read of a Pi object from the selection under `fieldNodes` on GraphQL type `typeName`,
 * using `rules` (GraphQL type name → field rules). The result always names `id` in `fields`
 * (sorted), so a read never degrades to Pi's empty `fields=`; it leaves `fields` out (the whole
 * object) only when a selected field has no rule.
 */
export function planRead<E extends string>(
  info: SelectionInfo,
  rules: Readonly<Record<string, ReadRules<E, string>>>,
  typeName: string,
  fieldNodes: readonly FieldNode[],
): ReadOptions<E> {
  const plan: PlanAccumulator = { fields: new Set(['id']), expand: new Set(), whole: false };
  addSelection(info, rules, typeName, fieldNodes, plan);
  const expand = [...plan.expand].sort() as E[];
  return {
    ...(expand.length > 0 ? { expand } : {}),
    ...(plan.whole ? {} : { fields: [...plan.fields].sort() }),
  };
}

function addSelection(
  info: SelectionInfo,
  rules: Readonly<Record<string, ReadRules<string, string>>>,
  typeName: string,
  fieldNodes: readonly FieldNode[],
  plan: PlanAccumulator,
): void {
  const typeRules = rules[typeName];
  for (const [name, nodes] of collectSubfields(info, typeName, fieldNodes)) {
    const rule = typeRules?.[name];
    if (rule === undefined) {
      plan.whole = true;
      continue;
    }
    for (const field of rule.fields ?? []) plan.fields.add(field);
    for (const expansion of rule.expand ?? []) plan.expand.add(expansion);
    if (rule.sameObject !== undefined) addSelection(info, rules, rule.sameObject, nodes, plan);
  }
}
