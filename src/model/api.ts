// The Kubernetes API objects this project reads (a subset of core/v1 and networking.k8s.io/v1).
// Loaded manifests are validated (src/validate) before they are trusted to have these shapes.

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export type Labels = Readonly<Record<string, string>>;

/** The namespace label every namespace carries, immutable (KEP-2161). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

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
  /** Where a field of the object sits in its file (1-based), when known: for findings about it. */
  locate?: (field: string) => { line: number; column: number } | undefined;
}


/** The `namespace/name` key of a namespaced object; policies are named this way in verdicts. */
export function namespacedName(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** A NetworkPolicy's key (`namespace/name`) in verdicts, explanations and reports. */
export function policyKey(policy: Pick<NetworkPolicy, 'metadata'>): string {
  return namespacedName(policy.metadata.namespace, policy.metadata.name);
}
