// Flows and what is known about them: verdicts (what the spec says, with the rules behind them)
// and observations (what a target saw), both reduced to a reachability.
import type { Protocol } from './api.js';
import type { IpFamily } from './cidr.js';
import type { EndpointId } from './topology.js';
import type { Tier } from './cluster-policy.js';

export interface Flow {
  from: EndpointId;
  to: EndpointId;
  port: number;
  protocol: Protocol;
  /**
   * The address family the flow travels in. Absent: the destination's primary family when the
   * source has an address of it, else the other one (model/topology.ts flowFamily).
   */
  family?: IpFamily;
}

export function flowKey(f: Flow): string {
  return `${f.from}>${f.to}:${f.port}/${f.protocol}${f.family !== undefined ? `/IPv${f.family}` : ''}`;
}

export type Direction = 'ingress' | 'egress';

/** Which policy rule let a flow through, by index (rule, and the peer and port inside it). */
export interface RuleRef {
  /** The policy's key, `namespace/name`. */
  policy: string;
  rule: number;
  /** Index in from/to; absent when the rule has no peers (all peers). */
  peer?: number;
  /** Index in ports; absent when the rule has no ports (all ports). */
  port?: number;
}

export interface DirectionVerdict {
  direction: Direction;
  /** The pod whose policies were consulted, or undefined when that end is an external host. */
  pod?: EndpointId;
  isolated: boolean;
  /** Policies (namespace/name) that select the pod and take effect in this direction. */
  isolatingPolicies: string[];
  allowed: boolean;
  /** Every NetworkPolicy rule that allowed the flow (empty when denied or when not isolated). */
  allowedBy: RuleRef[];
  /**
   * Which tier decided (absent: the NetworkPolicy tier or the default, as before cluster-scoped
   * policies): `admin` or `baseline` when a ClusterNetworkPolicy / AdminNetworkPolicy /
   * BaselineAdminNetworkPolicy rule did, with that rule in `tierRule`.
   */
  decidedBy?: DecidingTier;
  tierRule?: TierRuleRef;
  /** Admin rules whose Pass sent the flow on to the NetworkPolicy tier (at most one). */
  passedBy?: TierRuleRef[];
}

export interface Verdict {
  flow: Flow;
  allowed: boolean;
  /** The address family the flow was judged in (ipBlocks match the address of that family). */
  family?: IpFamily;
  /** `self`: a pod talking to itself is always allowed and never judged by policies. */
  reason: 'policies' | 'self';
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
  /**
   * What a reader must know about this verdict: same-priority policies that disagree (the API
   * leaves the choice to the implementation), or a peer kind this engine does not model.
   */
  warnings?: string[];
}

export type Reachability = 'allowed' | 'denied' | 'unknown';

export type ProbeOutcome = 'connected' | 'refused' | 'timeout' | 'error';

/** What a target saw for one flow. The sim target observes verdicts; real targets probe. */
export type Observation =
  | { kind: 'verdict'; flow: Flow; verdict: Verdict }
  | {
      kind: 'probe';
      flow: Flow;
      outcome: ProbeOutcome;
      elapsedMs: number;
      attempts: number;
      detail?: string;
      /** A command a person can run to reproduce this probe (kubectl exec ..., ip netns exec ...). */
      reproduce?: string;
      /** When that command works, if not always (`only while the run lasts: run with --keep ...`). */
      reproduceWhen?: string;
    };

export function observedReachability(o: Observation): Reachability {
  switch (o.kind) {
    case 'verdict':
      return o.verdict.allowed ? 'allowed' : 'denied';
    case 'probe':
      switch (o.outcome) {
        case 'connected':
          return 'allowed';
        case 'refused':
        case 'timeout':
          return 'denied';
        case 'error':
          return 'unknown';
      }
  }
}

/** The tier that decided one direction of a flow. */
export type DecidingTier = 'admin' | 'networkpolicy' | 'baseline' | 'default';

/** A rule of a cluster-scoped policy, as verdicts cite it. */
export interface TierRuleRef {
  /** `ClusterNetworkPolicy/name`, `AdminNetworkPolicy/name`, `BaselineAdminNetworkPolicy/default`. */
  policy: string;
  tier: Tier;
  priority: number;
  rule: number;
  ruleName?: string;
  /** The action as written (Accept / Allow / Deny / Pass). */
  action: string;
  /** Index in from/to of the peer that matched. */
  peer: number;
  /** Index in protocols/ports of the entry that matched; absent when the rule has none (all ports). */
  port?: number;
}
