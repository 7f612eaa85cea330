// A case's expectations: the steps are played on a copy of the state and, at every probe step, the
// engine computes the full truth table of each probed port. Cells a claim must not judge (a pod and
// itself, two external hosts, a destination that does not serve the port) are `-`.
import { createEngine, type EngineOptions } from '../engine/index.js';
import { policyKey, type NetworkPolicy } from '../model/api.js';
import { clusterPolicyId, isClusterPolicy, type ClusterPolicy } from '../model/cluster-policy.js';
import { InputError } from '../model/errors.js';
import { applyLabelChanges } from '../model/notation.js';
import type { IpFamily } from '../model/cidr.js';
import { endpointIds, findEndpoint, flowFamily, podId, type EndpointId, type PortSpec, type Topology } from '../model/topology.js';
import { GLYPH } from '../model/truth-table.js';
import type { CaseStep } from './case.js';

export interface TruthTable {
  port: PortSpec;
  /** A table over one address family (default: each pair in the family its flows use by default). */
  family?: IpFamily;
  endpoints: EndpointId[];
  /** glyphs[from][to]: `.` allowed, `X` denied, `-` not judged. */
  glyphs: string[][];
}

export type PlannedStep = Exclude<CaseStep, { kind: 'probe' }> | { kind: 'expect'; tables: TruthTable[] };

/** What the cluster holds at one point of a case. */
export interface CaseState {
  topology: Topology;
  policies: NetworkPolicy[];
  clusterPolicies: ClusterPolicy[];
}

function serves(topology: Topology, id: EndpointId, port: PortSpec): boolean {
  return (findEndpoint(topology, id)?.ports ?? []).some((p) => p.port === port.port && p.protocol === port.protocol);
}

/** Whether a packet can go from one endpoint to the other (in `family`, if given). */
function connected(topology: Topology, from: EndpointId, to: EndpointId, family?: IpFamily): boolean {
  const [a, b] = [findEndpoint(topology, from), findEndpoint(topology, to)];
  return a !== undefined && b !== undefined && flowFamily(a, b, family) !== undefined;
}

/** The engine's truth table of every probed port for one state. */
export function expectedTables(state: CaseState, ports: readonly PortSpec[], options: EngineOptions = {}): TruthTable[] {
  const matrix = createEngine(state, options).matrix(ports);
  const n = matrix.endpoints.length;
  return ports.map((port, p) => {
    const allowed = matrix.allowed[p] ?? new Uint8Array(n * n);
    const glyphs = matrix.endpoints.map((from, i) =>
      matrix.endpoints.map((to, j) => {
        if (i === j || (matrix.external[i] && matrix.external[j]) || !serves(state.topology, to, port) || !connected(state.topology, from, to)) return GLYPH.notJudged;
        return allowed[i * n + j] === 1 ? GLYPH.allowed : GLYPH.denied;
      }),
    );
    return { port, endpoints: [...matrix.endpoints], glyphs };
  });
}

/**
 * The engine's truth table of one port over one address family: every pair of endpoints with the
 * family in common (a fuzz finding may be a flow outside the family its pair uses by default).
 */
export function familyTable(state: CaseState, port: PortSpec, family: IpFamily, options: EngineOptions = {}): TruthTable {
  const engine = createEngine(state, options);
  const endpoints = endpointIds(state.topology);
  const external = new Set(state.topology.externals.map((e) => e.name));
  const glyphs = endpoints.map((from) =>
    endpoints.map((to) => {
      if (from === to || (external.has(from) && external.has(to)) || !serves(state.topology, to, port) || !connected(state.topology, from, to, family)) return GLYPH.notJudged;
      return engine.isAllowed({ from, to, port: port.port, protocol: port.protocol, family }) ? GLYPH.allowed : GLYPH.denied;
    }),
  );
  return { port, family, endpoints, glyphs };
}

/** The state after one step (probe steps change nothing). */
export function stepState(state: CaseState, step: CaseStep): CaseState {
  const topology = state.topology;
  switch (step.kind) {
    case 'apply': {
      const byKey = new Map(state.policies.map((p) => [policyKey(p), p]));
      const clusterById = new Map(state.clusterPolicies.map((p) => [clusterPolicyId(p), p]));
      for (const policy of step.policies) {
        if (isClusterPolicy(policy)) clusterById.set(clusterPolicyId(policy), structuredClone(policy));
        else byKey.set(policyKey(policy), structuredClone(policy));
      }
      return { topology, policies: [...byKey.values()], clusterPolicies: [...clusterById.values()] };
    }
    case 'delete-policy':
      return { ...state, policies: state.policies.filter((p) => policyKey(p) !== `${step.namespace}/${step.name}`) };
    case 'delete-cluster-policy':
      return { ...state, clusterPolicies: state.clusterPolicies.filter((p) => clusterPolicyId(p) !== `${step.policyKind}/${step.name}`) };
    case 'label-pod': {
      const pods = topology.pods.map((p) => (podId(p.namespace, p.name) === step.pod ? { ...p, labels: applyLabelChanges(p.labels, step.changes, `pod ${step.pod}`) } : p));
      if (!pods.some((p) => podId(p.namespace, p.name) === step.pod)) throw new InputError(`generated case: unknown pod "${step.pod}"`);
      return { ...state, topology: { ...topology, pods } };
    }
    case 'label-namespace': {
      const namespaces = topology.namespaces.map((n) => (n.name === step.namespace ? { ...n, labels: { ...applyLabelChanges(n.labels, step.changes, `namespace ${n.name}`), 'kubernetes.io/metadata.name': n.name } } : n));
      return { ...state, topology: { ...topology, namespaces } };
    }
    case 'delete-pod':
      return { ...state, topology: { ...topology, pods: topology.pods.filter((p) => podId(p.namespace, p.name) !== step.pod) } };
    case 'probe':
      return state;
  }
}

/** Plays the steps from `topology` with no policies; every probe step becomes the tables it must see. */
export function planSteps(topology: Topology, steps: readonly CaseStep[], ports: readonly PortSpec[], options: EngineOptions = {}): PlannedStep[] {
  let state: CaseState = { topology, policies: [], clusterPolicies: [] };
  return steps.map((step): PlannedStep => {
    if (step.kind === 'probe') return { kind: 'expect', tables: expectedTables(state, ports, options) };
    state = stepState(state, step);
    return step;
  });
}
