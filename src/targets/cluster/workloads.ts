// What the cluster target keeps on the cluster: the run's namespaces, pods and policies, created,
// relabelled and deleted through the API, with the waits that make each step finished when it
// returns (pods Ready, deletions gone).
import { PatchStrategy, setHeaderOptions, type CoreV1Api, type NetworkingV1Api } from '@kubernetes/client-node';
import { TargetError } from '../../model/errors.js';
import { podId, withNamespaceNameLabel, type PodSpec } from '../../model/topology.js';
import type { Labels, NetworkPolicy } from '../../model/api.js';
import { describeKubeError, isConflict, isNotFound, type KubeConnection } from './kube.js';
import { clusterLabels, namespaceManifest, podManifest, servedPortsKey } from './manifests.js';
import { RUN_LABEL, clusterNamespace, isOwned, runSelector } from './naming.js';
import { rewritePolicy, type RewriteContext } from './policy-rewrite.js';
import { FIELD_MANAGER, type ResolvedSettings } from './settings.js';
import { waitGone, waitPodsReady, type PodRef } from './waiters.js';

export interface BuiltNamespace {
  cluster: string;
  labels: Record<string, string>;
}

export interface BuiltPod {
  spec: PodSpec;
  cluster: string;
  ip: string;
  portsKey: string;
  labels: Record<string, string>;
}

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
// Server-side apply through the generated API, whose `any` body goes out as written. (The generic
// KubernetesObjectApi serialises through the typed model, which calls an ingress rule's `from`
// `_from` and silently drops ours: every `from` would vanish and the policy would allow all.)
const SERVER_SIDE_APPLY = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);

/** A merge patch that makes `labels` exactly `desired` (removed keys set to null). */
export function labelPatch(current: Record<string, string>, desired: Record<string, string>): Record<string, string | null> | undefined {
  const patch: Record<string, string | null> = {};
  for (const key of Object.keys(current)) if (!(key in desired)) patch[key] = null;
  for (const [key, value] of Object.entries(desired)) if (current[key] !== value) patch[key] = value;
  return Object.keys(patch).length > 0 ? patch : undefined;
}

export class Workloads {
  /** By topology namespace name. */
  readonly namespaces = new Map<string, BuiltNamespace>();
  /** By topology endpoint id (`ns/pod`). */
  readonly pods = new Map<string, BuiltPod>();
  /** By cluster `namespace/name`. */
  readonly policies = new Map<string, { namespace: string; name: string }>();

  constructor(
    private readonly core: CoreV1Api,
    private readonly net: NetworkingV1Api,
    private readonly conn: KubeConnection,
    private readonly settings: ResolvedSettings,
  ) {}

