// Builders for cluster-scoped policies in engine tests: ClusterNetworkPolicy (v1alpha2) and
// AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1), written as compactly as the tests need.
import type {
  AdminNetworkPolicy,
  AnpEgressRule,
  AnpIngressRule,
  BaselineAdminNetworkPolicy,
  BanpAction,
  ClusterNetworkPolicy,
  CnpEgressRule,
  CnpIngressRule,
  PolicySubject,
  Tier,
} from '../../src/model/cluster-policy.js';
import type { LabelSelector } from '../../src/model/api.js';

export function cnp(name: string, tier: Tier, priority: number, subject: PolicySubject, rules: { ingress?: CnpIngressRule[]; egress?: CnpEgressRule[] }): ClusterNetworkPolicy {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name }, spec: { tier, priority, subject, ...rules } };
}

export function anp(name: string, priority: number, subject: PolicySubject, rules: { ingress?: AnpIngressRule[]; egress?: AnpEgressRule[] }): AdminNetworkPolicy {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name }, spec: { priority, subject, ...rules } };
}

export function banp(subject: PolicySubject, rules: { ingress?: AnpIngressRule<BanpAction>[]; egress?: AnpEgressRule<BanpAction>[] }): BaselineAdminNetworkPolicy {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' }, spec: { subject, ...rules } };
}

/** `{namespaces: {matchLabels: {kubernetes.io/metadata.name: x}}}` */
export function inNamespace(name: string): { namespaces: LabelSelector } {
  return { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': name } } };
}

/** Pods labelled pod=<name> in namespace <ns>. */
export function podIn(ns: string, name: string): { pods: { namespaceSelector: LabelSelector; podSelector: LabelSelector } } {
  return { pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } }, podSelector: { matchLabels: { pod: name } } } };
}

export const ALL_NAMESPACES: PolicySubject = { namespaces: {} };
