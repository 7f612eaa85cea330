// The cluster-scoped policy kinds of the Network Policy API (policy.networking.k8s.io): the
// ClusterNetworkPolicy of v1alpha2 and its predecessors of v1alpha1, the AdminNetworkPolicy and the
// BaselineAdminNetworkPolicy. Shapes follow the API's Go types; loaded manifests are validated
// against the API's own CRDs (src/validate/crd) before they are trusted to have these shapes.
import type { LabelSelector, Protocol } from './meta.js';

/** A cluster-scoped object's metadata (a namespace, if written, is ignored). */
export interface ClusterObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
}

export const POLICY_API_GROUP = 'policy.networking.k8s.io';
export const CNP_API_VERSION = 'policy.networking.k8s.io/v1alpha2';
export const ANP_API_VERSION = 'policy.networking.k8s.io/v1alpha1';

export type Tier = 'Admin' | 'Baseline';

/** Pods in the namespaces the namespaceSelector matches whose labels match the podSelector. */
export interface NamespacedPod {
  namespaceSelector?: LabelSelector;
  podSelector?: LabelSelector;
}

/** Exactly one field is set (the CRD enforces it). */
export interface PolicySubject {
  namespaces?: LabelSelector;
  pods?: NamespacedPod;
}

export interface IngressPeer {
  namespaces?: LabelSelector;
  pods?: NamespacedPod;
}

export interface EgressPeer extends IngressPeer {
  /** CIDRs; they match pod addresses as well as external ones. */
  networks?: string[];
  /** Experimental: node label selector (the nodes' addresses). */
  nodes?: LabelSelector;
  /** Experimental: domain names (Accept / Allow rules only). */
  domainNames?: string[];
}

// --- v1alpha2 ---------------------------------------------------------------------------------

export type CnpAction = 'Accept' | 'Deny' | 'Pass';

export interface CnpPortRange {
  start: number;
  end: number;
}

/** Exactly one of number and range. */
export interface CnpPort {
  number?: number;
  range?: CnpPortRange;
}

export interface CnpProtocolPorts {
  destinationPort?: CnpPort;
}

/** Exactly one field is set: a protocol with its destination port, or a named destination port. */
export interface CnpProtocol {
  tcp?: CnpProtocolPorts;
  udp?: CnpProtocolPorts;
  sctp?: CnpProtocolPorts;
  destinationNamedPort?: string;
}

export interface CnpIngressRule {
  name?: string;
  action: CnpAction;
  from: IngressPeer[];
  protocols?: CnpProtocol[];
}

export interface CnpEgressRule {
  name?: string;
  action: CnpAction;
  to: EgressPeer[];
  protocols?: CnpProtocol[];
}

export interface ClusterNetworkPolicySpec {
  tier: Tier;
  priority: number;
  subject: PolicySubject;
  ingress?: CnpIngressRule[];
  egress?: CnpEgressRule[];
}

export interface ClusterNetworkPolicy {
  apiVersion: typeof CNP_API_VERSION;
  kind: 'ClusterNetworkPolicy';
  metadata: ClusterObjectMeta;
  spec: ClusterNetworkPolicySpec;
}

// --- v1alpha1 ---------------------------------------------------------------------------------

export type AnpAction = 'Allow' | 'Deny' | 'Pass';
export type BanpAction = 'Allow' | 'Deny';

/** Exactly one field is set. The protocols default to TCP (a CRD default). */
export interface AnpPort {
  portNumber?: { protocol?: Protocol; port: number };
  namedPort?: string;
  portRange?: { protocol?: Protocol; start: number; end: number };
}

export interface AnpIngressRule<A extends string = AnpAction> {
  name?: string;
  action: A;
  from: IngressPeer[];
  ports?: AnpPort[];
}

export interface AnpEgressRule<A extends string = AnpAction> {
  name?: string;
  action: A;
  to: EgressPeer[];
  ports?: AnpPort[];
}

export interface AdminNetworkPolicy {
  apiVersion: typeof ANP_API_VERSION;
  kind: 'AdminNetworkPolicy';
  metadata: ClusterObjectMeta;
  spec: { priority: number; subject: PolicySubject; ingress?: AnpIngressRule[]; egress?: AnpEgressRule[] };
}

export interface BaselineAdminNetworkPolicy {
  apiVersion: typeof ANP_API_VERSION;
  kind: 'BaselineAdminNetworkPolicy';
  metadata: ClusterObjectMeta;
  spec: { subject: PolicySubject; ingress?: AnpIngressRule<BanpAction>[]; egress?: AnpEgressRule<BanpAction>[] };
}

export type ClusterPolicy = ClusterNetworkPolicy | AdminNetworkPolicy | BaselineAdminNetworkPolicy;
export type ClusterPolicyKind = ClusterPolicy['kind'];

export const CLUSTER_POLICY_KINDS: readonly ClusterPolicyKind[] = ['ClusterNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'];

export function isClusterPolicyKind(kind: string): kind is ClusterPolicyKind {
  return (CLUSTER_POLICY_KINDS as readonly string[]).includes(kind);
}

export function isClusterPolicy(object: { kind: string }): object is ClusterPolicy {
  return isClusterPolicyKind(object.kind);
}

/** How people and reports name a cluster policy: `ClusterNetworkPolicy/deny-slytherin`. */
export function clusterPolicyId(policy: Pick<ClusterPolicy, 'kind' | 'metadata'>): string {
  return `${policy.kind}/${policy.metadata.name}`;
}

export function tierOf(policy: ClusterPolicy): Tier {
  switch (policy.kind) {
    case 'ClusterNetworkPolicy':
      return policy.spec.tier;
    case 'AdminNetworkPolicy':
      return 'Admin';
    case 'BaselineAdminNetworkPolicy':
      return 'Baseline';
  }
}

/**
 * The BaselineAdminNetworkPolicy has no priority. Where it shares the Baseline tier with
 * ClusterNetworkPolicies (no API defines that mix), this project orders it after every one of
 * them, as if it had a priority beyond the CNP range (docs/semantics.md).
 */
export const BANP_PRIORITY = 1001;

export function priorityOf(policy: ClusterPolicy): number {
  return policy.kind === 'BaselineAdminNetworkPolicy' ? BANP_PRIORITY : policy.spec.priority;
}

/**
 * The order policies of one tier are tried in: priority, then (for equal priorities, where the API
 * lets an implementation choose) kind and name, so every part of this project breaks ties alike.
 */
export function compareClusterPolicies(a: ClusterPolicy, b: ClusterPolicy): number {
  return priorityOf(a) - priorityOf(b) || a.kind.localeCompare(b.kind) || a.metadata.name.localeCompare(b.metadata.name);
}

/** What a rule's action does, whatever the version calls it. */
export type RuleEffect = 'allow' | 'deny' | 'pass';

export function effectOf(action: string): RuleEffect {
  switch (action) {
    case 'Accept':
    case 'Allow':
      return 'allow';
    case 'Pass':
      return 'pass';
    default:
      return 'deny';
  }
}
