// Rules written once for both directions: `peers` become `from` in an ingress rule and `to` in an
// egress rule; absent stays absent, so "no from" and "from: []" remain different cases.
import type { NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec } from '../../model/api.js';
import type { Direction } from '../../model/verdicts.js';

export interface NetworkPolicyRule {
  peers?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

/** The `ingress` or `egress` part of a spec holding these rules (`undefined`: the list is absent). */
export function rulesOf(direction: Direction, rules: readonly NetworkPolicyRule[] | undefined): Pick<NetworkPolicySpec, 'ingress' | 'egress'> {
  if (rules === undefined) return {};
  const ports = (r: NetworkPolicyRule) => (r.ports !== undefined ? { ports: r.ports } : {});
  if (direction === 'ingress') return { ingress: rules.map((r) => ({ ...(r.peers !== undefined ? { from: r.peers } : {}), ...ports(r) })) };
  return { egress: rules.map((r) => ({ ...(r.peers !== undefined ? { to: r.peers } : {}), ...ports(r) })) };
}
