// The fuzz loop: random states applied to a target, every flow probed, each observation compared
// with the engine, and every case that disagrees shrunk to a minimal state on the same target.
// Deterministic for a seed: case i's policies come from a seed derived from (seed, i), and the
// topology of each block of cases from (seed, block); on a cluster one topology serves the whole
// run, so only policies change between cases. Where the target serves the cluster-scoped kinds,
// every other case carries some of them too (both tiers, both API versions).
import type { EngineOptions } from '../engine/index.js';
import { allFlows } from '../engine/index.js';
import type { NetworkPolicy } from '../model/api.js';
import type { ClusterPolicy, ClusterPolicyKind } from '../model/cluster-policy.js';
import { validateDocument } from '../validate/index.js';
import type { IpFamily } from '../model/cidr.js';
import { findEndpoint, flowFamily, podId, type PortSpec, type Topology } from '../model/topology.js';
import type { Flow } from '../model/verdicts.js';
import type { Target } from '../targets/target.js';
import { AppliedState, probeAndCompare, type Disagreement } from './differential.js';
import { Random } from './random.js';
import { randomPolicies, randomTopology, type ClusterShape } from './random-cluster.js';
import { randomClusterPolicies, tierVocabulary } from './random-cluster-policies.js';
import type { FuzzState } from './shrink-candidates.js';
import { shrink, type ShrinkResult } from './shrink.js';
import { expandClusterPolicies, expandPolicies } from './templated.js';

export interface FuzzOptions {
  seed: number;
  cases: number;
  shape: ClusterShape;
  /** Cases that share one topology (Infinity: one for the whole run). */
  perTopology: number;
  engine: EngineOptions;
  /** The cluster-scoped kinds the target serves; every other case draws some (default: none). */
  tiers?: readonly ClusterPolicyKind[];
  /**
   * Also probe every pair of dual-stack pods in the family it does not use by default, on the
   * first port (default: no), so both families of every rule get packets.
   */
  otherFamily?: boolean;
  /** Checks (apply + probe) one shrink may spend. */
  maxShrinkChecks: number;
  /** Stop after this many disagreeing cases (default: never). */
  stopAfter?: number;
  /** Shrink at most this many disagreeing cases; later ones are only counted (default: all). */
  maxShrinks?: number;
  onProgress?: (progress: FuzzProgress) => void;
  /** Called with every shrunk disagreement as soon as it is known (to write its feature). */
  onFinding?: (finding: Finding) => Promise<void> | void;
}

export interface FuzzProgress {
  event: 'case' | 'disagreement' | 'shrunk' | 'shrinking';
  casesDone: number;
  cases: number;
  flowsProbed: number;
  disagreeingCases: number;
  elapsedMs: number;
  /** The case or shrink step the event is about. */
  detail?: string;
}

export interface Finding {
  /** `<seed>-<index>`: the run's seed and the case's index. */
  id: string;
  seed: number;
  index: number;
  original: FuzzState;
  /** Disagreements of the original case. */
  found: Disagreement[];
  shrunk: ShrinkResult;
  /** Time the shrink took, its last full probe included. */
  shrinkMs: number;
  /**
   * Every disagreeing flow of the shrunk state (a last full probe), with the topology as built and
   * the policies (of every kind) with their address templates expanded;
   * `reproduced` is false when that probe agreed with the engine everywhere (a flaky target).
   */
  final: { topology: Topology; policies: NetworkPolicy[]; clusterPolicies: ClusterPolicy[]; disagreements: Disagreement[]; reproduced: boolean };
}

export interface FuzzSummary {
  cases: number;
  /** Ids of every case that disagreed, shrunk or not. */
  disagreeingCases: string[];
  flowsProbed: number;
  /** Of flowsProbed, those that went over IPv6. */
  ipv6Flows: number;
  /** Flows probed while shrinking (included in flowsProbed). */
  shrinkFlows: number;
  findings: Finding[];
  elapsedMs: number;
  /** Time spent shrinking (included in elapsedMs). */
  shrinkMs: number;
  /** Per case: applying its state and probing it (shrinking excluded). */
  caseMs: number[];
}

/** What fuzz and the netns differential probe by default: two TCP ports and one UDP port. */
export const PROBED_PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP' },
  { port: 81, protocol: 'TCP' },
  { port: 80, protocol: 'UDP' },
];

