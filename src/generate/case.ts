// A generated case: what a scenario does, step by step, before any expectation is known. The
// systematic families (./families) and the fuzzer's reproductions both produce cases; ./plan.ts
// asks the engine what every probe step must see, and src/report/feature-writer.ts writes the
// result as Gherkin that runs like any hand-written feature.
import type { LabelSelector, NetworkPolicy, NetworkPolicySpec } from '../model/api.js';
import type { ClusterPolicy, ClusterPolicyKind } from '../model/cluster-policy.js';
import type { EndpointId, ExternalHost } from '../model/topology.js';
import type { Direction } from '../model/verdicts.js';

/** A NetworkPolicy or one of the cluster-scoped kinds (ClusterNetworkPolicy, ANP, BANP). */
export type AnyPolicy = NetworkPolicy | ClusterPolicy;

export type CaseStep =
  /** Create or update policies (NetworkPolicies by namespace/name, the others by kind/name), as `kubectl apply`. */
  | { kind: 'apply'; policies: AnyPolicy[] }
  | { kind: 'delete-policy'; namespace: string; name: string }
  | { kind: 'delete-cluster-policy'; policyKind: ClusterPolicyKind; name: string }
  /** `key=value` sets, `key-` removes, as `kubectl label`. */
  | { kind: 'label-pod'; pod: EndpointId; changes: string }
  | { kind: 'label-namespace'; namespace: string; changes: string }
  | { kind: 'delete-pod'; pod: EndpointId }
  /** Every flow of the current state on every probed port: the engine says what it must be. */
  | { kind: 'probe' };

export interface GeneratedCase {
  /** The scenario's name; unique within its family. */
  name: string;
  /** One sentence: what the case varies and why it matters. */
  description: string;
  /** Area tags (`@ingress`, `@update`, ...); capability tags are derived from what the case does. */
  tags: string[];
  steps: CaseStep[];
  /** External hosts the scenario declares next to the x/y/z model. */
  externals?: ExternalHost[];
}

export function networkPolicy(namespace: string, name: string, spec: NetworkPolicySpec): NetworkPolicy {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace, name }, spec };
}

/** A case of one step that applies the policies and one that probes everything. */
export function singleStep(name: string, description: string, tags: string[], policies: AnyPolicy[], externals?: ExternalHost[]): GeneratedCase {
  return { name, description, tags, steps: [{ kind: 'apply', policies }, { kind: 'probe' }], ...(externals ? { externals } : {}) };
}

/** Selectors of the x/y/z model: pods are labelled `pod=<name>`, namespaces by their name label. */
export const podLabel = (name: string): LabelSelector => ({ matchLabels: { pod: name } });
export const podIn = (...names: string[]): LabelSelector => ({ matchExpressions: [{ key: 'pod', operator: 'In', values: names }] });
export const nsLabel = (name: string): LabelSelector => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
export const nsIn = (...names: string[]): LabelSelector => ({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: names }] });

export const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

/** `Ingress` for 'ingress', as policyTypes spells it. */
export function policyType(direction: Direction): 'Ingress' | 'Egress' {
  return direction === 'ingress' ? 'Ingress' : 'Egress';
}
