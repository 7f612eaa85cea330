// Every port of every protocol, in classes: the numbers and ranges policies name, the numbers that
// named ports resolve to on some pod, and the stretches between them, where nothing can tell one
// port from another. The verdict on a class's first port is the verdict on all of it, so the
// connections of a pair on every port come from a few matrices. Used to compare whole connection
// sets with tools that list them (netpol-analyzer).
import { PROTOCOLS, type NetworkPolicy, type PortSpec, type Protocol, type Topology } from '../src/index.js';

export interface PortClass extends PortSpec {
  /** Last port of the class (inclusive); `port` is the first. */
  end: number;
}

export function portClasses(topology: Topology, policies: readonly NetworkPolicy[]): PortClass[] {
  const cuts = new Map<Protocol, Set<number>>(PROTOCOLS.map((p) => [p, new Set([1, 65536])]));
  const named = new Set<string>();
  const cut = (protocols: readonly Protocol[], from: number, to: number): void => {
    for (const p of protocols) {
      cuts.get(p)?.add(from);
      cuts.get(p)?.add(to + 1);
    }
  };
  for (const policy of policies) {
    for (const rule of [...(policy.spec.ingress ?? []), ...(policy.spec.egress ?? [])]) {
      for (const port of rule.ports ?? []) {
        // Without a protocol an entry is TCP; cutting every protocol keeps faults that read it as any exact too.
        const protocols = port.protocol ? [port.protocol] : PROTOCOLS;
        if (port.port === undefined) continue;
        if (typeof port.port === 'string' && !/^\d+$/.test(port.port)) named.add(port.port);
        else cut(protocols, Number(port.port), port.endPort ?? Number(port.port));
      }
    }
  }
  for (const pod of topology.pods) for (const p of pod.ports) if (p.name !== undefined && named.has(p.name)) cut(PROTOCOLS, p.port, p.port);
  const classes: PortClass[] = [];
  for (const protocol of PROTOCOLS) {
    const sorted = [...(cuts.get(protocol) ?? [])].filter((n) => n >= 1 && n <= 65536).sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) classes.push({ port: sorted[i] ?? 1, end: (sorted[i + 1] ?? 65536) - 1, protocol });
  }
  return classes;
}
