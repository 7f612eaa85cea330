// Verdicts. A flow from A to B needs egress allowed at A and ingress allowed at B; a direction is
// checked only at a pod end. At a pod, the tiers are tried in order until one decides: the Admin
// tier (./tiers-evaluate.ts), then NetworkPolicy, which decides whenever some policy isolates the
// pod in that direction (the union of their rules; within a rule, any peer AND any port must
// match), then the Baseline tier, then the default: allowed.
import { UnknownEndpointError } from '../model/errors.js';
import type { Direction, DirectionVerdict, Flow, RuleRef, Verdict } from '../model/verdicts.js';
import type { IpFamily } from '../model/cidr.js';
import type { CompiledRule, CompiledState, Endpoint } from './compile.js';
import { judgedFamily } from './endpoints.js';
import type { EngineOptions } from './options.js';
import { portMatches } from './ports.js';
import { judgeTier, type TierRuleCheck } from './tiers-evaluate.js';

/** How one rule of an isolating policy judged the flow, for explanations. */
export interface RuleCheck extends RuleRef {
  direction: Direction;
  peerMatched: boolean;
  portMatched: boolean;
}

export interface ExplainedVerdict extends Verdict {
  /** Every rule of every isolating policy in each direction, with what matched. */
  checks: RuleCheck[];
  /** Every Admin and Baseline rule tried, in order, with what matched. */
  tierChecks: TierRuleCheck[];
}

export type { TierRuleCheck };

export function resolveEndpoint(state: CompiledState, id: string): Endpoint {
  const ep = state.byId.get(id);
  if (!ep) throw new UnknownEndpointError(id, [...state.byId.keys()]);
  return ep;
}

/** First matching peer index (-1: none; undefined: the rule has no peers and matches all). */
function matchingPeer(rule: CompiledRule, peer: Endpoint, family: IpFamily): number | undefined {
  if (!rule.peers) return undefined;
  return rule.peers.findIndex((table) => table.has(peer.index, family));
}

function matchingPort(rule: CompiledRule, flow: Flow, dst: Endpoint, src: Endpoint, direction: Direction, options: EngineOptions): number | undefined {
  if (!rule.ports) return undefined;
  // Named ports resolve on the destination pod: the selected pod for ingress, the peer for egress.
  const namedPortPod = direction === 'ingress' && options.fault === 'named-port-on-source' ? src.pod : dst.pod;
  return rule.ports.findIndex((p) => portMatches(p, flow.port, flow.protocol, namedPortPod, options.fault));
}

function judgeNetworkPolicies(
  state: CompiledState,
  direction: Direction,
  self: Endpoint,
  peer: Endpoint,
  flow: Flow,
  src: Endpoint,
  dst: Endpoint,
  options: EngineOptions,
  checks: RuleCheck[] | undefined,
): DirectionVerdict {
  const policyIndexes = state.isolating(direction, self.index);
  const verdict: DirectionVerdict = {
    direction,
    ...(self.pod ? { pod: self.id } : {}),
    isolated: policyIndexes.length > 0,
    isolatingPolicies: [],
    allowed: policyIndexes.length === 0,
    allowedBy: [],
  };
  for (const pi of policyIndexes) {
    const policy = state.policies[pi];
    if (!policy) continue;
    verdict.isolatingPolicies.push(policy.id);
    const rules = (direction === 'ingress' ? policy.ingress : policy.egress) ?? [];
    rules.forEach((rule, ri) => {
      const peerIndex = matchingPeer(rule, peer, flow.family ?? 4);
      const portIndex = matchingPort(rule, flow, dst, src, direction, options);
      const peerMatched = peerIndex !== -1;
      const portMatched = portIndex !== -1;
      const ref: RuleRef = {
        policy: policy.id,
        rule: ri,
        ...(peerIndex !== undefined && peerMatched ? { peer: peerIndex } : {}),
        ...(portIndex !== undefined && portMatched ? { port: portIndex } : {}),
      };
      checks?.push({ ...ref, direction, peerMatched, portMatched });
      if (peerMatched && portMatched) {
        verdict.allowed = true;
        verdict.allowedBy.push(ref);
      }
    });
  }
  return verdict;
}

interface Explaining {
  checks: RuleCheck[];
  tierChecks: TierRuleCheck[];
  warnings: string[];
}