/**
 * Clusters a real dataplane can build: 2-3 namespaces, 4-8 pods, 1-3 policies, every pod and
 * external host serving the probed ports (a connection to a port nobody serves is refused, which
 * would look like a denial). Without `externals` (a target that cannot run external hosts) none.
 * With `ipv6` (a target with the capability) a fifth of the pods have an IPv6 first address and
 * two of the external hosts are IPv6 ones; pods are dual-stack either way.
 */
export function differentialShape(ports: readonly PortSpec[] = PROBED_PORTS, externals = true, ipv6 = false): ClusterShape {
  const hosts = [
    { name: 'backup', ip: '192.168.5.10', ports: [...ports] },
    { name: 'remote', ip: '203.0.113.7', ports: [...ports] },
    ...(ipv6
      ? [
          { name: 'v6host', ip: '2001:db8::10', ports: [...ports] },
          { name: 'v6far', ip: '2001:db8::1:10', ports: [...ports] },
        ]
      : []),
  ];
  return {
    namespaces: [2, 3],
    pods: [4, 8],
    policies: [1, 3],
    ports,
    serveAll: true,
    externals: externals ? hosts : [],
    externalShare: 0.6,
    ipv6Share: ipv6 ? 0.2 : 0,
    strays: false,
  };
}

/**
 * Every pair of pods with both families in common, in the family its flows do not use by default,
 * on one port: what `otherFamily` adds to allFlows.
 */
export function otherFamilyFlows(topology: Topology, port: PortSpec): Flow[] {
  const pods = topology.pods.filter((p) => !p.hostNetwork);
  const flows: Flow[] = [];
  for (const from of pods) {
    for (const to of pods) {
      if (from === to) continue;
      const usual = flowFamily(from, to);
      if (usual === undefined) continue;
      const other = usual === 4 ? 6 : 4;
      if (flowFamily(from, to, other) === undefined) continue;
      flows.push({ from: podId(from.namespace, from.name), to: podId(to.namespace, to.name), port: port.port, protocol: port.protocol, family: other });
    }
  }
  return flows;
}

function travelsOver(topology: Topology, flow: Flow): IpFamily | undefined {
  const [from, to] = [findEndpoint(topology, flow.from), findEndpoint(topology, flow.to)];
  return from && to ? flowFamily(from, to, flow.family) : undefined;
}

