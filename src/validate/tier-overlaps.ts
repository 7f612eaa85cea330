// Policies of one tier with the same priority: where both match a connection with different
// actions, the API lets each implementation apply either one ("there is no way for the user to
// reliably determine which one it will choose"). The API server accepts them; `validate` warns.
// Without pods to judge, the check is on what could collide: the same tier, the same priority,
// and rules of the same direction whose actions differ. `lint`, which has the pods, passes a
// witness that looks for a connection both policies match with different actions, and only the
// pairs that have one are reported, with it.
import { clusterPolicyId, isClusterPolicyKind, priorityOf, tierOf, type ClusterPolicy } from '../model/cluster-policy.js';
import { tierPolicyView } from '../model/tier-rules.js';
import type { KubeObject } from '../model/api.js';
import type { Direction, Flow } from '../model/verdicts.js';
import type { FieldError } from './field-errors.js';

export interface OverlapWarning {
  /** The later of the two policies (in reading order): the warning is placed on it. */
  policy: ClusterPolicy;
  warning: FieldError;
}

/** A connection both policies match in one direction, with the actions their first matching rules take. */
export interface OverlapWitness {
  flow: Flow;
  earlierAction: string;
  laterAction: string;
}

export type FindWitness = (earlier: ClusterPolicy, later: ClusterPolicy, direction: Direction) => OverlapWitness | undefined;

function actions(policy: ClusterPolicy, direction: Direction): Set<string> {
  const view = tierPolicyView(policy);
  return new Set((direction === 'ingress' ? view.ingress : view.egress).map((r) => r.effect));
}

function differ(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  return a.size > 1 || b.size > 1 || [...a][0] !== [...b][0];
}

function describeWitness(w: OverlapWitness, direction: Direction, earlier: ClusterPolicy): string {
  const { flow } = w;
  return `both match ${flow.from} -> ${flow.to} on ${flow.port}/${flow.protocol} (${direction}) with different actions (${w.laterAction} here, ${w.earlierAction} in ${clusterPolicyId(earlier)})`;
}

export function samePriorityOverlaps(objects: readonly KubeObject[], witness?: FindWitness): OverlapWarning[] {
  const policies = objects.filter((o): o is ClusterPolicy => isClusterPolicyKind(o.kind));
  const out: OverlapWarning[] = [];
  policies.forEach((later, j) => {
    for (const earlier of policies.slice(0, j)) {
      if (tierOf(earlier) !== tierOf(later) || priorityOf(earlier) !== priorityOf(later)) continue;
      const directions = (['ingress', 'egress'] as const).filter((d) => differ(actions(earlier, d), actions(later, d)));
      if (directions.length === 0) continue;
      const where = `shares priority ${priorityOf(later)} in the ${tierOf(later)} tier with ${clusterPolicyId(earlier)}`;
      let overlap: string;
      if (witness) {
        const found = directions.map((d) => ({ d, w: witness(earlier, later, d) })).find((f) => f.w !== undefined);
        if (!found?.w) continue;
        overlap = `${where}, and ${describeWitness(found.w, found.d, earlier)}: which one applies is up to the implementation`;
      } else {
        overlap = `${where}, and their ${directions.join(' and ')} rules take different actions: where both match a connection, which one applies is up to the implementation`;
      }
      const message = `${overlap}; give them distinct priorities`;
      out.push({ policy: later, warning: { field: later.kind === 'BaselineAdminNetworkPolicy' ? 'metadata.name' : 'spec.priority', reason: 'Duplicate', message, value: priorityOf(later) } });
    }
  });
  return out;
}