/** One direction at a pod, tier by tier, with everything that was tried. */
function judgeDirection(state: CompiledState, direction: Direction, self: Endpoint, peer: Endpoint, flow: Flow, src: Endpoint, dst: Endpoint, options: EngineOptions, out: Explaining): DirectionVerdict {
  const tiers = state.tiers;
  if (!tiers) return judgeNetworkPolicies(state, direction, self, peer, flow, src, dst, options, out.checks);
  const admin = judgeTier(tiers, 'admin', direction, self, peer, flow, dst.pod, true);
  out.tierChecks.push(...admin.checks);
  out.warnings.push(...admin.warnings);
  if (admin.decidedBy && admin.effect !== 'pass') {
    const listed = state.isolating(direction, self.index);
    const isolatingPolicies = listed.map((i) => state.policies[i]?.id ?? '');
    const allowed = admin.effect === 'allow';
    return { direction, pod: self.id, isolated: listed.length > 0, isolatingPolicies, allowed, allowedBy: [], decidedBy: 'admin', tierRule: admin.decidedBy };
  }
  const passedBy = admin.decidedBy ? { passedBy: [admin.decidedBy] } : {};
  const np = judgeNetworkPolicies(state, direction, self, peer, flow, src, dst, options, out.checks);
  if (np.isolated) return { ...np, decidedBy: 'networkpolicy', ...passedBy };
  const baseline = judgeTier(tiers, 'baseline', direction, self, peer, flow, dst.pod, true);
  out.tierChecks.push(...baseline.checks);
  out.warnings.push(...baseline.warnings);
  if (baseline.decidedBy && baseline.effect !== 'pass') {
    return { ...np, allowed: baseline.effect === 'allow', decidedBy: 'baseline', tierRule: baseline.decidedBy, ...passedBy };
  }
  return { ...np, allowed: true, decidedBy: 'default', ...passedBy, ...(baseline.decidedBy ? { tierRule: baseline.decidedBy } : {}) };
}

function notChecked(direction: Direction): DirectionVerdict {
  // Traffic from or to an external host is checked only at the pod end.
  return { direction, isolated: false, isolatingPolicies: [], allowed: true, allowedBy: [] };
}

export function explainFlow(state: CompiledState, flow: Flow, options: EngineOptions): ExplainedVerdict {
  const src = resolveEndpoint(state, flow.from);
  const dst = resolveEndpoint(state, flow.to);
  if (src.index === dst.index) {
    // A pod cannot block traffic to itself (upstream does not judge loopback pairs).
    return { flow, allowed: true, reason: 'self', egress: notChecked('egress'), ingress: notChecked('ingress'), checks: [], tierChecks: [] };
  }
  const family = judgedFamily(flow, src, dst);
  const judged: Flow = { ...flow, family };
  const out: Explaining = { checks: [], tierChecks: [], warnings: [] };
  const egress = src.pod ? judgeDirection(state, 'egress', src, dst, judged, src, dst, options, out) : notChecked('egress');
  const ingress = dst.pod ? judgeDirection(state, 'ingress', dst, src, judged, src, dst, options, out) : notChecked('ingress');
  const warnings = [...new Set(out.warnings)];
  return {
    flow,
    allowed: egress.allowed && ingress.allowed,
    family,
    reason: 'policies',
    egress,
    ingress,
    checks: out.checks,
    tierChecks: out.tierChecks,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

function directionAllows(state: CompiledState, direction: Direction, self: Endpoint, peer: Endpoint, flow: Flow, src: Endpoint, dst: Endpoint, options: EngineOptions): boolean {
  if (!self.pod) return true;
  const tiers = state.tiers;
  if (tiers) {
    const admin = judgeTier(tiers, 'admin', direction, self, peer, flow, dst.pod, false).effect;
    if (admin === 'allow' || admin === 'deny') return admin === 'allow';
  }
  const np = networkPoliciesAllow(state, direction, self, peer, flow, src, dst, options);
  if (np !== undefined || !tiers) return np ?? true;
  return judgeTier(tiers, 'baseline', direction, self, peer, flow, dst.pod, false).effect !== 'deny';
}

/** The NetworkPolicy tier's answer, or undefined when no NetworkPolicy isolates the pod. */
function networkPoliciesAllow(state: CompiledState, direction: Direction, self: Endpoint, peer: Endpoint, flow: Flow, src: Endpoint, dst: Endpoint, options: EngineOptions): boolean | undefined {
  const policyIndexes = state.isolating(direction, self.index);
  if (policyIndexes.length === 0) return undefined;
  for (const pi of policyIndexes) {
    const policy = state.policies[pi];
    const rules = (direction === 'ingress' ? policy?.ingress : policy?.egress) ?? [];
    for (const rule of rules) {
      if (matchingPeer(rule, peer, flow.family ?? 4) !== -1 && matchingPort(rule, flow, dst, src, direction, options) !== -1) return true;
    }
  }
  return false;
}

/** The same decision as explainFlow(...).allowed, without building the explanation. */
export function flowAllowed(state: CompiledState, flow: Flow, options: EngineOptions): boolean {
  const src = resolveEndpoint(state, flow.from);
  const dst = resolveEndpoint(state, flow.to);
  if (src.index === dst.index) return true;
  const judged = flow.family !== undefined ? flow : { ...flow, family: judgedFamily(flow, src, dst) };
  return directionAllows(state, 'egress', src, dst, judged, src, dst, options) && directionAllows(state, 'ingress', dst, src, judged, src, dst, options);
}
