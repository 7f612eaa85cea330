// The public entry (src/index.ts) is a contract: steps/, support/, bench/ and embedders use these
// names and no deeper module. Removing or renaming one is a breaking change, so it must show up
// here; adding one is a decision, so it shows up here too.
import { describe, it } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import * as entry from '../src/index.js';

const VALUES = [
  'CAPABILITIES', 'CLUSTER_POLICY_KINDS', 'ClaimFailed', 'clusterPolicyId', 'isClusterPolicy', 'isClusterPolicyKind', 'ENGINE_FAULTS', 'GLYPH', 'InputError', 'NAMESPACE_NAME_LABEL',
  'NETNS_FAULTS', 'NETNS_FAULT_NAMES', 'NetpolError', 'PROTOCOLS', 'Random', 'SKIP_PREFIX', 'Scenario', 'TARGET_NAMES', 'TargetError',
  'UnknownEndpointError', 'UsageError', 'acquireTarget', 'allFlows', 'assertAccepted', 'assertRejected',
  'buildTopology', 'checkManifests', 'conformanceHousesModel', 'checkNetnsSupport', 'createEngine', 'createTarget',
  'declaredExternals', 'declaredNamespaces', 'declaredPods', 'describeFindings', 'differentialShape', 'drawMatrix', 'endpointAddresses', 'endpointIds', 'findEndpoint', 'flowFamily', 'flowKey', 'flowTableExpectations',
  'formatExplanation', 'formatMatrixJson', 'formatMatrixTables', 'formatMismatch', 'formatPort',
  'formatProblem', 'fuzz', 'isCapability', 'isEngineFault', 'judge', 'loadManifestText', 'loadManifests',
  'namespaceObject', 'namespacedName', 'observedReachability', 'parseLabels', 'parsePort', 'parsePorts',
  'parseTargetName', 'patternExpectations', 'podId', 'podObject', 'podPorts', 'policyKey', 'randomCluster', 'releaseTarget',
  'selectorMatches', 'statePageWriter', 'targetLabel', 'targetSpecFromJson', 'truthTableExpectations', 'validateManifestText',
  'withNamespaceNameLabel', 'xyzModel',
  // the fast path and the matrix writers
  'CELL', 'FastEngine', 'createExplainingEngine', 'denseMatrix', 'judged', 'writeMatrixJson', 'writeMatrixRows',
  'writeMatrixTables',
];

const TYPES = [
  'AdminNetworkPolicy', 'AnpEgressRule', 'AnpIngressRule', 'AnpPort', 'BanpAction', 'BaselineAdminNetworkPolicy',
  'ClusterNetworkPolicy', 'ClusterPolicy', 'ClusterPolicyKind', 'CnpAction', 'CnpEgressRule', 'CnpIngressRule',
  'CnpProtocol', 'EgressPeer', 'IngressPeer', 'NamespacedPod', 'PolicySubject', 'Tier',
  'Capability', 'ClusterOptions', 'ClusterShape', 'ClusterSettings', 'ClusterState', 'ClusterTarget', 'Container',
  'ContainerPort', 'Direction', 'DirectionVerdict', 'Drawing', 'EndpointId', 'Engine', 'EngineFault', 'EngineOptions',
  'Expectation', 'Expected', 'ExplainedVerdict', 'ExternalHost', 'Flow', 'FuzzOptions', 'FuzzSummary', 'IPBlock', 'Judgement', 'KubeKind',
  'KubeObject', 'LabelSelector', 'LabelSelectorRequirement', 'Labels', 'LoadedObject', 'Matrix', 'Namespace',
  'NamespaceSpec', 'NetnsFault', 'NetnsOptions', 'NetnsTarget', 'NetworkPolicy', 'NetworkPolicyEgressRule',
  'NetworkPolicyIngressRule', 'NetworkPolicyPeer', 'NetworkPolicyPort', 'NetworkPolicySpec', 'ObjectMeta',
  'ObjectRef', 'ObjectSource', 'Observation', 'ObservedFlow', 'PatternPair', 'Pod', 'PodSpec', 'PolicyType',
  'PortSpec', 'ProbeOptions', 'ProbeOutcome', 'Problem', 'Protocol', 'Reachability', 'RuleCheck', 'RuleRef',
  'ServerProblem', 'SimOptions', 'SimTarget', 'Target', 'TargetName', 'TargetSpec', 'TargetsByName',
  'Topology', 'ValidationOptions', 'ValidationOutcome', 'Verdict',
  'MatrixSlice', 'ReachabilityMatrix',
];

/** Names exported as types only, read from the entry's export lists. */
function typeExports(text: string): string[] {
  return [...text.matchAll(/export (type )?\{([^}]*)\}/g)].flatMap((m) =>
    (m[2] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '' && (m[1] !== undefined || s.startsWith('type ')))
      .map((s) => s.replace(/^type /, '')),
  );
}

describe('public entry (src/index.ts)', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(entry).sort()).to.deep.equal([...VALUES].sort());
  });

  it('exports exactly these types', () => {
    const text = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8');
    expect(typeExports(text).sort()).to.deep.equal([...TYPES].sort());
  });

  it('is what steps/, support/ and bench/ import from src/, and nothing deeper', () => {
    const deep: string[] = [];
    for (const dir of ['steps', 'support', 'bench']) {
      for (const file of readdirTs(new URL(`../${dir}/`, import.meta.url))) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/from '(\.\.\/src\/[^']+)'/g)) if (m[1] !== '../src/index.js') deep.push(`${dir}: ${m[1]}`);
      }
    }
    expect(deep).to.deep.equal([]);
  });
});

function readdirTs(dir: URL): URL[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => new URL(name, dir));
}
