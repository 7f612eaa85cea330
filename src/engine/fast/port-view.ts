// Policies seen on one destination port: for every policy, the classes its rules allow in each
// direction on that port. A rule's port entries either match the port for every endpoint (numbers,
// ranges, "any"), or match it only where the pod that resolves named ports serves it under that
// name: the destination (the peer for egress, the selected pod for ingress), or the source for
// ingress under the named-port-on-source fault.
import type { PortSpec } from '../../model/topology.js';
import type { EngineOptions } from '../options.js';
import { portMatches, type CompiledPort } from '../ports.js';
import { emptyBits, fullBits, isEmpty, orAndInto, orInto, setBit, type Bits } from './bitset.js';
import type { ClassIndex } from './classes.js';
import type { FastPolicies, FastRule } from './policies.js';

/** An ingress rule whose port is a named port resolved on the selected pod: it allows `peers` to the selected classes in `self`. */
export interface SelfNamedRule {
  self: Bits;
  peers: Bits | undefined;
}

export interface PolicyOnPort {
  /** Destination classes the policy's egress rules allow (undefined: not an egress policy). */
  egress: Bits | undefined;
  /** Source classes the policy's ingress rules allow, whatever the selected pod (undefined: not an ingress policy). */
  ingress: Bits | undefined;
  /** Ingress rules that allow only selected pods serving a named port. */
  ingressNamed: SelfNamedRule[];
}

export interface PortView {
  port: PortSpec;
  policies: PolicyOnPort[];
}

type PortMatch = { kind: 'all' } | { kind: 'none' } | { kind: 'named'; classes: Bits };

/** Resolves port entries against the classes' pods, once per distinct entry and port. */
export class PortResolver {
  private readonly named = new Map<string, Bits>();
  constructor(private readonly index: ClassIndex, private readonly options: EngineOptions) {}

  /** The classes whose pod serves the named entry on `port`. */
  namedClasses(entry: Extract<CompiledPort, { kind: 'named' }>, port: PortSpec): Bits {
    const key = `${entry.name}|${entry.protocol ?? ''}|${port.port}/${port.protocol}`;
    let bits = this.named.get(key);
    if (!bits) {
      bits = emptyBits(this.index.classes.length);
      const classes = this.index.classes;
      for (let c = 0; c < classes.length; c++) {
        if (portMatches(entry, port.port, port.protocol, classes[c]?.pod, this.options.fault)) setBit(bits, c);
      }
      this.named.set(key, bits);
    }
    return bits;
  }

  match(ports: readonly CompiledPort[] | undefined, port: PortSpec): PortMatch {
    if (ports === undefined) return { kind: 'all' };
    let classes: Bits | undefined;
    for (const entry of ports) {
      if (entry.kind !== 'named') {
        if (portMatches(entry, port.port, port.protocol, undefined, this.options.fault)) return { kind: 'all' };
        continue;
      }
      const resolved = this.namedClasses(entry, port);
      if (isEmpty(resolved)) continue;
      if (!classes) classes = emptyBits(this.index.classes.length);
      orInto(classes, resolved);
    }
    return classes ? { kind: 'named', classes } : { kind: 'none' };
  }

  /** What makes two ports judged alike: how every distinct port entry of the policies matches them. */
  signature(policies: FastPolicies, port: PortSpec): string {
    const seen = new Set<string>();
    const parts: string[] = [];
    for (const policy of policies.policies) {
      for (const rule of [...(policy.ingress ?? []), ...(policy.egress ?? [])]) {
        for (const entry of rule.ports ?? []) {
          const key = JSON.stringify(entry);
          if (seen.has(key)) continue;
          seen.add(key);
          if (entry.kind !== 'named') parts.push(portMatches(entry, port.port, port.protocol, undefined, this.options.fault) ? '1' : '0');
          else parts.push(this.namedClasses(entry, port).join(','));
        }
      }
    }
    return parts.join('|');
  }
}

/** `namedOn`: which end resolves named ports, the peer (allowed peers narrow) or the selected pod itself. */
function allowedPeers(rules: readonly FastRule[], port: PortSpec, resolver: PortResolver, size: number, namedOn: 'peer' | 'self'): { allowed: Bits; selfNamed: SelfNamedRule[] } {
  const allowed = emptyBits(size);
  const selfNamed: SelfNamedRule[] = [];
  for (const rule of rules) {
    const match = resolver.match(rule.ports, port);
    if (match.kind === 'none') continue;
    const peers = rule.peers ?? fullBits(size);
    if (match.kind === 'all') orInto(allowed, peers);
    else if (namedOn === 'peer') orAndInto(allowed, peers, match.classes);
    else selfNamed.push({ self: match.classes, peers: rule.peers });
  }
  return { allowed, selfNamed };
}

export function portView(index: ClassIndex, policies: FastPolicies, port: PortSpec, resolver: PortResolver, options: EngineOptions): PortView {
  const size = index.classes.length;
  const namedOnSource = options.fault === 'named-port-on-source';
  const views = policies.policies.map((policy): PolicyOnPort => {
    // Egress: named ports resolve on the destination, the peer. Ingress: on the selected pod itself.
    const egress = policy.egress ? allowedPeers(policy.egress, port, resolver, size, 'peer').allowed : undefined;
    if (!policy.ingress) return { egress, ingress: undefined, ingressNamed: [] };
    const ingress = allowedPeers(policy.ingress, port, resolver, size, namedOnSource ? 'peer' : 'self');
    return { egress, ingress: ingress.allowed, ingressNamed: ingress.selfNamed };
  });
  return { port, policies: views };
}
