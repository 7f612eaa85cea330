// A verdict explained for a person who is learning NetworkPolicy: each end in turn, whether it is
// isolated and by which policies, and how each rule of those policies judged the flow. With
// cluster-scoped policies, each end goes through the Admin, NetworkPolicy and Baseline tiers.
import { describePort, effectivePolicyTypes, type ExplainedVerdict, type RuleCheck } from '../engine/index.js';
import { formatPort } from '../model/notation.js';
import { formatSelector } from '../model/selectors.js';
import { servesPort } from '../model/topology.js';
import type { DirectionVerdict } from '../model/verdicts.js';
import { whyPeerMisses, type PeerContext } from './peer-reasons.js';
import { policyKey, type NetworkPolicy, type NetworkPolicyPeer } from '../model/api.js';
import type { ClusterPolicy } from '../model/cluster-policy.js';
import { describeTier, tierViews, type TierViews } from './tier-explanation.js';

export function describePeer(peer: NetworkPolicyPeer, policyNamespace: string): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except?.length ? ` except ${peer.ipBlock.except.join(', ')}` : '';
    return `addresses in ${peer.ipBlock.cidr}${except}`;
  }
  const pods = peer.podSelector ? `pods matching ${formatSelector(peer.podSelector)}` : 'all pods';
  if (!peer.namespaceSelector) return `${pods} in namespace ${policyNamespace} (the policy's own)`;
  return `${pods} in namespaces matching ${formatSelector(peer.namespaceSelector)}`;
}

/** `#1`: list entries are numbered from 1 for people; the field path index is that minus one. */
const entry = (index: number): string => `#${index + 1}`;

function describeCheck(check: RuleCheck, policy: NetworkPolicy | undefined, flow: ExplainedVerdict['flow'], context: PeerContext | undefined): string {
  const rule =
    check.direction === 'ingress'
      ? ((r) => r && { peers: r.from, ports: r.ports })(policy?.spec.ingress?.[check.rule])
      : ((r) => r && { peers: r.to, ports: r.ports })(policy?.spec.egress?.[check.rule]);
  const peers = rule?.peers;
  const ns = policy?.metadata.namespace ?? '';
  const list = check.direction === 'ingress' ? 'from' : 'to';
  // The peer is the other end: the source for ingress, the destination for egress.
  const other = check.direction === 'ingress' ? flow.from : flow.to;
  const why = (peer: NetworkPolicyPeer): string => (context ? `: ${whyPeerMisses(peer, ns, other, context)}` : '');
  const peerText =
    peers === undefined || peers.length === 0
      ? `any peer (no ${list})`
      : check.peerMatched
        ? `${list} entry ${entry(check.peer ?? 0)} (${describePeer(peers[check.peer ?? 0] ?? {}, ns)}) matches ${other}`
        : peers.length === 1
          ? `${list} entry #1 (${describePeer(peers[0] ?? {}, ns)}) does not match ${other}${why(peers[0] ?? {})}`
          : `no ${list} entry matches ${other} (${peers.map((p, i) => `${entry(i)} ${describePeer(p, ns)}${why(p)}`).join('; ')})`;
  const ports = rule?.ports;
  const portText =
    ports === undefined || ports.length === 0
      ? 'any port (no ports)'
      : check.portMatched
        ? `ports entry ${entry(check.port ?? 0)} (${describePort(ports[check.port ?? 0])}) matches`
        : `no ports entry matches ${formatPort(flow)} (${ports.map((p, i) => `${entry(i)} ${describePort(p)}`).join(', ')})`;
  const verdict = check.peerMatched && check.portMatched ? 'ALLOWS it' : 'does not allow it';
  return `    - ${check.policy} ${check.direction} rule ${entry(check.rule)}: ${peerText}; ${portText}; ${verdict}`;
}

