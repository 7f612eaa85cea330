// The smaller states a shrink step may try, most promising first: keep only the endpoints and port
// of one disagreeing flow; drop ports, policies, pods, external hosts and namespaces; drop rules,
// peers, port entries, excepts, selector terms, endPorts, protocols and policyTypes entries; drop
// labels and port names. Each candidate is a new state (the input is never changed) with a line
// saying what it removed.
import { policyKey, type LabelSelector, type NetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyPort, type NetworkPolicySpec } from '../model/api.js';
import { formatPort } from '../model/notation.js';
import { podId, type PortSpec, type Topology } from '../model/topology.js';
import type { Flow } from '../model/verdicts.js';

/** A state a fuzz case applies and probes: topology, policies and the probed ports. */
export interface FuzzState {
  topology: Topology;
  policies: NetworkPolicy[];
  ports: PortSpec[];
}

export interface Candidate {
  what: string;
  state: FuzzState;
}

/** A change to one policy, made on a copy. */
interface Edit {
  what: string;
  apply(spec: NetworkPolicySpec): void;
}

type Rules = { key: 'ingress' | 'egress'; peersKey: 'from' | 'to' };
const DIRECTIONS: Rules[] = [
  { key: 'ingress', peersKey: 'from' },
  { key: 'egress', peersKey: 'to' },
];

