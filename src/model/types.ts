// The vocabulary of the project (DESIGN.md): Kubernetes object shapes, the topology they describe,
// endpoints, flows, verdicts (what the spec says) and observations (what a target saw).

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export type Labels = Readonly<Record<string, string>>;

/** The namespace label every namespace carries, immutable (KEP-2161). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

// ---------------------------------------------------------------------------------------------
// Kubernetes objects (the subset of the API this project reads). Loaded manifests are validated
// (src/validate) before they are trusted to have these shapes.

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface IPBlock {
  cidr: string;
  except?: string[];
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IPBlock;
}

export interface NetworkPolicyPort {
  protocol?: Protocol;
  port?: number | string;
  endPort?: number;
}

export interface NetworkPolicyIngressRule {
  from?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  to?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

export type PolicyType = 'Ingress' | 'Egress';

export interface NetworkPolicySpec {
  podSelector?: LabelSelector;
  policyTypes?: PolicyType[];
  ingress?: NetworkPolicyIngressRule[];
  egress?: NetworkPolicyEgressRule[];
}

export interface NetworkPolicy {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'NetworkPolicy';
  metadata: ObjectMeta & { namespace: string };
  spec: NetworkPolicySpec;
}

export interface Namespace {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: ObjectMeta;
}

export interface ContainerPort {
  containerPort: number;
  name?: string;
  protocol?: Protocol;
}

export interface Container {
  name: string;
  image?: string;
  ports?: ContainerPort[];
}

export interface Pod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: ObjectMeta & { namespace: string };
  spec: { containers: Container[] };
  status?: { podIP?: string };
}

export type KubeObject = Namespace | Pod | NetworkPolicy;
export type KubeKind = KubeObject['kind'];

/** Identifies an object for deletion: `namespace` is absent for Namespaces. */
export interface ObjectRef {
  kind: KubeKind;
  namespace?: string;
  name: string;
}

/** Where an object came from, so every problem can name its file and document. */
export interface ObjectSource {
  file: string;
  /** 0-based index of the YAML document in the file (and of the item inside a List). */
  document?: number;
}

export interface LoadedObject {
  object: KubeObject;
  source: ObjectSource;
}

// ---------------------------------------------------------------------------------------------
// Topology: what a target must build before policies are applied.

export interface PortSpec {
  port: number;
  protocol: Protocol;
  /** Container port name (pods only); named policy ports resolve against it. */
  name?: string;
}

export interface NamespaceSpec {
  name: string;
  /** Includes `kubernetes.io/metadata.name`. */
  labels: Labels;
}

export interface PodSpec {
  namespace: string;
  name: string;
  labels: Labels;
  ip: string;
  ports: PortSpec[];
}

export interface ExternalHost {
  name: string;
  ip: string;
  ports: PortSpec[];
}

export interface Topology {
  namespaces: NamespaceSpec[];
  pods: PodSpec[];
  externals: ExternalHost[];
}

// ---------------------------------------------------------------------------------------------
// Endpoints and flows. An endpoint id is `namespace/name` for a pod and `name` for an external host.

export type EndpointId = string;

export interface Flow {
  from: EndpointId;
  to: EndpointId;
  port: number;
  protocol: Protocol;
}

export type Direction = 'ingress' | 'egress';

/** Which policy rule let a flow through, by index (rule, and the peer and port inside it). */
export interface RuleRef {
  policy: string; // namespace/name
  rule: number;
  /** Index in from/to; absent when the rule has no peers (all peers). */
  peer?: number;
  /** Index in ports; absent when the rule has no ports (all ports). */
  port?: number;
}

export interface DirectionVerdict {
  direction: Direction;
  /** The pod whose policies were consulted, or undefined when that end is an external host. */
  pod?: EndpointId;
  isolated: boolean;
  /** Policies (namespace/name) that select the pod and take effect in this direction. */
  isolatingPolicies: string[];
  allowed: boolean;
  /** Every rule that allowed the flow (empty when denied or when not isolated). */
  allowedBy: RuleRef[];
}

export interface Verdict {
  flow: Flow;
  allowed: boolean;
  /** `self`: a pod talking to itself is always allowed and never judged by policies. */
  reason: 'policies' | 'self';
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
}

export type Reachability = 'allowed' | 'denied' | 'unknown';

/** What a target saw for one flow. The sim target observes verdicts; real targets probe. */
export type Observation =
  | { kind: 'verdict'; flow: Flow; verdict: Verdict }
  | {
      kind: 'probe';
      flow: Flow;
      outcome: ProbeOutcome;
      elapsedMs: number;
      attempts: number;
      detail?: string;
      /** A command a person can run to reproduce this probe (kubectl exec ..., ip netns exec ...). */
      reproduce?: string;
    };

export type ProbeOutcome = 'connected' | 'refused' | 'timeout' | 'error';

export function observedReachability(o: Observation): Reachability {
  switch (o.kind) {
    case 'verdict':
      return o.verdict.allowed ? 'allowed' : 'denied';
    case 'probe':
      switch (o.outcome) {
        case 'connected':
          return 'allowed';
        case 'refused':
        case 'timeout':
          return 'denied';
        case 'error':
          return 'unknown';
      }
  }
}

export function podId(namespace: string, name: string): EndpointId {
  return `${namespace}/${name}`;
}

export function flowKey(f: Flow): string {
  return `${f.from}>${f.to}:${f.port}/${f.protocol}`;
}