function describeDirection(
  d: DirectionVerdict,
  checks: readonly RuleCheck[],
  policies: ReadonlyMap<string, NetworkPolicy>,
  endpoint: string,
  flow: ExplainedVerdict['flow'],
  context: PeerContext | undefined,
): string[] {
  const word = d.direction === 'ingress' ? 'Ingress to' : 'Egress from';
  if (d.pod === undefined) return [`${word} ${endpoint}: an external host; NetworkPolicy does not apply to it.`];
  const type = d.direction === 'ingress' ? 'Ingress' : 'Egress';
  if (!d.isolated) {
    return [`${word} ${endpoint}: not isolated. No NetworkPolicy selects it with ${type} in its policyTypes, so all ${d.direction} is allowed.`];
  }
  const lines = [`${word} ${endpoint}: isolated by ${d.isolatingPolicies.join(', ')}. It allows only what some ${d.direction} rule of these policies allows.`];
  const here = checks.filter((c) => c.direction === d.direction);
  for (const id of d.isolatingPolicies) {
    const policy = policies.get(id);
    const rules = here.filter((c) => c.policy === id);
    if (rules.length === 0) {
      const types = policy ? effectivePolicyTypes(policy.spec).join(', ') : type;
      lines.push(`    - ${id} has no ${d.direction} rules (policyTypes ${types}): it only isolates.`);
    }
    for (const check of rules) lines.push(describeCheck(check, policy, flow, context));
  }
  lines.push(d.allowed ? `  => ${d.direction} allowed.` : `  => ${d.direction} denied: no rule allows it.`);
  return lines;
}

/**
 * With cluster-scoped policies, each end goes through the tiers in order: Admin, NetworkPolicy,
 * Baseline, then the default, and the explanation stops where a tier decided.
 */
function describeTiers(d: DirectionVerdict, verdict: ExplainedVerdict, policies: ReadonlyMap<string, NetworkPolicy>, views: TierViews, endpoint: string, context: PeerContext | undefined): string[] {
  const word = d.direction === 'ingress' ? 'Ingress to' : 'Egress from';
  if (d.pod === undefined) return [`${word} ${endpoint}: an external host; no policy applies to it.`];
  const verdictLine = `  => ${d.direction} ${d.allowed ? 'allowed' : 'denied'}`;
  const lines = [`${word} ${endpoint}:`];
  const adminRule = d.decidedBy === 'admin' ? d.tierRule : d.passedBy?.[0];
  lines.push(...describeTier('Admin', d.direction, verdict.tierChecks, adminRule, views));
  if (d.decidedBy === 'admin') return [...lines, `${verdictLine} by the Admin tier; no NetworkPolicy or Baseline rule is consulted.`];
  const np = describeDirection(d, verdict.checks, policies, endpoint, verdict.flow, context).map((line, i) => (i === 0 ? `  NetworkPolicy tier: ${line.slice(line.indexOf(': ') + 2)}` : line));
  if (d.decidedBy === 'networkpolicy') return [...lines, ...np.slice(0, -1), `${verdictLine} by the NetworkPolicy tier; the Baseline tier is not consulted.`];
  lines.push(`  NetworkPolicy tier: no NetworkPolicy selects it with ${d.direction === 'ingress' ? 'Ingress' : 'Egress'} in its policyTypes, so it has no say.`);
  lines.push(...describeTier('Baseline', d.direction, verdict.tierChecks, d.tierRule, views));
  if (d.decidedBy === 'baseline') return [...lines, `${verdictLine} by the Baseline tier.`];
  return [...lines, `${verdictLine}: no tier decided, and what no policy decides is allowed.`];
}

/**
 * `context` (the topology the verdict was made on) adds why each peer that does not match misses,
 * and whether the destination listens on the port.
 */
export function formatExplanation(verdict: ExplainedVerdict, policies: readonly NetworkPolicy[], clusterPolicies: readonly ClusterPolicy[] = [], context?: PeerContext): string {
  const f = verdict.flow;
  const head = `${f.from} -> ${f.to} on ${formatPort(f)}: ${verdict.allowed ? 'ALLOWED' : 'DENIED'}`;
  if (verdict.reason === 'self') return `${head}\nA pod's traffic to itself is always allowed: a pod cannot block itself.\n`;
  const byId = new Map(policies.map((p) => [policyKey(p), p]));
  const views = tierViews(clusterPolicies);
  const direction = (d: DirectionVerdict, endpoint: string): string[] =>
    clusterPolicies.length > 0 ? describeTiers(d, verdict, byId, views, endpoint, context) : describeDirection(d, verdict.checks, byId, endpoint, f, context);
  const lines = [
    head,
    '',
    ...direction(verdict.egress, f.from),
    ...direction(verdict.ingress, f.to),
    '',
    verdict.allowed
      ? 'Both ends allow it, so the connection is allowed; its replies need no rule of their own.'
      : 'A connection needs egress allowed at its source AND ingress allowed at its destination.',
    ...(verdict.warnings ?? []).map((w) => `Warning: ${w}.`),
  ];
  if (verdict.allowed && context && !servesPort(context.topology, f.to, f)) {
    lines.push(`But ${f.to} does not serve ${formatPort(f)}: the policies allow it, yet nothing listens there, so a real connection is refused.`);
  }
  return `${lines.join('\n')}\n`;
}