function rulesOf(spec: NetworkPolicySpec, d: Rules): { peers?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[] {
  const rules = spec[d.key] ?? [];
  return rules.map((r) => ({ ...('from' in r && r.from ? { peers: r.from } : {}), ...('to' in r && r.to ? { peers: r.to } : {}), ...(r.ports ? { ports: r.ports } : {}) }));
}

/** Removes item i of a list; the list disappears with its last item (absent and [] mean the same). */
function removeAt<T extends object, K extends keyof T>(owner: T, key: K, i: number): void {
  const list = owner[key] as unknown[] | undefined;
  list?.splice(i, 1);
  if (list?.length === 0) delete owner[key];
}

function* selectorEdits(where: string, get: (spec: NetworkPolicySpec) => LabelSelector | undefined, selector: LabelSelector | undefined): Generator<Edit> {
  for (const key of Object.keys(selector?.matchLabels ?? {})) {
    yield { what: `${where}: drop matchLabels ${key}`, apply: (s) => { const sel = get(s); if (sel?.matchLabels) { delete sel.matchLabels[key]; if (Object.keys(sel.matchLabels).length === 0) delete sel.matchLabels; } } };
  }
  for (let i = (selector?.matchExpressions?.length ?? 0) - 1; i >= 0; i--) {
    const req = selector?.matchExpressions?.[i];
    yield { what: `${where}: drop ${req?.key} ${req?.operator}`, apply: (s) => { const sel = get(s); if (sel) removeAt(sel, 'matchExpressions', i); } };
  }
}

function* peerEdits(where: string, peer: NetworkPolicyPeer, get: (spec: NetworkPolicySpec) => NetworkPolicyPeer | undefined): Generator<Edit> {
  if (peer.podSelector && peer.namespaceSelector) {
    yield { what: `${where}: drop namespaceSelector`, apply: (s) => { const p = get(s); if (p) delete p.namespaceSelector; } };
    yield { what: `${where}: drop podSelector`, apply: (s) => { const p = get(s); if (p) delete p.podSelector; } };
  }
  yield* selectorEdits(`${where} podSelector`, (s) => get(s)?.podSelector, peer.podSelector);
  yield* selectorEdits(`${where} namespaceSelector`, (s) => get(s)?.namespaceSelector, peer.namespaceSelector);
  for (let e = (peer.ipBlock?.except?.length ?? 0) - 1; e >= 0; e--) {
    yield { what: `${where}: drop except ${peer.ipBlock?.except?.[e]}`, apply: (s) => { const b = get(s)?.ipBlock; if (b) removeAt(b, 'except', e); } };
  }
}

function* portEdits(where: string, port: NetworkPolicyPort, get: (spec: NetworkPolicySpec) => NetworkPolicyPort | undefined): Generator<Edit> {
  if (port.endPort !== undefined) yield { what: `${where}: drop endPort`, apply: (s) => { const p = get(s); if (p) delete p.endPort; } };
  if (port.protocol !== undefined) yield { what: `${where}: drop protocol`, apply: (s) => { const p = get(s); if (p) delete p.protocol; } };
}

/** Every edit of one policy, coarse ones first. */
function* policyEdits(spec: NetworkPolicySpec): Generator<Edit> {
  for (const d of DIRECTIONS) {
    const rules = rulesOf(spec, d);
    for (let r = rules.length - 1; r >= 0; r--) yield { what: `drop ${d.key}[${r}]`, apply: (s) => removeAt(s, d.key, r) };
  }
  for (const d of DIRECTIONS) {
    const rules = rulesOf(spec, d);
    for (let r = 0; r < rules.length; r++) {
      const raw = (s: NetworkPolicySpec): Record<string, unknown> | undefined => s[d.key]?.[r] as Record<string, unknown> | undefined;
      const rule = rules[r];
      for (let p = (rule?.peers?.length ?? 0) - 1; p >= 0; p--) yield { what: `drop ${d.key}[${r}].${d.peersKey}[${p}]`, apply: (s) => { const o = raw(s); if (o) removeAt(o, d.peersKey, p); } };
      for (let q = (rule?.ports?.length ?? 0) - 1; q >= 0; q--) yield { what: `drop ${d.key}[${r}].ports[${q}]`, apply: (s) => { const o = raw(s); if (o) removeAt(o, 'ports', q); } };
    }
  }
  for (const d of DIRECTIONS) {
    const rules = rulesOf(spec, d);
    for (let r = 0; r < rules.length; r++) {
      const raw = (s: NetworkPolicySpec): Record<string, unknown> | undefined => s[d.key]?.[r] as Record<string, unknown> | undefined;
      const rule = rules[r];
      for (let p = 0; p < (rule?.peers?.length ?? 0); p++) {
        const peer = rule?.peers?.[p];
        if (peer) yield* peerEdits(`${d.key}[${r}].${d.peersKey}[${p}]`, peer, (s) => (raw(s)?.[d.peersKey] as NetworkPolicyPeer[] | undefined)?.[p]);
      }
      for (let q = 0; q < (rule?.ports?.length ?? 0); q++) {
        const port = rule?.ports?.[q];
        if (port) yield* portEdits(`${d.key}[${r}].ports[${q}]`, port, (s) => (raw(s)?.['ports'] as NetworkPolicyPort[] | undefined)?.[q]);
      }
    }
  }
  yield* selectorEdits('podSelector', (s) => s.podSelector, spec.podSelector);
  if (spec.policyTypes !== undefined) {
    yield { what: 'drop policyTypes', apply: (s) => { delete s.policyTypes; } };
    for (let t = spec.policyTypes.length - 1; t >= 0 && spec.policyTypes.length > 1; t--) {
      yield { what: `drop policyTypes ${spec.policyTypes[t]}`, apply: (s) => { s.policyTypes?.splice(t, 1); } };
    }
  }
}

function withTopology(state: FuzzState, topology: Topology): FuzzState {
  const namespaces = new Set(topology.namespaces.map((n) => n.name));
  return { ...state, topology, policies: state.policies.filter((p) => namespaces.has(p.metadata.namespace)) };
}

/** Only the two ends of one disagreeing flow, on its port. */
function focus(state: FuzzState, flow: Flow): Candidate | undefined {
  const keep = new Set([flow.from, flow.to]);
  const pods = state.topology.pods.filter((p) => keep.has(podId(p.namespace, p.name)));
  const externals = state.topology.externals.filter((e) => keep.has(e.name));
  const ports = state.ports.filter((p) => p.port === flow.port && p.protocol === flow.protocol);
  if (pods.length === state.topology.pods.length && externals.length === state.topology.externals.length && ports.length === state.ports.length) return undefined;
  return { what: `keep only ${flow.from} and ${flow.to} on ${formatPort(flow)}`, state: { ...state, topology: { ...state.topology, pods, externals }, ports } };
}

function* topologyCandidates(state: FuzzState): Generator<Candidate> {
  const t = state.topology;
  for (const pod of t.pods) {
    const id = podId(pod.namespace, pod.name);
    yield { what: `remove pod ${id}`, state: { ...state, topology: { ...t, pods: t.pods.filter((p) => p !== pod) } } };
  }
  for (const host of t.externals) yield { what: `remove external host ${host.name}`, state: { ...state, topology: { ...t, externals: t.externals.filter((e) => e !== host) } } };
  for (const ns of t.namespaces) {
    const rest = { ...t, namespaces: t.namespaces.filter((n) => n !== ns), pods: t.pods.filter((p) => p.namespace !== ns.name) };
    yield { what: `remove namespace ${ns.name} with its pods and policies`, state: withTopology(state, rest) };
  }
}

function* labelCandidates(state: FuzzState): Generator<Candidate> {
  const t = state.topology;
  for (let i = 0; i < t.pods.length; i++) {
    const pod = t.pods[i];
    if (!pod) continue;
    for (const key of Object.keys(pod.labels)) {
      const { [key]: _dropped, ...labels } = pod.labels;
      yield { what: `drop label ${key} of pod ${podId(pod.namespace, pod.name)}`, state: { ...state, topology: { ...t, pods: t.pods.map((p, j) => (j === i ? { ...p, labels } : p)) } } };
    }
    for (let q = 0; q < pod.ports.length; q++) {
      const port = pod.ports[q];
      if (port?.name === undefined) continue;
      const ports = pod.ports.map((p, k) => (k === q ? { port: p.port, protocol: p.protocol } : p));
      yield { what: `drop port name ${port.name} of pod ${podId(pod.namespace, pod.name)}`, state: { ...state, topology: { ...t, pods: t.pods.map((p, j) => (j === i ? { ...p, ports } : p)) } } };
    }
  }
  for (let i = 0; i < t.namespaces.length; i++) {
    const ns = t.namespaces[i];
    if (!ns) continue;
    for (const key of Object.keys(ns.labels).filter((k) => k !== 'kubernetes.io/metadata.name')) {
      const { [key]: _dropped, ...labels } = ns.labels;
      yield { what: `drop label ${key} of namespace ${ns.name}`, state: { ...state, topology: { ...t, namespaces: t.namespaces.map((n, j) => (j === i ? { ...n, labels } : n)) } } };
    }
  }
}

/** Every candidate, in the order a shrink step tries them. */
export function* candidates(state: FuzzState, disagreeing: readonly Flow[]): Generator<Candidate> {
  const first = disagreeing[0];
  const focused = first ? focus(state, first) : undefined;
  if (focused) yield focused;
  if (state.ports.length > 1) for (const port of state.ports) yield { what: `stop probing ${formatPort(port)}`, state: { ...state, ports: state.ports.filter((p) => p !== port) } };
  for (const policy of state.policies) yield { what: `remove policy ${policyKey(policy)}`, state: { ...state, policies: state.policies.filter((p) => p !== policy) } };
  yield* topologyCandidates(state);
  for (let i = 0; i < state.policies.length; i++) {
    const policy = state.policies[i];
    if (!policy) continue;
    for (const edit of policyEdits(policy.spec)) {
      const copy = structuredClone(policy);
      edit.apply(copy.spec);
      yield { what: `${policyKey(policy)}: ${edit.what}`, state: { ...state, policies: state.policies.map((p, j) => (j === i ? copy : p)) } };
    }
  }
  yield* labelCandidates(state);
}