/** A 32-bit seed derived from the run's seed and other numbers (FNV-1a over their bytes). */
export function subSeed(...parts: number[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    for (let shift = 0; shift < 32; shift += 8) {
      hash ^= (part >>> shift) & 0xff;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return hash;
}

type CaseOptions = Pick<FuzzOptions, 'seed' | 'shape' | 'perTopology' | 'tiers'>;

/** The topology of case `index`: one per block of `perTopology` cases. */
export function caseTopology(options: CaseOptions, index: number): Topology {
  const block = Number.isFinite(options.perTopology) ? Math.floor(index / options.perTopology) : 0;
  return randomTopology(new Random(subSeed(options.seed, 0x70, block)), options.shape);
}

/**
 * The cluster-scoped policies of case `index` (odd cases only): the kinds the target serves, and
 * only ones the API server would accept.
 */
function caseClusterPolicies(options: CaseOptions, index: number, topology: Topology): ClusterPolicy[] {
  const kinds = options.tiers ?? [];
  if (kinds.length === 0 || index % 2 === 0) return [];
  const drawn = randomClusterPolicies(subSeed(options.seed, index), tierVocabulary(options.shape, topology));
  return drawn.filter((p) => kinds.includes(p.kind) && validateDocument(expandClusterPolicies([p], topology)[0], { file: 'fuzz' }).problems.length === 0);
}

/** The state of case `index`; its policies name pod addresses by template (./templated.ts). */
export function caseState(options: CaseOptions, index: number): FuzzState {
  const topology = caseTopology(options, index);
  return {
    topology,
    policies: randomPolicies(new Random(subSeed(options.seed, index)), options.shape, topology),
    clusterPolicies: caseClusterPolicies(options, index, topology),
    ports: [...options.shape.ports],
  };
}

export async function fuzz(target: Target, options: FuzzOptions): Promise<FuzzSummary> {
  const applied = new AppliedState(target);
  const caseFlows = (built: Topology, ports: readonly PortSpec[]): Flow[] => {
    const first = ports[0];
    return [...allFlows(built, ports), ...(options.otherFamily === true && first !== undefined ? otherFamilyFlows(built, first) : [])];
  };
  const started = performance.now();
  const summary: FuzzSummary = { cases: 0, disagreeingCases: [], flowsProbed: 0, ipv6Flows: 0, shrinkFlows: 0, findings: [], elapsedMs: 0, shrinkMs: 0, caseMs: [] };
  const progress = (event: FuzzProgress['event'], detail?: string): void =>
    options.onProgress?.({ event, casesDone: summary.cases, cases: options.cases, flowsProbed: summary.flowsProbed, disagreeingCases: summary.disagreeingCases.length, elapsedMs: performance.now() - started, ...(detail !== undefined ? { detail } : {}) });

  /**
   * Applies a state and probes `flows` of it (default: all). Templates are expanded against the
   * topology as built, and the engine judges that topology.
   */
  const run = async (state: FuzzState, flows?: (built: Topology) => Flow[]): Promise<{ built: Topology; policies: NetworkPolicy[]; clusterPolicies: ClusterPolicy[]; disagreements: Disagreement[] }> => {
    const built = await applied.topology(state.topology);
    const policies = expandPolicies(state.policies, built);
    const clusterPolicies = expandClusterPolicies(state.clusterPolicies, built);
    await applied.policiesTo([...policies, ...clusterPolicies]);
    const chosen = flows ? flows(built) : caseFlows(built, state.ports);
    const result = await probeAndCompare(target, { topology: built, policies, clusterPolicies }, chosen, options.engine);
    summary.flowsProbed += chosen.length;
    summary.ipv6Flows += chosen.filter((f) => travelsOver(built, f) === 6).length;
    return { built, policies, clusterPolicies, disagreements: result.disagreements };
  };

  for (let index = 0; index < options.cases; index++) {
    const state = caseState(options, index);
    const caseStart = performance.now();
    const { disagreements } = await run(state);
    summary.caseMs.push(performance.now() - caseStart);
    summary.cases++;
    progress('case');
    if (disagreements.length === 0) continue;
    const id = `${options.seed}-${index}`;
    summary.disagreeingCases.push(id);
    const stop = options.stopAfter !== undefined && summary.disagreeingCases.length >= options.stopAfter;
    if (summary.findings.length >= (options.maxShrinks ?? Infinity)) {
      progress('disagreement', `case ${id}: ${disagreements.length} flows disagree (not shrunk: --max-shrinks reached)`);
      if (stop) break;
      continue;
    }
    progress('disagreement', `case ${id}: ${disagreements.length} flows disagree; shrinking`);
    const shrinkStart = performance.now();
    const flowsBefore = summary.flowsProbed;
    const shrunk = await shrink(state, disagreements, async (candidate, hint) => {
      // The flows that disagreed last time first: when one still does, the candidate is kept
      // without probing everything.
      const known = (b: Topology) => {
        const all = caseFlows(b, candidate.ports);
        const keys = new Set(hint.map((d) => JSON.stringify(d.flow)));
        return all.filter((f) => keys.has(JSON.stringify(f)));
      };
      const quick = await run(candidate, known);
      if (quick.disagreements.length > 0) return quick.disagreements;
      return (await run(candidate)).disagreements;
    }, { maxChecks: options.maxShrinkChecks, onCheck: (what, kept) => progress('shrinking', `${kept ? 'kept' : 'tried'}: ${what}`) });
    const final = await run(shrunk.state);
    summary.shrinkFlows += summary.flowsProbed - flowsBefore;
    const shrinkMs = performance.now() - shrinkStart;
    summary.shrinkMs += shrinkMs;
    const finding: Finding = { id, seed: options.seed, index, original: state, found: disagreements, shrunk, shrinkMs, final: { topology: final.built, policies: final.policies, clusterPolicies: final.clusterPolicies, disagreements: final.disagreements, reproduced: final.disagreements.length > 0 } };
    summary.findings.push(finding);
    await options.onFinding?.(finding);
    const { state: small } = shrunk;
    progress('shrunk', `case ${id}: ${small.policies.length + small.clusterPolicies.length} policies, ${small.topology.pods.length} pods after ${shrunk.checks} checks`);
    if (stop) break;
  }
  summary.elapsedMs = performance.now() - started;
  return summary;
}
