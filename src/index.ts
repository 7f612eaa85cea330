// The library's public entry: what the step definitions (steps/), the cucumber support code
// (support/), the benchmarks (bench/) and anyone embedding the engine use. Everything else in src/
// may move; these names are kept (test/index.test.ts lists them). Grouped by layer, lowest first.
// Real targets are not imported here: createTarget loads a target's code when it is created.

// model: Kubernetes objects, topology, verdicts, the notations of features and truth tables
export {
  NAMESPACE_NAME_LABEL,
  namespacedName,
  policyKey,
  PROTOCOLS,
  type Container,
  type ContainerPort,
  type IPBlock,
  type KubeKind,
  type KubeObject,
  type LabelSelector,
  type LabelSelectorRequirement,
  type Labels,
  type LoadedObject,
  type Namespace,
  type NetworkPolicy,
  type NetworkPolicyEgressRule,
  type NetworkPolicyIngressRule,
  type NetworkPolicyPeer,
  type NetworkPolicyPort,
  type NetworkPolicySpec,
  type ObjectMeta,
  type ObjectRef,
  type ObjectSource,
  type Pod,
  type PolicyType,
  type Protocol,
} from './model/api.js';
export {
  CLUSTER_POLICY_KINDS,
  clusterPolicyId,
  isClusterPolicy,
  isClusterPolicyKind,
  type AdminNetworkPolicy,
  type AnpEgressRule,
  type AnpIngressRule,
  type AnpPort,
  type BanpAction,
  type BaselineAdminNetworkPolicy,
  type ClusterNetworkPolicy,
  type ClusterPolicy,
  type ClusterPolicyKind,
  type CnpAction,
  type CnpEgressRule,
  type CnpIngressRule,
  type CnpProtocol,
  type EgressPeer,
  type IngressPeer,
  type NamespacedPod,
  type PolicySubject,
  type Tier,
} from './model/cluster-policy.js';
export { buildTopology, podPorts } from './model/build-topology.js';
export { InputError, NetpolError, TargetError, UnknownEndpointError, UsageError } from './model/errors.js';
export { formatPort, parseLabels, parsePort, parsePorts } from './model/notation.js';
export { namespaceObject, podObject, xyzModel } from './model/objects.js';
export { selectorMatches } from './model/selectors.js';
export {
  endpointAddresses,
  endpointIds,
  findEndpoint,
  flowFamily,
  podId,
  withNamespaceNameLabel,
  type EndpointId,
  type ExternalHost,
  type NamespaceSpec,
  type PodSpec,
  type PortSpec,
  type Topology,
} from './model/topology.js';
export { GLYPH } from './model/truth-table.js';
export {
  flowKey,
  observedReachability,
  type Direction,
  type DirectionVerdict,
  type Flow,
  type Observation,
  type ProbeOutcome,
  type Reachability,
  type RuleRef,
  type Verdict,
} from './model/verdicts.js';

// validate: manifests read and checked as the API server would
export { checkManifests, loadManifests, loadManifestText } from './validate/loader.js';
export { formatProblem, type Problem, type ValidationOptions } from './validate/index.js';

// engine: the exact, explaining evaluator
export {
  allFlows,
  createEngine,
  createExplainingEngine,
  denseMatrix,
  ENGINE_FAULTS,
  FastEngine,
  judged,
  isEngineFault,
  type ClusterState,
  type Engine,
  type EngineFault,
  type EngineOptions,
  type ExplainedVerdict,
  type Matrix,
  type ReachabilityMatrix,
  type RuleCheck,
} from './engine/index.js';

// targets: the contract, the spec and the factory
export { checkNetnsSupport, createTarget, type TargetsByName } from './targets/index.js';
export {
  parseTargetName,
  TARGET_NAMES,
  targetLabel,
  targetSpecFromJson,
  type ClusterOptions,
  type ClusterSettings,
  type NetnsOptions,
  type SimOptions,
  type TargetName,
  type TargetSpec,
} from './targets/spec.js';
export { CAPABILITIES, isCapability, type Capability, type ProbeOptions, type ServerProblem, type Target } from './targets/target.js';
export type { ClusterTarget } from './targets/cluster/cluster-target.js';
export type { NetnsTarget } from './targets/netns/netns-target.js';
export { NETNS_FAULT_NAMES, NETNS_FAULTS, type NetnsFault } from './targets/netns/faults.js';
export type { SimTarget } from './targets/sim/sim-target.js';

// harness: a scenario's state and claims, independent of cucumber
export { conformanceHousesModel, declaredExternals, declaredNamespaces, declaredPods } from './harness/declarations.js';
export { flowTableExpectations, patternExpectations, truthTableExpectations, type Expectation, type Expected, type PatternPair } from './harness/expectations.js';
export { formatMismatch, judge, type Judgement } from './harness/mismatch.js';
export { ClaimFailed, Scenario } from './harness/scenario.js';
export { assertAccepted, assertRejected, validateManifestText, type ValidationOutcome } from './harness/validation.js';

// generate: systematic families, random clusters, fuzzing and shrinking
export { differentialShape, fuzz, type FuzzOptions, type FuzzSummary } from './generate/fuzz.js';
export { randomCluster, type ClusterShape } from './generate/random-cluster.js';
export { Random } from './generate/random.js';

// runner: the one target of a cucumber process, and how a skipped scenario says why
export { SKIP_PREFIX } from './runner/skip.js';
export { acquireTarget, releaseTarget } from './runner/target-session.js';

// report: what a person reads
export { formatExplanation } from './report/explanation.js';
export { formatMatrixJson, formatMatrixTables, type ObservedFlow } from './report/matrix-output.js';
export { statePageWriter } from './report/state-page.js';
export { drawMatrix, type Drawing } from './report/matrix-drawing.js';
export { describeFindings } from './report/repro-feature.js';
export { writeMatrixJson, writeMatrixRows, writeMatrixTables, type MatrixSlice } from './report/matrix-stream.js';
export { CELL } from './report/matrix-view.js';
