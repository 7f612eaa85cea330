// The smaller states a shrink step may try, most promising first: keep only the endpoints and port
// of one disagreeing flow; drop ports, policies (NetworkPolicies, then cluster-scoped ones), pods,
// external hosts and namespaces; drop parts of policies (./policy-edits.ts); drop labels and port
// names. Each candidate is a new state (the input is never changed) with a line
// saying what it removed.
import { policyKey, type NetworkPolicy } from '../model/api.js';
import { clusterPolicyId, type ClusterPolicy } from '../model/cluster-policy.js';
import { formatPort } from '../model/notation.js';
import { podId, type PortSpec, type Topology } from '../model/topology.js';
import type { Flow } from '../model/verdicts.js';
import { clusterPolicyEdits, policyEdits, withoutPath } from './policy-edits.js';

/** A state a fuzz case applies and probes: topology, policies of every kind and the probed ports. */
export interface FuzzState {
  topology: Topology;
  policies: NetworkPolicy[];
  /** ClusterNetworkPolicies, AdminNetworkPolicies, the BaselineAdminNetworkPolicy. */
  clusterPolicies: ClusterPolicy[];
  ports: PortSpec[];
}

export interface Candidate {
  what: string;
  state: FuzzState;
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
  for (const policy of state.clusterPolicies) yield { what: `remove ${clusterPolicyId(policy)}`, state: { ...state, clusterPolicies: state.clusterPolicies.filter((p) => p !== policy) } };
  yield* topologyCandidates(state);
  for (const [i, policy] of state.policies.entries()) {
    for (const edit of policyEdits(policy)) {
      const smaller = withoutPath(policy, edit.path);
      yield { what: `${policyKey(policy)}: ${edit.what}`, state: { ...state, policies: state.policies.map((p, j) => (j === i ? smaller : p)) } };
    }
  }
  for (const [i, policy] of state.clusterPolicies.entries()) {
    for (const edit of clusterPolicyEdits(policy)) {
      const smaller = withoutPath(policy, edit.path);
      yield { what: `${clusterPolicyId(policy)}: ${edit.what}`, state: { ...state, clusterPolicies: state.clusterPolicies.map((p, j) => (j === i ? smaller : p)) } };
    }
  }
  yield* labelCandidates(state);
}
