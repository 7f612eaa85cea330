// Changes to an applied policy in the middle of a scenario, as upstream's conformance tests make
// them (swap two rules, change a rule's action, change the priority) or as `kubectl patch
// --type=json` would (an RFC 6902 JSON Patch, written in JSON or YAML). The result is a new
// object, validated like any manifest before it is applied.
import fastJsonPatch, { type Operation } from 'fast-json-patch';
import { parse } from 'yaml';
import { InputError } from '../model/errors.js';
import type { Direction } from '../model/verdicts.js';

export type PolicyChange =
  | { kind: 'swap'; direction: Direction; first: number; second: number }
  | { kind: 'action'; direction: Direction; rule: number; action: string }
  | { kind: 'priority'; priority: number }
  | { kind: 'json-patch'; text: string };

function rulesOf(policy: Record<string, unknown>, direction: Direction, what: string): unknown[] {
  const spec = policy['spec'] as Record<string, unknown> | undefined;
  const rules = spec?.[direction];
  if (!Array.isArray(rules)) throw new InputError(`${what} has no ${direction} rules`);
  return rules;
}

function ruleAt(rules: unknown[], index: number, direction: Direction, what: string): Record<string, unknown> {
  const rule = rules[index];
  if (typeof rule !== 'object' || rule === null) throw new InputError(`${what} has no ${direction} rule ${index} (it has ${rules.length}: 0 to ${rules.length - 1})`);
  return rule as Record<string, unknown>;
}

function operations(text: string, what: string): Operation[] {
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new InputError(`patch for ${what}: not JSON or YAML: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  if (!Array.isArray(parsed)) throw new InputError(`patch for ${what}: a JSON Patch is a list of operations, e.g. [{"op": "replace", "path": "/spec/priority", "value": 4}]`);
  return parsed as Operation[];
}

/** The changed object (a copy); `what` names the policy in messages. */
export function changedPolicy(policy: object, change: PolicyChange, what: string): Record<string, unknown> {
  const copy = structuredClone(policy) as Record<string, unknown>;
  switch (change.kind) {
    case 'swap': {
      const rules = rulesOf(copy, change.direction, what);
      const first = ruleAt(rules, change.first, change.direction, what);
      rules[change.first] = ruleAt(rules, change.second, change.direction, what);
      rules[change.second] = first;
      return copy;
    }
    case 'action':
      ruleAt(rulesOf(copy, change.direction, what), change.rule, change.direction, what)['action'] = change.action;
      return copy;
    case 'priority': {
      const spec = copy['spec'] as Record<string, unknown> | undefined;
      if (!spec || !('priority' in spec)) throw new InputError(`${what} has no priority`);
      spec['priority'] = change.priority;
      return copy;
    }
    case 'json-patch': {
      const ops = operations(change.text, what);
      const invalid = fastJsonPatch.validate(ops, copy);
      if (invalid) throw new InputError(`patch for ${what}: operation ${invalid.index ?? 0} (${invalid.operation?.op ?? '?'} ${invalid.operation?.path ?? ''}): ${invalid.message.split('\n')[0] ?? ''}`);
      return fastJsonPatch.applyPatch(copy, ops, false, false).newDocument;
    }
  }
}
