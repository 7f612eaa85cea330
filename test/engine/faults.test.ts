// The engine faults (src/engine/options.ts ENGINE_FAULTS) each reproduce one past plugin bug. Each
// must change exactly the verdicts that bug changes, and nothing else: the whole matrix with and
// without the fault is compared, flow by flow.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { ENGINE_FAULTS, isEngineFault, type EngineFault } from '../../src/engine/index.js';
import { formatPort, parsePort } from '../../src/model/notation.js';
import type { KubeObject } from '../../src/model/api.js';
import type { PortSpec } from '../../src/model/topology.js';
import { BASE, engineFor, netpol, ns, pod } from './cases.js';

/** Flows (`from -> to port`) whose verdict differs with the fault; `+` now allowed, `-` now denied. */
function faultDiff(objects: readonly KubeObject[], ports: readonly string[], fault: EngineFault): string[] {
  const specs: PortSpec[] = ports.map((p) => parsePort(p, 'test'));
  const spec = engineFor(objects).matrix(specs);
  const faulty = engineFor(objects, undefined, { fault }).matrix(specs);
  const n = spec.endpoints.length;
  const diff: string[] = [];
  specs.forEach((port, p) => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const before = spec.allowed[p]?.[i * n + j];
        const after = faulty.allowed[p]?.[i * n + j];
        if (before !== after) diff.push(`${after === 1 ? '+' : '-'} ${spec.endpoints[i]} -> ${spec.endpoints[j]} ${formatPort(port)}`);
      }
    }
  });
  return diff.sort();
}

const OTHERS_TO_XA = (sign: string, port: string): string[] =>
  ['backup', 'laptop', 'remote', 'v6host', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/b', 'z/c'].map((from) => `${sign} ${from} -> x/a ${port}`);

const a = { matchLabels: { pod: 'a' } };

describe('engine faults', () => {
  it('every fault has a description and is recognised by name', () => {
    expect(Object.keys(ENGINE_FAULTS).sort()).to.deep.equal(['except-ignored', 'named-port-on-source', 'protocol-any']);
    for (const [name, text] of Object.entries(ENGINE_FAULTS)) {
      expect(isEngineFault(name)).to.equal(true);
      expect(text).to.match(/bug/);
    }
    expect(isEngineFault('nope')).to.equal(false);
    expect(isEngineFault('toString')).to.equal(false);
  });

  it('protocol-any: a port without protocol also opens UDP and SCTP on that port, and only there', () => {
    const objects = [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ ports: [{ port: 80 }, { protocol: 'UDP', port: 53 }] }] })];
    const diff = faultDiff(objects, ['80/TCP', '80/UDP', '80/SCTP', '81/UDP', '53/TCP', '53/UDP'], 'protocol-any');
    expect(diff).to.deep.equal([...OTHERS_TO_XA('+', '80/SCTP'), ...OTHERS_TO_XA('+', '80/UDP')].sort());
  });

  it('protocol-any: ports [{}] then matches every protocol', () => {
    const objects = [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ ports: [{}] }] })];
    expect(faultDiff(objects, ['99/TCP', '99/UDP'], 'protocol-any')).to.deep.equal(OTHERS_TO_XA('+', '99/UDP').sort());
  });

  it('except-ignored: the excepted addresses get in, nothing else changes', () => {
    const objects = [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ from: [{ ipBlock: { cidr: '192.168.5.0/24', except: ['192.168.5.16/28'] } }] }] })];
    expect(faultDiff(objects, ['80/TCP', '53/UDP'], 'except-ignored')).to.deep.equal(['+ laptop -> x/a 53/UDP', '+ laptop -> x/a 80/TCP']);
  });

  it('except-ignored: on egress, and on pod addresses', () => {
    const objects = [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.2.0.0/16'] } }] }] })];
    expect(faultDiff(objects, ['80/TCP'], 'except-ignored')).to.deep.equal(['+ x/a -> y/a 80/TCP', '+ x/a -> y/b 80/TCP', '+ x/a -> y/c 80/TCP']);
  });

  describe('named-port-on-source', () => {
    // dst serves web=8080, src serves web=7070, bare serves no `web`.
    const objects: KubeObject[] = [
      ns('n'),
      pod('n', 'dst', { role: 'dst' }, [{ name: 'web', containerPort: 8080 }], '10.9.0.1'),
      pod('n', 'src', { role: 'src' }, [{ name: 'web', containerPort: 7070 }], '10.9.0.2'),
      pod('n', 'bare', { role: 'src' }, [], '10.9.0.3'),
    ];
    const ingressNamed = [...objects, netpol('n', 'p', { podSelector: { matchLabels: { role: 'dst' } }, ingress: [{ ports: [{ port: 'web' }] }] })];

    it('ingress named ports resolve on the source: the source number opens, the destination number closes', () => {
      expect(faultDiff(ingressNamed, ['7070/TCP', '8080/TCP'], 'named-port-on-source')).to.deep.equal(
        [
          '+ n/src -> n/dst 7070/TCP',
          '- n/src -> n/dst 8080/TCP',
          '- n/bare -> n/dst 8080/TCP', // no `web` on the source at all
          ...['backup', 'laptop', 'remote', 'v6host'].map((e) => `- ${e} -> n/dst 8080/TCP`), // external sources have no ports
        ].sort(),
      );
    });

    it('egress named ports are unaffected (they resolve on the destination peer either way)', () => {
      const egressNamed = [...objects, netpol('n', 'p', { podSelector: { matchLabels: { role: 'src' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'web' }] }] })];
      expect(faultDiff(egressNamed, ['7070/TCP', '8080/TCP'], 'named-port-on-source')).to.deep.equal([]);
    });

    it('numeric ports are unaffected', () => {
      const numeric = [...objects, netpol('n', 'p', { podSelector: { matchLabels: { role: 'dst' } }, ingress: [{ ports: [{ port: 8080 }] }] })];
      expect(faultDiff(numeric, ['7070/TCP', '8080/TCP'], 'named-port-on-source')).to.deep.equal([]);
    });
  });

  it('each fault leaves a state without the feature it breaks unchanged', () => {
    const plain = [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: 'y' } } }], ports: [{ protocol: 'TCP', port: 80 }] }] })];
    for (const fault of Object.keys(ENGINE_FAULTS) as EngineFault[]) {
      expect(faultDiff(plain, ['80/TCP', '80/UDP'], fault), fault).to.deep.equal([]);
    }
  });
});
