// The Kubernetes API objects this project reads (a subset of core/v1 and networking.k8s.io/v1).
// Loaded manifests are validated (src/validate) before they are trusted to have these shapes.
import type { ClusterPolicy } from './cluster-policy.js';
import type { LabelSelector, Protocol } from './meta.js';

export { NAMESPACE_NAME_LABEL, PROTOCOLS, type LabelSelector, type LabelSelectorRequirement, type Labels, type Protocol } from './meta.js';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  /** Pods and ReplicaSets name the workload that owns them (as a cluster exports them). */
  ownerReferences?: OwnerReference[];
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

export interface PodSpecFields {
  containers: Container[];
  /** In its node's network namespace: seen as the node's address, never selected by policies. */
  hostNetwork?: boolean;
  nodeName?: string;
}

export interface Pod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: ObjectMeta & { namespace: string };
  spec: PodSpecFields;
  /** hostIP: the node's address (a hostNetwork pod's own); podIPs: every address, podIP first (dual-stack). */
  status?: { podIP?: string; podIPs?: { ip: string }[]; hostIP?: string };
}

/** The kinds whose pod template this project turns into endpoints, with their API versions. */
export const WORKLOAD_KINDS = {
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  ReplicationController: 'v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
} as const;
export type WorkloadKind = keyof typeof WORKLOAD_KINDS;

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return Object.hasOwn(WORKLOAD_KINDS, kind);
}

export interface OwnerReference {
  kind: string;
  name: string;
}

/**
 * A workload as this project reads it, whatever its kind: its pod template (labels, containers,
 * hostNetwork) and how many pods it asks for (replicas, or a Job's parallelism).
 */
export interface Workload {
  kind: WorkloadKind;
  metadata: ObjectMeta & { namespace: string };
  /** Absent: the API's default (1). */
  replicas?: number;
  template: { labels?: Record<string, string>; spec: PodSpecFields };
}

export type KubeObject = Namespace | Pod | NetworkPolicy | ClusterPolicy;
export type KubeKind = KubeObject['kind'];

/** Identifies an object for deletion: `namespace` is absent for cluster-scoped kinds. */
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