  async call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw describeKubeError(error, action, this.conn);
    }
  }

  async ensureNamespace(name: string, labels: Labels): Promise<BuiltNamespace> {
    const desired = clusterLabels(labels, this.settings.runId);
    const built = this.namespaces.get(name);
    if (built) {
      const patch = labelPatch(built.labels, desired);
      if (patch) {
        await this.call(`relabelling namespace ${built.cluster}`, () => this.core.patchNamespace({ name: built.cluster, body: { metadata: { labels: patch } } }, MERGE_PATCH));
        built.labels = desired;
      }
      return built;
    }
    const cluster = clusterNamespace(name, this.settings.runId);
    await this.createNamespace(cluster, labels);
    const entry = { cluster, labels: desired };
    this.namespaces.set(name, entry);
    return entry;
  }

  async createNamespace(cluster: string, labels: Labels): Promise<void> {
    try {
      await this.core.createNamespace({ body: namespaceManifest(cluster, labels, this.settings.runId, new Date()) });
    } catch (error) {
      if (!isConflict(error)) throw describeKubeError(error, `creating namespace ${cluster}`, this.conn);
      // Only ever adopt a namespace this very run created (a retried request); never a stranger's.
      const existing = await this.call(`reading namespace ${cluster}`, () => this.core.readNamespace({ name: cluster }));
      const owned = existing.metadata?.labels;
      if (!isOwned(owned) || owned?.[RUN_LABEL] !== this.settings.runId) {
        throw new TargetError(`namespace ${cluster} already exists and is not owned by run ${this.settings.runId}; it was left untouched`);
      }
    }
  }

  /** Creates (or recreates) the pod when needed; returns it when it must be waited for. */
  async ensurePod(pod: PodSpec): Promise<PodRef | undefined> {
    const id = podId(pod.namespace, pod.name);
    const ns = this.namespaces.get(pod.namespace) ?? (await this.ensureNamespace(pod.namespace, withNamespaceNameLabel(pod.namespace, undefined)));
    const desired = clusterLabels(pod.labels, this.settings.runId);
    const portsKey = servedPortsKey(pod.ports);
    const built = this.pods.get(id);
    if (built && built.portsKey === portsKey) {
      const patch = labelPatch(built.labels, desired);
      if (patch) {
        await this.call(`relabelling pod ${built.cluster}/${pod.name}`, () =>
          this.core.patchNamespacedPod({ namespace: built.cluster, name: pod.name, body: { metadata: { labels: patch } } }, MERGE_PATCH),
        );
        built.labels = desired;
      }
      built.spec = asBuilt(pod, built.ip);
      return undefined;
    }
    if (built) await this.deletePods([id]);
    const body = podManifest(pod, ns.cluster, this.settings.image, this.settings.runId, this.settings.sctpUnsupported === undefined);
    await this.call(`creating pod ${ns.cluster}/${pod.name}`, () => this.core.createNamespacedPod({ namespace: ns.cluster, body }));
    this.pods.set(id, { spec: pod, cluster: ns.cluster, ip: '', portsKey, labels: desired });
    return { namespace: ns.cluster, name: pod.name };
  }

  async waitReady(refs: readonly PodRef[]): Promise<void> {
    if (refs.length === 0) return;
    const ready = await this.call('waiting for pods to become Ready', () =>
      waitPodsReady(this.core, refs, this.settings.readyTimeoutMs, this.settings.pollIntervalMs, runSelector(this.settings.runId)),
    );
    for (const built of this.pods.values()) {
      const pod = ready.get(`${built.cluster}/${built.spec.name}`);
      if (pod?.status?.podIP) built.ip = pod.status.podIP;
    }
  }

  async deletePods(ids: readonly string[]): Promise<void> {
    await Promise.all(
      ids.map(async (id) => {
        const built = this.pods.get(id);
        if (!built) return;
        const ref = { namespace: built.cluster, name: built.spec.name };
        await this.deleteAndWait(`pod ${ref.namespace}/${ref.name}`, () => this.core.deleteNamespacedPod(ref), () => this.core.readNamespacedPod(ref));
        this.pods.delete(id);
      }),
    );
  }

  async deleteAndWait(what: string, del: () => Promise<unknown>, read: () => Promise<unknown>): Promise<void> {
    await this.call(`deleting ${what}`, async () => {
      try {
        await del();
      } catch (error) {
        if (isNotFound(error)) return;
        throw error;
      }
      await waitGone(read, what, this.settings.deleteTimeoutMs, this.settings.pollIntervalMs);
    });
  }

  async deleteAllPolicies(): Promise<void> {
    const policies = [...this.policies.values()];
    await Promise.all(policies.map((p) => this.deletePolicy(p.namespace, p.name)));
  }

  async deletePolicy(namespace: string, name: string): Promise<void> {
    const ref = { namespace, name };
    await this.deleteAndWait(`NetworkPolicy ${namespace}/${name}`, () => this.net.deleteNamespacedNetworkPolicy(ref), () => this.net.readNamespacedNetworkPolicy(ref));
    this.policies.delete(`${namespace}/${name}`);
  }

  async applyPolicy(policy: NetworkPolicy, boundAddresses: RewriteContext['boundAddresses']): Promise<void> {
    const ns = this.namespaces.get(policy.metadata.namespace) ?? (await this.ensureNamespace(policy.metadata.namespace, withNamespaceNameLabel(policy.metadata.namespace, undefined)));
    const namespaces = new Map([...this.namespaces].map(([name, n]) => [name, n.cluster]));
    const { policy: body } = rewritePolicy(policy, { runId: this.settings.runId, namespaces, boundAddresses });
    await this.call(`applying NetworkPolicy ${ns.cluster}/${policy.metadata.name}`, () =>
      this.net.patchNamespacedNetworkPolicy({ namespace: ns.cluster, name: policy.metadata.name, body, fieldManager: FIELD_MANAGER, force: true }, SERVER_SIDE_APPLY),
    );
    this.policies.set(`${ns.cluster}/${policy.metadata.name}`, { namespace: ns.cluster, name: policy.metadata.name });
  }

  async removeNamespace(name: string): Promise<void> {
    const ns = this.namespaces.get(name);
    if (!ns) return;
    await this.deleteAndWait(`namespace ${ns.cluster}`, () => this.core.deleteNamespace({ name: ns.cluster }), () => this.core.readNamespace({ name: ns.cluster }));
    this.namespaces.delete(name);
    for (const [id, pod] of this.pods) if (pod.cluster === ns.cluster) this.pods.delete(id);
    for (const [key, p] of this.policies) if (p.namespace === ns.cluster) this.policies.delete(key);
  }

  /** Deletes every namespace of this run (found by its labels, so also ones this process lost track of). */
  async deleteRun(): Promise<void> {
    try {
      const list = await this.call("listing the run's namespaces", () => this.core.listNamespace({ labelSelector: runSelector(this.settings.runId) }));
      const names = list.items
        // Re-checked here: a server that ignored the label selector must not cost anyone a namespace.
        .filter((ns) => isOwned(ns.metadata?.labels) && ns.metadata?.labels?.[RUN_LABEL] === this.settings.runId)
        .map((ns) => ns.metadata?.name ?? '');
      await Promise.all(names.map((name) => this.deleteAndWait(`namespace ${name}`, () => this.core.deleteNamespace({ name }), () => this.core.readNamespace({ name }))));
    } finally {
      this.namespaces.clear();
      this.pods.clear();
      this.policies.clear();
    }
  }
}

/**
 * A pod as the cluster runs it: with the one address the cluster gave it. The addresses a topology
 * states (a dual-stack pair the model derived) are the cluster's to choose, so they go.
 */
export function asBuilt(pod: PodSpec, ip: string): PodSpec {
  const built: PodSpec = { ...pod, ip };
  delete built.ips;
  return built;
}
