// docs/semantics.md "Peers" (selectors) and "Label selectors": podSelector alone, namespaceSelector
// alone, both in one peer versus two peers, the kubernetes.io/metadata.name label, matchLabels and
// the four matchExpressions operators, including NotIn / DoesNotExist on missing keys.
// Base labels: namespaces x {ns:x, env:prod}, y {ns:y, env:dev}, z {ns:z}; pods a {pod:a, app:web},
// b {pod:b, app:api}, c {pod:c} (no `app`).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { createEngine } from '../../src/engine/index.js';
import type { LabelSelector, NetworkPolicyPeer } from '../../src/model/api.js';
import type { Topology } from '../../src/model/topology.js';
import { BASE, netpol, ns, pod, runCases, type EngineCase } from './cases.js';

const a = { matchLabels: { pod: 'a' } };
/** x/a's ingress allows exactly these peers (any port). */
const ingressFrom = (...from: NetworkPolicyPeer[]) => [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ from }] })];
/** x/a's egress allows exactly these peers (any port). */
const egressTo = (...to: NetworkPolicyPeer[]) => [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Egress'], egress: [{ to }] })];
/** Pods of x selected by a policy podSelector get isolated: who is isolated tells whether it matched. */
const isolating = (podSelector: LabelSelector) => [...BASE, netpol('x', 'p', { podSelector, policyTypes: ['Ingress'] })];

const cases: EngineCase[] = [
  // podSelector alone: pods of the policy's namespace only.
  { description: 'podSelector alone matches in the policy namespace', objects: ingressFrom({ podSelector: { matchLabels: { pod: 'b' } } }), flow: 'x/b -> x/a 80/TCP', expected: 'allowed' },
  { description: 'podSelector alone never matches another namespace', objects: ingressFrom({ podSelector: { matchLabels: { pod: 'b' } } }), flow: 'y/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'podSelector {} alone: every pod of the policy namespace', objects: ingressFrom({ podSelector: {} }), flow: 'x/c -> x/a 80/TCP', expected: 'allowed' },
  { description: 'podSelector {} alone: not other namespaces', objects: ingressFrom({ podSelector: {} }), flow: 'z/c -> x/a 80/TCP', expected: 'denied' },
  { description: 'podSelector alone: egress peer in the policy namespace', objects: egressTo({ podSelector: { matchLabels: { pod: 'c' } } }), flow: 'x/a -> x/c 80/TCP', expected: 'allowed' },
  { description: 'podSelector alone: egress peer elsewhere denied', objects: egressTo({ podSelector: { matchLabels: { pod: 'c' } } }), flow: 'x/a -> y/c 80/TCP', expected: 'denied' },

  // namespaceSelector alone: all pods of matching namespaces.
  { description: 'namespaceSelector alone: any pod of a matching namespace', objects: ingressFrom({ namespaceSelector: { matchLabels: { env: 'dev' } } }), flow: 'y/c -> x/a 80/TCP', expected: 'allowed' },
  { description: 'namespaceSelector alone: not a non-matching namespace', objects: ingressFrom({ namespaceSelector: { matchLabels: { env: 'dev' } } }), flow: 'z/a -> x/a 80/TCP', expected: 'denied' },
  { description: 'namespaceSelector alone: not the policy namespace unless it matches', objects: ingressFrom({ namespaceSelector: { matchLabels: { env: 'dev' } } }), flow: 'x/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'namespaceSelector {}: every namespace', objects: ingressFrom({ namespaceSelector: {} }), flow: 'z/c -> x/a 80/TCP', expected: 'allowed' },
  { description: 'namespaceSelector {}: never an external host', objects: ingressFrom({ namespaceSelector: {} }), flow: 'backup -> x/a 80/TCP', expected: 'denied' },
  { description: 'namespaceSelector {} + podSelector {}: every pod, never an external host', objects: egressTo({ namespaceSelector: {}, podSelector: {} }), flow: 'x/a -> remote 80/TCP', expected: 'denied' },
  { description: 'namespaceSelector {} + podSelector {}: every pod', objects: egressTo({ namespaceSelector: {}, podSelector: {} }), flow: 'x/a -> z/c 80/TCP', expected: 'allowed' },

  // Both in ONE peer: AND. Two peers: OR.
  ...((): EngineCase[] => {
    const both = ingressFrom({ namespaceSelector: { matchLabels: { ns: 'y' } }, podSelector: { matchLabels: { pod: 'b' } } });
    const two = ingressFrom({ namespaceSelector: { matchLabels: { ns: 'y' } } }, { podSelector: { matchLabels: { pod: 'b' } } });
    return [
      { description: 'both in one peer: matching pod in matching namespace', objects: both, flow: 'y/b -> x/a 80/TCP', expected: 'allowed' },
      { description: 'both in one peer: other pod in matching namespace', objects: both, flow: 'y/c -> x/a 80/TCP', expected: 'denied' },
      { description: 'both in one peer: matching pod in the policy namespace', objects: both, flow: 'x/b -> x/a 80/TCP', expected: 'denied' },
      { description: 'both in one peer: matching pod in a third namespace', objects: both, flow: 'z/b -> x/a 80/TCP', expected: 'denied' },
      { description: 'two peers: any pod of the selected namespace', objects: two, flow: 'y/c -> x/a 80/TCP', expected: 'allowed' },
      { description: 'two peers: the matching pod of the policy namespace', objects: two, flow: 'x/b -> x/a 80/TCP', expected: 'allowed' },
      { description: 'two peers: a matching pod in a third namespace is neither', objects: two, flow: 'z/b -> x/a 80/TCP', expected: 'denied' },
    ];
  })(),

  // The automatic namespace label.
  { description: 'kubernetes.io/metadata.name selects a namespace by name', objects: ingressFrom({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'z' } } }), flow: 'z/c -> x/a 80/TCP', expected: 'allowed' },
  { description: 'kubernetes.io/metadata.name selects only that namespace', objects: ingressFrom({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'z' } } }), flow: 'y/c -> x/a 80/TCP', expected: 'denied' },
  {
    description: 'kubernetes.io/metadata.name exists on an implicit namespace (no Namespace object)',
    objects: [...BASE, pod('w', 'a', { pod: 'a' }, [], '10.4.0.1'), netpol('x', 'p', { podSelector: a, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'w' } } }] }] })],
    flow: 'w/a -> x/a 80/TCP',
    expected: 'allowed',
  },
  {
    description: 'kubernetes.io/metadata.name cannot be overridden by a declared label',
    objects: [...BASE.filter((o) => !(o.kind === 'Namespace' && o.metadata.name === 'y')), ns('y', { ns: 'y', 'kubernetes.io/metadata.name': 'z' }), netpol('x', 'p', { podSelector: a, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'z' } } }] }] })],
    flow: 'y/b -> x/a 80/TCP',
    expected: 'denied',
  },

  // matchLabels: every pair must match.
  { description: 'matchLabels with two keys, both match', objects: ingressFrom({ namespaceSelector: {}, podSelector: { matchLabels: { pod: 'b', app: 'api' } } }), flow: 'z/b -> x/a 80/TCP', expected: 'allowed' },
  { description: 'matchLabels with two keys, one differs', objects: ingressFrom({ namespaceSelector: {}, podSelector: { matchLabels: { pod: 'b', app: 'web' } } }), flow: 'z/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'matchLabels with a key the pod lacks', objects: ingressFrom({ namespaceSelector: {}, podSelector: { matchLabels: { pod: 'c', app: '' } } }), flow: 'z/c -> x/a 80/TCP', expected: 'denied' },

  // matchExpressions: In, NotIn, Exists, DoesNotExist (on pods).
  ...((): EngineCase[] => {
    const expr = (operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist', values?: string[]) =>
      ingressFrom({ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: 'app', operator, ...(values ? { values } : {}) }] } });
    return [
      { description: 'In: value in the set', objects: expr('In', ['api', 'db']), flow: 'y/b -> x/a 80/TCP', expected: 'allowed' },
      { description: 'In: value not in the set', objects: expr('In', ['api', 'db']), flow: 'y/a -> x/a 80/TCP', expected: 'denied' },
      { description: 'In: key missing never matches', objects: expr('In', ['api', 'db']), flow: 'y/c -> x/a 80/TCP', expected: 'denied' },
      { description: 'NotIn: value in the set', objects: expr('NotIn', ['api']), flow: 'y/b -> x/a 80/TCP', expected: 'denied' },
      { description: 'NotIn: value not in the set', objects: expr('NotIn', ['api']), flow: 'y/a -> x/a 80/TCP', expected: 'allowed' },
      { description: 'NotIn: key missing matches', objects: expr('NotIn', ['api']), flow: 'y/c -> x/a 80/TCP', expected: 'allowed' },
      { description: 'Exists: key present', objects: expr('Exists'), flow: 'z/a -> x/a 80/TCP', expected: 'allowed' },
      { description: 'Exists: key missing', objects: expr('Exists'), flow: 'z/c -> x/a 80/TCP', expected: 'denied' },
      { description: 'DoesNotExist: key present', objects: expr('DoesNotExist'), flow: 'z/b -> x/a 80/TCP', expected: 'denied' },
      { description: 'DoesNotExist: key missing matches', objects: expr('DoesNotExist'), flow: 'z/c -> x/a 80/TCP', expected: 'allowed' },
    ];
  })(),

  // matchExpressions on namespaces (z lacks `env`).
  ...((): EngineCase[] => {
    const nsExpr = (operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist', values?: string[]) =>
      ingressFrom({ namespaceSelector: { matchExpressions: [{ key: 'env', operator, ...(values ? { values } : {}) }] } });
    return [
      { description: 'namespace In', objects: nsExpr('In', ['dev']), flow: 'y/a -> x/a 80/TCP', expected: 'allowed' },
      { description: 'namespace In: key missing', objects: nsExpr('In', ['dev']), flow: 'z/a -> x/a 80/TCP', expected: 'denied' },
      { description: 'namespace NotIn: key missing matches', objects: nsExpr('NotIn', ['dev']), flow: 'z/a -> x/a 80/TCP', expected: 'allowed' },
      { description: 'namespace NotIn: value in the set', objects: nsExpr('NotIn', ['dev']), flow: 'y/a -> x/a 80/TCP', expected: 'denied' },
      { description: 'namespace Exists', objects: nsExpr('Exists'), flow: 'x/b -> x/a 80/TCP', expected: 'allowed' },
      { description: 'namespace Exists: key missing', objects: nsExpr('Exists'), flow: 'z/b -> x/a 80/TCP', expected: 'denied' },
      { description: 'namespace DoesNotExist: key missing matches', objects: nsExpr('DoesNotExist'), flow: 'z/b -> x/a 80/TCP', expected: 'allowed' },
      { description: 'namespace DoesNotExist: key present', objects: nsExpr('DoesNotExist'), flow: 'y/b -> x/a 80/TCP', expected: 'denied' },
    ];
  })(),

  // matchLabels AND matchExpressions.
  { description: 'matchLabels and matchExpressions both hold', objects: ingressFrom({ namespaceSelector: {}, podSelector: { matchLabels: { pod: 'b' }, matchExpressions: [{ key: 'app', operator: 'Exists' }] } }), flow: 'y/b -> x/a 80/TCP', expected: 'allowed' },
  { description: 'matchLabels holds, matchExpressions does not', objects: ingressFrom({ namespaceSelector: {}, podSelector: { matchLabels: { pod: 'c' }, matchExpressions: [{ key: 'app', operator: 'Exists' }] } }), flow: 'y/c -> x/a 80/TCP', expected: 'denied' },
  { description: 'two expressions are ANDed', objects: ingressFrom({ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }, { key: 'pod', operator: 'NotIn', values: ['b'] }] } }), flow: 'y/b -> x/a 80/TCP', expected: 'denied' },

  // The same operators in the policy's own podSelector (which pods it isolates).
  { description: 'policy podSelector NotIn isolates pods lacking the key', objects: isolating({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }), flow: 'y/a -> x/c 80/TCP', expected: 'denied' },
  { description: 'policy podSelector NotIn leaves pods with a listed value alone', objects: isolating({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }), flow: 'y/a -> x/a 80/TCP', expected: 'allowed' },
  { description: 'policy podSelector DoesNotExist isolates pods lacking the key', objects: isolating({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }), flow: 'y/a -> x/c 80/TCP', expected: 'denied' },
  { description: 'policy podSelector DoesNotExist leaves pods with the key alone', objects: isolating({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }), flow: 'y/a -> x/b 80/TCP', expected: 'allowed' },
  { description: 'policy podSelector In isolates matching pods', objects: isolating({ matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] }), flow: 'y/a -> x/b 80/TCP', expected: 'denied' },
  { description: 'policy podSelector Exists leaves pods lacking the key alone', objects: isolating({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }), flow: 'y/a -> x/c 80/TCP', expected: 'allowed' },
];

