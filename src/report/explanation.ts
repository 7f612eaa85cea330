// A verdict explained for a person who is learning NetworkPolicy: each end in turn, whether it is
// isolated and by which policies, and how each rule of those policies judged the flow.
import { describePort, effectivePolicyTypes, type ExplainedVerdict, type RuleCheck } from '../engine/index.js';
import { formatPort } from '../model/notation.js';
import { formatSelector } from '../model/selectors.js';
import type { DirectionVerdict } from '../model/verdicts.js';
import { policyKey, type NetworkPolicy, type NetworkPolicyPeer } from '../model/api.js';

export function describePeer(peer: NetworkPolicyPeer, policyNamespace: string): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except?.length ? ` except ${peer.ipBlock.except.join(', ')}` : '';
    return `addresses in ${peer.ipBlock.cidr}${except}`;
  }
  const pods = peer.podSelector ? `pods matching ${formatSelector(peer.podSelector)}` : 'all pods';
  if (!peer.namespaceSelector) return `${pods} in namespace ${policyNamespace} (the policy's own)`;
  return `${pods} in namespaces matching ${formatSelector(peer.namespaceSelector)}`;
}

function describeCheck(check: RuleCheck, policy: NetworkPolicy | undefined): string {
  const rule =
    check.direction === 'ingress'
      ? ((r) => r && { peers: r.from, ports: r.ports })(policy?.spec.ingress?.[check.rule])
      : ((r) => r && { peers: r.to, ports: r.ports })(policy?.spec.egress?.[check.rule]);
  const peers = rule?.peers;
  const ns = policy?.metadata.namespace ?? '';
  const peerText =
    peers === undefined || peers.length === 0
      ? 'any peer (no from/to)'
      : check.peerMatched
        ? `peer ${check.peer} matches: ${describePeer(peers[check.peer ?? 0] ?? {}, ns)}`
        : `no peer matches (${peers.map((p) => describePeer(p, ns)).join('; ')})`;
  const ports = rule?.ports;
  const portText =
    ports === undefined || ports.length === 0
      ? 'any port (no ports)'
      : check.portMatched
        ? `port ${check.port} matches: ${describePort(ports[check.port ?? 0])}`
        : `no port matches (${ports.map((p) => describePort(p)).join(', ')})`;
  const verdict = check.peerMatched && check.portMatched ? 'ALLOWS it' : 'does not allow it';
  return `    - ${check.policy} ${check.direction} rule ${check.rule}: ${peerText}; ${portText}; ${verdict}`;
}

function describeDirection(d: DirectionVerdict, checks: readonly RuleCheck[], policies: ReadonlyMap<string, NetworkPolicy>, endpoint: string): string[] {
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
    for (const check of rules) lines.push(describeCheck(check, policy));
  }
  lines.push(d.allowed ? `  => ${d.direction} allowed.` : `  => ${d.direction} denied: no rule allows it.`);
  return lines;
}

export function formatExplanation(verdict: ExplainedVerdict, policies: readonly NetworkPolicy[]): string {
  const f = verdict.flow;
  const head = `${f.from} -> ${f.to} on ${formatPort(f)}: ${verdict.allowed ? 'ALLOWED' : 'DENIED'}`;
  if (verdict.reason === 'self') return `${head}\nA pod's traffic to itself is always allowed: a pod cannot block itself.\n`;
  const byId = new Map(policies.map((p) => [policyKey(p), p]));
  const lines = [
    head,
    '',
    ...describeDirection(verdict.egress, verdict.checks, byId, f.from),
    ...describeDirection(verdict.ingress, verdict.checks, byId, f.to),
    '',
    verdict.allowed
      ? 'Both ends allow it, so the connection is allowed; its replies need no rule of their own.'
      : 'A connection needs egress allowed at its source AND ingress allowed at its destination.',
  ];
  return `${lines.join('\n')}\n`;
}
