// One shape for the rules of both API versions, so the engine and the netns compiler read a
// ClusterNetworkPolicy, an AdminNetworkPolicy and a BaselineAdminNetworkPolicy alike. This is a
// change of shape only: v1alpha1's `ports` and v1alpha2's `protocols` say the same things
// (a protocol with a port or a range, or a named port on the destination pod).
import type { AnpPort, ClusterPolicy, CnpProtocol, EgressPeer, RuleEffect } from './cluster-policy.js';
import { clusterPolicyId, effectOf, priorityOf, tierOf, type Tier } from './cluster-policy.js';
import type { Protocol } from './api.js';
import type { Direction } from './verdicts.js';

export type TierPort =
  /** Every port of one protocol (`tcp: {}`, which the CRD rejects; read leniently). */
  | { kind: 'protocol'; protocol: Protocol }
  /** An inclusive range; a single port is a range of one. */
  | { kind: 'range'; protocol: Protocol; from: number; to: number }
  /** A container port name, resolved on the destination pod (name, and that port's protocol). */
  | { kind: 'named'; name: string };

export interface TierRule {
  index: number;
  name?: string;
  /** The action as written: Accept / Allow / Deny / Pass. */
  action: string;
  effect: RuleEffect;
  /** Ingress rules' `from` or egress rules' `to`. */
  peers: EgressPeer[];
  /** undefined: every port of every protocol. */
  ports: TierPort[] | undefined;
}

export interface TierPolicyView {
  id: string;
  name: string;
  kind: ClusterPolicy['kind'];
  tier: Tier;
  priority: number;
  policy: ClusterPolicy;
  ingress: TierRule[];
  egress: TierRule[];
}

const PROTOCOL_KEYS = [
  ['tcp', 'TCP'],
  ['udp', 'UDP'],
  ['sctp', 'SCTP'],
] as const;

function cnpPorts(protocols: CnpProtocol[] | undefined): TierPort[] | undefined {
  if (protocols === undefined) return undefined;
  return protocols.flatMap((entry): TierPort[] => {
    if (entry.destinationNamedPort !== undefined) return [{ kind: 'named', name: entry.destinationNamedPort }];
    for (const [key, protocol] of PROTOCOL_KEYS) {
      const match = entry[key];
      if (match === undefined) continue;
      const port = match.destinationPort;
      if (port?.number !== undefined) return [{ kind: 'range', protocol, from: port.number, to: port.number }];
      if (port?.range !== undefined) return [{ kind: 'range', protocol, from: port.range.start, to: port.range.end }];
      return [{ kind: 'protocol', protocol }];
    }
    return []; // an entry with no field set matches nothing
  });
}

function anpPorts(ports: AnpPort[] | undefined): TierPort[] | undefined {
  if (ports === undefined) return undefined;
  return ports.flatMap((entry): TierPort[] => {
    if (entry.portNumber) return [{ kind: 'range', protocol: entry.portNumber.protocol ?? 'TCP', from: entry.portNumber.port, to: entry.portNumber.port }];
    if (entry.namedPort !== undefined) return [{ kind: 'named', name: entry.namedPort }];
    if (entry.portRange) return [{ kind: 'range', protocol: entry.portRange.protocol ?? 'TCP', from: entry.portRange.start, to: entry.portRange.end }];
    return [];
  });
}

interface AnyRule {
  name?: string;
  action: string;
  from?: EgressPeer[];
  to?: EgressPeer[];
  protocols?: CnpProtocol[];
  ports?: AnpPort[];
}

function rules(policy: ClusterPolicy, direction: Direction): TierRule[] {
  const list = (direction === 'ingress' ? policy.spec.ingress : policy.spec.egress) as AnyRule[] | undefined;
  return (list ?? []).map((rule, index) => ({
    index,
    ...(rule.name !== undefined && rule.name !== '' ? { name: rule.name } : {}),
    action: rule.action,
    effect: effectOf(rule.action),
    peers: (direction === 'ingress' ? rule.from : rule.to) ?? [],
    ports: policy.kind === 'ClusterNetworkPolicy' ? cnpPorts(rule.protocols) : anpPorts(rule.ports),
  }));
}

export function tierPolicyView(policy: ClusterPolicy): TierPolicyView {
  return {
    id: clusterPolicyId(policy),
    name: policy.metadata.name,
    kind: policy.kind,
    tier: tierOf(policy),
    priority: priorityOf(policy),
    policy,
    ingress: rules(policy, 'ingress'),
    egress: rules(policy, 'egress'),
  };
}

/** A peer whose fields are all unset (a field of a newer API version this project does not know). */
export function isEmptyPeer(peer: EgressPeer): boolean {
  return peer.namespaces === undefined && peer.pods === undefined && peer.networks === undefined && peer.nodes === undefined && peer.domainNames === undefined;
}

/** `rule #1 'name'`: numbered from 1, as people count (the field path index is one less). */
export function describeRule(rule: Pick<TierRule, 'index' | 'name'>): string {
  return rule.name === undefined ? `rule #${rule.index + 1}` : `rule #${rule.index + 1} '${rule.name}'`;
}

