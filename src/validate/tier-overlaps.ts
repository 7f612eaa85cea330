// Policies of one tier with the same priority: where both match a connection with different
// actions, the API lets each implementation apply either one ("there is no way for the user to
// reliably determine which one it will choose"). The API server accepts them; `validate` warns.
// Without pods to judge, the check is on what could collide: the same tier, the same priority,
// and rules of the same direction whose actions differ.
import { clusterPolicyId, isClusterPolicyKind, priorityOf, tierOf, type ClusterPolicy } from '../model/cluster-policy.js';
import { tierPolicyView } from '../model/tier-rules.js';
import type { KubeObject } from '../model/api.js';
import type { Direction } from '../model/verdicts.js';
import type { FieldError } from './field-errors.js';

export interface OverlapWarning {
  /** The later of the two policies (in reading order): the warning is placed on it. */
  policy: ClusterPolicy;
  warning: FieldError;
}

function actions(policy: ClusterPolicy, direction: Direction): Set<string> {
  const view = tierPolicyView(policy);
  return new Set((direction === 'ingress' ? view.ingress : view.egress).map((r) => r.effect));
}

function differ(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  return a.size > 1 || b.size > 1 || [...a][0] !== [...b][0];
}

export function samePriorityOverlaps(objects: readonly KubeObject[]): OverlapWarning[] {
  const policies = objects.filter((o): o is ClusterPolicy => isClusterPolicyKind(o.kind));
  const out: OverlapWarning[] = [];
  policies.forEach((later, j) => {
    for (const earlier of policies.slice(0, j)) {
      if (tierOf(earlier) !== tierOf(later) || priorityOf(earlier) !== priorityOf(later)) continue;
      const directions = (['ingress', 'egress'] as const).filter((d) => differ(actions(earlier, d), actions(later, d)));
      if (directions.length === 0) continue;
      const message =
        `shares priority ${priorityOf(later)} in the ${tierOf(later)} tier with ${clusterPolicyId(earlier)}, and their ${directions.join(' and ')} rules take different actions: ` +
        'where both match a connection, which one applies is up to the implementation; give them distinct priorities';
      out.push({ policy: later, warning: { field: later.kind === 'BaselineAdminNetworkPolicy' ? 'metadata.name' : 'spec.priority', reason: 'Duplicate', message, value: priorityOf(later) } });
    }
  });
  return out;
}
