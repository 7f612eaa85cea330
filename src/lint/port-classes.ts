// Ports that stand for all the others. The rules' port ranges cut each protocol's ports into
// classes no rule tells apart, so one port of each class judges every port exactly; a named port
// resolves to the destination pod's container ports, which are classes of their own. The
// destination's ports come first, so that a finding names a port someone serves where it can.
import type { Protocol } from '../model/api.js';
import type { TierPort } from '../model/tier-rules.js';
import type { PodSpec } from '../model/topology.js';

export interface PortRange {
  protocol: Protocol;
  from: number;
  to: number;
}

export interface ProbePort {
  port: number;
  protocol: Protocol;
}

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export function representativePorts(ranges: readonly PortRange[], destination: PodSpec | undefined): ProbePort[] {
  const out = new Map<string, ProbePort>();
  const add = (port: number, protocol: Protocol): void => {
    const key = `${port}/${protocol}`;
    if (port >= 1 && port <= 65535 && !out.has(key)) out.set(key, { port, protocol });
  };
  const served = destination?.ports ?? [];
  for (const p of served) add(p.port, p.protocol);
  // Each class starts at 1, at a range's first port, one past its last, or one past a served port.
  for (const protocol of PROTOCOLS) add(1, protocol);
  for (const r of ranges) {
    add(r.from, r.protocol);
    add(r.to + 1, r.protocol);
  }
  for (const p of served) add(p.port + 1, p.protocol);
  return [...out.values()];
}

/** The numeric ranges among a cluster-scoped rule's ports (a whole protocol cuts nothing). */
export function tierPortRanges(ports: readonly TierPort[] | undefined): PortRange[] {
  return (ports ?? []).flatMap((p) => (p.kind === 'range' ? [{ protocol: p.protocol, from: p.from, to: p.to }] : []));
}
