// The ports lint judges in place of all others (src/lint/port-classes.ts): every port of every
// protocol must look, to every range and every served (named) port, like one of them, or a check
// built on them would miss a connection.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { representativePorts, type PortRange } from '../../src/lint/port-classes.js';
import type { Protocol } from '../../src/model/api.js';
import type { PodSpec } from '../../src/model/topology.js';
import { Random } from '../../src/generate/random.js';

const PROTOCOLS: Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** What a rule can tell about a port: which ranges hold it, and whether the destination serves it. */
function signature(port: number, protocol: Protocol, ranges: readonly PortRange[], destination: PodSpec): string {
  const inRanges = ranges.map((r) => (r.protocol === protocol && port >= r.from && port <= r.to ? '1' : '0')).join('');
  const served = destination.ports.filter((p) => p.port === port && p.protocol === protocol).map((p) => p.name ?? '');
  return `${protocol}:${inRanges}:${served.join(',')}`;
}

describe('representative ports', () => {
  it('stand for every port on random ranges and served ports (200 cases)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = new Random(seed);
      const port = (): number => (random.chance(0.3) ? random.pick([1, 2, 65534, 65535]) : random.within([1, 65535]));
      const ranges = Array.from({ length: random.within([0, 5]) }, (): PortRange => {
        const a = port();
        const b = random.chance(0.4) ? a : Math.min(65535, a + random.within([0, 3000]));
        return { protocol: random.pick(PROTOCOLS), from: a, to: b };
      });
      const destination: PodSpec = {
        namespace: 'ns',
        name: 'pod',
        labels: {},
        ip: '10.0.0.1',
        ports: Array.from({ length: random.within([0, 3]) }, (_, i) => ({ port: random.chance(0.5) && ranges[0] ? ranges[0].from : port(), protocol: random.pick(PROTOCOLS), name: `p${i}` })),
      };
      const reps = new Set(representativePorts(ranges, destination).map((r) => signature(r.port, r.protocol, ranges, destination)));
      const probes = [...ranges.flatMap((r) => [r.from - 1, r.from, r.to, r.to + 1]), ...destination.ports.flatMap((p) => [p.port - 1, p.port, p.port + 1]), ...Array.from({ length: 300 }, port)];
      for (const protocol of PROTOCOLS) {
        for (const p of probes.filter((n) => n >= 1 && n <= 65535)) {
          expect(reps.has(signature(p, protocol, ranges, destination)), `seed ${seed}: ${p}/${protocol} has no representative`).to.equal(true);
        }
      }
    }
  });

  it('lists the ports the destination serves first', () => {
    const destination: PodSpec = { namespace: 'ns', name: 'pod', labels: {}, ip: '10.0.0.1', ports: [{ port: 8080, protocol: 'TCP', name: 'http' }] };
    expect(representativePorts([{ protocol: 'UDP', from: 53, to: 53 }], destination)[0]).to.deep.equal({ port: 8080, protocol: 'TCP' });
  });
});