describe('engine: selector peers and label selectors', () => runCases(cases));

describe('engine: kubernetes.io/metadata.name on a topology built by other means', () => {
  // A Topology handed to the engine directly (a pod added to a new namespace by a later step, or a
  // builder that forgot the label): every namespace still carries its name label (docs/semantics.md).
  const topology: Topology = {
    namespaces: [{ name: 'x', labels: { ns: 'x' } }], // listed without the automatic label
    pods: [
      { namespace: 'x', name: 'a', labels: { pod: 'a' }, ip: '10.1.0.1', ports: [] },
      { namespace: 'x', name: 'b', labels: { pod: 'b' }, ip: '10.1.0.2', ports: [] },
      { namespace: 'q', name: 'b', labels: { pod: 'b' }, ip: '10.9.0.2', ports: [] }, // namespace q not listed
    ],
    externals: [],
  };
  const byName = (name: string) => netpol('x', 'p', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } }] }] });
  const table: { description: string; policy: string; from: string; expected: boolean }[] = [
    { description: 'a namespace the topology does not list', policy: 'q', from: 'q/b', expected: true },
    { description: 'a listed namespace whose labels lack it', policy: 'x', from: 'x/b', expected: true },
    { description: 'still only that namespace', policy: 'q', from: 'x/b', expected: false },
  ];
  for (const c of table) {
    it(`${c.description}: ${c.from} -> x/a is ${c.expected ? 'allowed' : 'denied'}`, () => {
      const engine = createEngine({ topology, policies: [byName(c.policy)] });
      const f = { from: c.from, to: 'x/a', port: 80, protocol: 'TCP' as const };
      expect(engine.verdict(f).allowed).to.equal(c.expected);
      expect(engine.isAllowed(f)).to.equal(c.expected);
    });
  }
});
