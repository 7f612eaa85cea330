// The fake API server's objects: namespaces, pods (with a status the fake drives), network policies
// and events, plus the small pieces of API machinery the cluster target relies on (label selectors,
// JSON merge patch, resource versions, graceful deletion).
import type { NetworkPolicySpec, Protocol } from '../../src/model/api.js';

export interface Meta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  deletionTimestamp?: string;
  managedFields?: { manager: string; operation: string }[];
}

export interface StoredNamespace {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: Meta;
  status: { phase: 'Active' | 'Terminating' };
}

export interface StoredContainerPort {
  containerPort: number;
  name?: string;
  protocol?: Protocol;
}

export interface StoredContainer {
  name: string;
  image?: string;
  args?: string[];
  env?: { name: string; value?: string }[];
  ports?: StoredContainerPort[];
}

export interface PodCondition {
  type: string;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
}

export interface StoredPod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: Meta & { namespace: string };
  spec: { containers: StoredContainer[]; [key: string]: unknown };
  status: {
    phase: string;
    podIP?: string;
    conditions?: PodCondition[];
    containerStatuses?: { name: string; ready: boolean; restartCount: number; state: Record<string, { reason?: string; message?: string; exitCode?: number }> }[];
  };
}

export interface StoredPolicy {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'NetworkPolicy';
  metadata: Meta & { namespace: string };
  spec: NetworkPolicySpec;
}

/** A ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy, as stored. */
export interface StoredClusterPolicy {
  apiVersion: string;
  kind: 'ClusterNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';
  metadata: Meta;
  spec: Record<string, unknown>;
  /** What a controller reports (AdminNetworkPolicy's conditions); the fake never writes it. */
  status?: Record<string, unknown>;
}

export interface StoredEvent {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: Meta & { namespace: string };
  involvedObject: { kind: string; name: string; namespace: string };
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7386 JSON merge patch: objects merge, null deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return patch;
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** Equality-based label selectors (`a=b,c!=d,e`), what the cluster target sends. */
export function labelsMatch(selector: string | null, labels: Record<string, string> | undefined): boolean {
  if (!selector) return true;
  const have = labels ?? {};
  return selector.split(',').every((term) => {
    const t = term.trim();
    if (t === '') return true;
    const ne = t.indexOf('!=');
    if (ne >= 0) return have[t.slice(0, ne)] !== t.slice(ne + 2);
    const eq = t.indexOf('=');
    if (eq >= 0) return have[t.slice(0, eq)] === t.slice(t[eq + 1] === '=' ? eq + 2 : eq + 1);
    if (t.startsWith('!')) return !(t.slice(1) in have);
    return t in have;
  });
}

export class Store {
  readonly namespaces = new Map<string, StoredNamespace>();
  readonly pods = new Map<string, StoredPod>();
  readonly policies = new Map<string, StoredPolicy>();
  /** By `plural/name`. */
  readonly clusterPolicies = new Map<string, StoredClusterPolicy>();
  readonly events: StoredEvent[] = [];
  /** Workloads (Deployments, StatefulSets, ...) as a cluster would list them; read-only here. */
  readonly workloads: { apiVersion: string; kind: string; metadata: { name: string; namespace: string } & Record<string, unknown>; [key: string]: unknown }[] = [];
  private version = 1;
  private uid = 1;
  /** Bumped on every policy write or deletion: what the data plane must catch up with. */
  policyGeneration = 0;

  meta(name: string, namespace: string | undefined, source?: { labels?: Record<string, string>; annotations?: Record<string, string> }): Meta {
    return {
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(source?.labels ? { labels: { ...source.labels } } : {}),
      ...(source?.annotations ? { annotations: { ...source.annotations } } : {}),
      uid: `uid-${this.uid++}`,
      resourceVersion: String(this.version++),
      creationTimestamp: new Date().toISOString(),
    };
  }

  touch(meta: Meta): void {
    meta.resourceVersion = String(this.version++);
  }

  podsIn(namespace: string): StoredPod[] {
    return [...this.pods.values()].filter((p) => p.metadata.namespace === namespace);
  }

  policiesIn(namespace: string): StoredPolicy[] {
    return [...this.policies.values()].filter((p) => p.metadata.namespace === namespace);
  }

  /** Removes a namespace and everything in it (the namespace controller's job). */
  purgeNamespace(name: string): void {
    this.namespaces.delete(name);
    for (const [key, pod] of this.pods) if (pod.metadata.namespace === name) this.pods.delete(key);
    for (const [key, policy] of this.policies) if (policy.metadata.namespace === name) this.policies.delete(key);
    for (let i = this.events.length - 1; i >= 0; i--) if (this.events[i]?.metadata.namespace === name) this.events.splice(i, 1);
    this.policyGeneration++;
  }

  addEvent(pod: StoredPod, type: StoredEvent['type'], reason: string, message: string): void {
    const ns = pod.metadata.namespace;
    this.events.push({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { ...this.meta(`${pod.metadata.name}.${this.uid}`, ns), namespace: ns },
      involvedObject: { kind: 'Pod', name: pod.metadata.name, namespace: ns },
      type,
      reason,
      message,
    });
  }
}
