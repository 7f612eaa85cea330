// The fast path's building blocks: bitset operations (against bit-by-bit arithmetic) and endpoint
// classes (which pods fall together, and which one thing is enough to set a pod apart).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { bitIndexes, countBits, emptyBits, hasBit, setBit, setRange, transpose, wordsFor } from '../../src/engine/fast/bitset.js';
import { FastEngine } from '../../src/engine/fast/fast-engine.js';
import type { ContainerPort, KubeObject, NetworkPolicy } from '../../src/model/api.js';
import { buildTopology } from '../../src/model/build-topology.js';
import { Random } from '../../src/generate/random.js';
import { netpol, ns, pod } from './cases.js';
import { cnp } from './tier-cases.js';
import type { ClusterPolicy } from '../../src/model/cluster-policy.js';

describe('bitsets', () => {
  it('setRange sets exactly start..end-1, across and within words', () => {
    for (const [start, end] of [[0, 0], [0, 1], [3, 31], [0, 32], [31, 33], [5, 100], [32, 64], [63, 64], [64, 65]] as const) {
      const bits = emptyBits(130);
      setRange(bits, start, end);
      expect(bitIndexes(bits), `${start}..${end}`).to.deep.equal(Array.from({ length: end - start }, (_, i) => start + i));
      expect(countBits(bits)).to.equal(end - start);
    }
  });

  it('transpose moves bit j of row i to bit i of row j, for sizes that are not multiples of 32', () => {
    const r = new Random(42);
    const random = (): number => r.int(1000) / 1000;
    for (const size of [1, 5, 31, 32, 33, 64, 70, 100]) {
      const words = wordsFor(size);
      const matrix = new Uint32Array(size * words);
      const set: [number, number][] = [];
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < size; j++) {
          if (random() < 0.3) {
            setBit(matrix.subarray(i * words, i * words + words), j);
            set.push([i, j]);
          }
        }
      }
      const t = transpose(matrix, size, words);
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < size; j++) {
          const expected = set.some(([a, b]) => a === j && b === i);
          expect(hasBit(t.subarray(i * words, i * words + words), j), `size ${size} (${i},${j})`).to.equal(expected);
        }
      }
    }
  });
});

describe('endpoint classes', () => {
  const http: ContainerPort[] = [{ name: 'http', containerPort: 80 }];
  const replicas = (n: number, extra: Partial<{ labels: Record<string, string>; ports: ContainerPort[]; ip: (i: number) => string }> = {}): KubeObject[] =>
    Array.from({ length: n }, (_, i) => pod('a', `web-${i}`, extra.labels ?? { app: 'web', hash: `h${i}` }, extra.ports ?? http, extra.ip?.(i) ?? `10.1.0.${i + 1}`));
  const classes = (objects: KubeObject[], policies: NetworkPolicy[], options = {}, clusterPolicies: ClusterPolicy[] = []): number =>
    new FastEngine({ topology: buildTopology(objects), policies, clusterPolicies }, options).classCount;
  const selectsWeb = netpol('a', 'p', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 'http' }] }] });

  it('replicas form one class, whatever their labels no selector reads (a hash per pod) and their addresses', () => {
    expect(classes([ns('a'), ...replicas(50)], [selectsWeb])).to.equal(1);
  });

  it('one odd pod is its own class: a label value a selector names, a named port, a namespace, an ipBlock', () => {
    const base = [ns('a'), ns('b'), ...replicas(20)];
    expect(classes([...base, pod('a', 'odd', { app: 'api' }, http, '10.1.1.1')], [selectsWeb])).to.equal(2);
    expect(classes([...base, pod('a', 'odd', { app: 'web' }, [{ name: 'http', containerPort: 8080 }], '10.1.1.1')], [selectsWeb])).to.equal(2);
    expect(classes([...base, pod('b', 'odd', { app: 'web' }, http, '10.1.1.1')], [selectsWeb])).to.equal(2);
    const byAddress = netpol('a', 'q', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.1.0.0/28', except: ['10.1.0.4/30'] } }] }] });
    // 10.1.0.1-3 and 8-15 in the block; 4-7 excepted and 16-20 outside are alike: two classes.
    expect(classes(base, [selectsWeb, byAddress])).to.equal(2);
    // A second block through them: in both (1-3), only the second (4-7), only the first (8-15), neither.
    const second = netpol('a', 'r', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.1.0.0/29' } }] }] });
    expect(classes(base, [selectsWeb, byAddress, second])).to.equal(4);
    // Unless ipBlocks do not match pod addresses: then addresses never matter.
    expect(classes(base, [selectsWeb, byAddress], { ipBlockMatchesPodIps: false })).to.equal(1);
  });

  it('a label value no selector names is "some other value": it splits nothing from other unnamed values', () => {
    const pods = [ns('a'), pod('a', 'x', { app: 'one' }, http, '10.1.0.1'), pod('a', 'y', { app: 'two' }, http, '10.1.0.2'), pod('a', 'z', {}, http, '10.1.0.3')];
    // app=one and app=two are both "not web"; no app label at all differs (DoesNotExist tells them apart).
    expect(classes(pods, [selectsWeb])).to.equal(2);
  });

  it('the cluster-scoped policies split classes too: their pod labels, named ports and networks (by address, whatever the ipBlock option)', () => {
    const base = [ns('a'), ...replicas(20)];
    const byLabel = cnp('l', 'Admin', 1, { pods: { podSelector: { matchLabels: { hash: 'h3' } } } }, { ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] });
    expect(classes(base, [], {}, [byLabel])).to.equal(2);
    const byNamedPort = cnp('n', 'Baseline', 1, { namespaces: {} }, { egress: [{ action: 'Deny', to: [{ namespaces: {} }], protocols: [{ destinationNamedPort: 'http' }] }] });
    expect(classes([...base, pod('a', 'odd', { app: 'web' }, [{ name: 'http', containerPort: 8080 }], '10.1.1.1')], [], {}, [byNamedPort])).to.equal(2);
    const byNetwork = cnp('w', 'Admin', 2, { namespaces: {} }, { egress: [{ action: 'Pass', to: [{ networks: ['10.1.0.0/29'] }] }] });
    // 10.1.0.1-7 in the network, 8-20 outside; the NetworkPolicy option does not apply to networks.
    expect(classes(base, [], { ipBlockMatchesPodIps: false }, [byNetwork])).to.equal(2);
  });
});
