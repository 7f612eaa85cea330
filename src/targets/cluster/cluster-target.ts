// The cluster target: the topology as run-scoped namespaces and agnhost pods on a real cluster,
// policies applied server-side, probes by batched `agnhost connect` execs (DESIGN.md, "cluster").
import { CoreV1Api, NetworkingV1Api, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import { TargetError, UnknownEndpointError } from '../../model/errors.js';
import { namespaceLabels, podPorts } from '../../model/topology.js';
import { podId, type ExternalHost, type Flow, type KubeObject, type Labels, type NetworkPolicy, type Observation, type ObjectRef, type PodSpec, type Topology } from '../../model/types.js';
import type { Capability, ProbeOptions, Target } from '../target.js';
import { dryRunCreate, type DryRunCause } from './dry-run.js';
import { createPodExecutor, type PodExecutor } from './exec-runner.js';
import type { ExternalContext, ExternalEndpoint, ExternalHostProvider } from './externals/provider.js';
import { describeKubeError, isConflict, isNotFound, shellQuote, type KubeConnection } from './kube.js';
import { CONTAINER_NAME, clusterLabels, namespaceManifest, podManifest, servedPortsKey } from './manifests.js';
import { clusterNamespace, isOwned, runSelector } from './naming.js';
import { rewritePolicy } from './policy-rewrite.js';
import { connectArgs, execCommand, parseProbeOutput, type ProbeCommand } from './probe-script.js';
import { probeInRounds, type PlannedProbe } from './prober.js';
import { FIELD_MANAGER, type ResolvedSettings } from './settings.js';
import { waitGone, waitPodsReady, type PodRef } from './waiters.js';

interface BuiltNamespace {
  cluster: string;
  labels: Record<string, string>;
}

interface BuiltPod {
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
function labelPatch(current: Record<string, string>, desired: Record<string, string>): Record<string, string | null> | undefined {
  const patch: Record<string, string | null> = {};
  for (const key of Object.keys(current)) if (!(key in desired)) patch[key] = null;
  for (const [key, value] of Object.entries(desired)) if (current[key] !== value) patch[key] = value;
  return Object.keys(patch).length > 0 ? patch : undefined;
}

export class ClusterTarget implements Target {
  readonly name: string;
  readonly lacking = new Map<Capability, string>();
  private readonly core: CoreV1Api;
  private readonly net: NetworkingV1Api;
  private readonly executor: PodExecutor;
  private namespaces = new Map<string, BuiltNamespace>();
  private pods = new Map<string, BuiltPod>();
  private policies = new Map<string, { namespace: string; name: string }>();
  private externals = new Map<string, ExternalEndpoint>();
  private externalsKey = '';
  private scratchNamespace: string | undefined;
  private absentExternals = new Set<string>();

  constructor(
    private readonly conn: KubeConnection,
    private readonly settings: ResolvedSettings,
    private readonly provider: ExternalHostProvider,
    kc: KubeConfig = conn.kc,
  ) {
    this.name = `cluster:${conn.context}`;
    this.core = kc.makeApiClient(CoreV1Api);
    this.net = kc.makeApiClient(NetworkingV1Api);
    this.executor = createPodExecutor(kc);
  }

  get runId(): string {
    return this.settings.runId;
  }

  private async call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw describeKubeError(error, action, this.conn);
    }
  }

  get externalContext(): ExternalContext {
    return { runId: this.runId, context: this.conn.context, podCidr: this.settings.podCidr, image: this.settings.image };
  }

  /** Fails before anything is created when the API server cannot be reached or refuses us. */
  async preflight(): Promise<void> {
    await this.call('checking access to the cluster', () => this.core.listNamespace({ labelSelector: runSelector(this.runId), limit: 1 }));
    const reason = await this.provider.unavailable(this.externalContext);
    if (reason !== undefined) this.lacking.set('external', reason);
  }

  async up(topology: Topology): Promise<Topology> {
    try {
      for (const ns of topology.namespaces) clusterNamespace(ns.name, this.runId);
      await this.deleteAllPolicies();
      for (const ns of topology.namespaces) await this.ensureNamespace(ns.name, ns.labels);
      const wanted = new Set(topology.pods.map((p) => podId(p.namespace, p.name)));
      const stale = [...this.pods.keys()].filter((id) => !wanted.has(id));
      await this.deletePods(stale);
      const created: PodRef[] = [];
      for (const pod of topology.pods) {
        const ref = await this.ensurePod(pod);
        if (ref) created.push(ref);
      }
      await this.waitReady(created);
      await this.ensureExternals(topology.externals);
      return this.builtTopology(topology);
    } catch (error) {
      // Nothing half-built survives a failed up(): the next scenario starts from scratch.
      await this.down().catch(() => undefined);
      throw error;
    }
  }

  private builtTopology(topology: Topology): Topology {
    return {
      namespaces: topology.namespaces.map((n) => ({ ...n, labels: { ...n.labels } })),
      pods: topology.pods.map((p) => ({ ...p, labels: { ...p.labels }, ports: [...p.ports], ip: this.pods.get(podId(p.namespace, p.name))?.ip ?? p.ip })),
      externals: topology.externals.map((e) => ({ ...e, ports: [...e.ports] })),
    };
  }

  private async ensureNamespace(name: string, labels: Labels): Promise<BuiltNamespace> {
    const desired = clusterLabels(labels, this.runId);
    const built = this.namespaces.get(name);
    if (built) {
      const patch = labelPatch(built.labels, desired);
      if (patch) {
        await this.call(`relabelling namespace ${built.cluster}`, () => this.core.patchNamespace({ name: built.cluster, body: { metadata: { labels: patch } } }, MERGE_PATCH));
        built.labels = desired;
      }
      return built;
    }
    const cluster = clusterNamespace(name, this.runId);
    await this.createNamespace(cluster, labels);
    const entry = { cluster, labels: desired };
    this.namespaces.set(name, entry);
    return entry;
  }

  private async createNamespace(cluster: string, labels: Labels): Promise<void> {
    try {
      await this.core.createNamespace({ body: namespaceManifest(cluster, labels, this.runId, new Date()) });
    } catch (error) {
      if (!isConflict(error)) throw describeKubeError(error, `creating namespace ${cluster}`, this.conn);
      // Only ever adopt a namespace this very run created (a retried request); never a stranger's.
      const existing = await this.call(`reading namespace ${cluster}`, () => this.core.readNamespace({ name: cluster }));
      const owned = existing.metadata?.labels;
      if (!isOwned(owned) || owned?.['netpol-conformance/run'] !== this.runId) {
        throw new TargetError(`namespace ${cluster} already exists and is not owned by run ${this.runId}; it was left untouched`);
      }
    }
  }

  /** Creates (or recreates) the pod when needed; returns it when it must be waited for. */
  private async ensurePod(pod: PodSpec): Promise<PodRef | undefined> {
    const id = podId(pod.namespace, pod.name);
    const ns = this.namespaces.get(pod.namespace) ?? (await this.ensureNamespace(pod.namespace, namespaceLabels(pod.namespace, undefined)));
    const desired = clusterLabels(pod.labels, this.runId);
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
      built.spec = { ...pod, ip: built.ip };
      return undefined;
    }
    if (built) await this.deletePods([id]);
    const body = podManifest(pod, ns.cluster, this.settings.image, this.runId);
    await this.call(`creating pod ${ns.cluster}/${pod.name}`, () => this.core.createNamespacedPod({ namespace: ns.cluster, body }));
    this.pods.set(id, { spec: pod, cluster: ns.cluster, ip: '', portsKey, labels: desired });
    return { namespace: ns.cluster, name: pod.name };
  }

  private async waitReady(refs: readonly PodRef[]): Promise<void> {
    if (refs.length === 0) return;
    const ready = await this.call('waiting for pods to become Ready', () =>
      waitPodsReady(this.core, refs, this.settings.readyTimeoutMs, this.settings.pollIntervalMs, runSelector(this.runId)),
    );
    for (const built of this.pods.values()) {
      const pod = ready.get(`${built.cluster}/${built.spec.name}`);
      if (pod?.status?.podIP) built.ip = pod.status.podIP;
    }
  }

  private async deletePods(ids: readonly string[]): Promise<void> {
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

  private async deleteAndWait(what: string, del: () => Promise<unknown>, read: () => Promise<unknown>): Promise<void> {
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

  private async deleteAllPolicies(): Promise<void> {
    const policies = [...this.policies.values()];
    await Promise.all(policies.map((p) => this.deletePolicy(p.namespace, p.name)));
  }

  private async deletePolicy(namespace: string, name: string): Promise<void> {
    const ref = { namespace, name };
    await this.deleteAndWait(`NetworkPolicy ${namespace}/${name}`, () => this.net.deleteNamespacedNetworkPolicy(ref), () => this.net.readNamespacedNetworkPolicy(ref));
    this.policies.delete(`${namespace}/${name}`);
  }

  private async ensureExternals(hosts: readonly ExternalHost[]): Promise<void> {
    // Without external hosts the pods still come up: scenarios that need externals are skipped
    // (the capability is lacking) and a probe that names one fails with the reason.
    this.absentExternals = this.lacking.has('external') ? new Set(hosts.map((h) => h.name)) : new Set();
    if (this.lacking.has('external')) return;
    const key = JSON.stringify(hosts.map((h) => [h.name, h.ip, h.ports]).sort());
    if (key === this.externalsKey) return;
    await this.provider.stop();
    this.externals.clear();
    this.externalsKey = '';
    if (hosts.length === 0) return;
    for (const endpoint of await this.provider.start(hosts, this.externalContext)) this.externals.set(endpoint.name, endpoint);
    this.externalsKey = key;
  }

  private rewriteContext() {
    const namespaces = new Map([...this.namespaces].map(([name, ns]) => [name, ns.cluster]));
    const boundAddresses = new Map([...this.externals.values()].filter((e) => e.ip !== e.declaredIp).map((e) => [e.declaredIp, e.ip]));
    return { runId: this.runId, namespaces, boundAddresses };
  }

  async apply(objects: readonly KubeObject[]): Promise<void> {
    const created: PodRef[] = [];
    for (const object of objects) {
      switch (object.kind) {
        case 'NetworkPolicy':
          await this.applyPolicy(object);
          break;
        case 'Namespace':
          await this.ensureNamespace(object.metadata.name, namespaceLabels(object.metadata.name, object.metadata.labels));
          break;
        case 'Pod': {
          const existing = this.pods.get(podId(object.metadata.namespace, object.metadata.name));
          const spec: PodSpec = { namespace: object.metadata.namespace, name: object.metadata.name, labels: { ...object.metadata.labels }, ip: existing?.ip ?? '', ports: podPorts(object) };
          const ref = await this.ensurePod(spec);
          if (ref) created.push(ref);
          break;
        }
      }
    }
    await this.waitReady(created);
  }

  private async applyPolicy(policy: NetworkPolicy): Promise<void> {
    const ns = this.namespaces.get(policy.metadata.namespace) ?? (await this.ensureNamespace(policy.metadata.namespace, namespaceLabels(policy.metadata.namespace, undefined)));
    const { policy: body } = rewritePolicy(policy, this.rewriteContext());
    await this.call(`applying NetworkPolicy ${ns.cluster}/${policy.metadata.name}`, () =>
      this.net.patchNamespacedNetworkPolicy({ namespace: ns.cluster, name: policy.metadata.name, body, fieldManager: FIELD_MANAGER, force: true }, SERVER_SIDE_APPLY),
    );
    this.policies.set(`${ns.cluster}/${policy.metadata.name}`, { namespace: ns.cluster, name: policy.metadata.name });
  }

  async remove(refs: readonly ObjectRef[]): Promise<void> {
    for (const ref of refs) {
      switch (ref.kind) {
        case 'NetworkPolicy': {
          const ns = this.namespaces.get(ref.namespace ?? '');
          if (ns) await this.deletePolicy(ns.cluster, ref.name);
          break;
        }
        case 'Pod':
          await this.deletePods([podId(ref.namespace ?? '', ref.name)]);
          break;
        case 'Namespace': {
          const ns = this.namespaces.get(ref.name);
          if (!ns) break;
          await this.deleteAndWait(`namespace ${ns.cluster}`, () => this.core.deleteNamespace({ name: ns.cluster }), () => this.core.readNamespace({ name: ns.cluster }));
          this.namespaces.delete(ref.name);
          for (const [id, pod] of this.pods) if (pod.cluster === ns.cluster) this.pods.delete(id);
          for (const [key, p] of this.policies) if (p.namespace === ns.cluster) this.policies.delete(key);
          break;
        }
      }
    }
  }

  private plan(flow: Flow): PlannedProbe {
    for (const end of [flow.from, flow.to]) {
      if (this.absentExternals.has(end)) throw new TargetError(`external host ${end} is not running on this cluster: ${this.lacking.get('external') ?? 'unavailable'}`);
    }
    const destination = this.pods.get(flow.to) ?? this.externals.get(flow.to);
    const known = (): string[] => [...this.pods.keys(), ...this.externals.keys()];
    if (!destination) throw new UnknownEndpointError(flow.to, known());
    const command: ProbeCommand = { host: destination.ip, port: flow.port, protocol: flow.protocol, timeoutSeconds: this.settings.connectTimeoutSeconds };
    const args = connectArgs(command);
    const pod = this.pods.get(flow.from);
    const notes = [this.externals.get(flow.from), this.externals.get(flow.to)]
      .filter((e): e is ExternalEndpoint => e?.note !== undefined)
      .map((e) => e.note as string);
    if (pod) {
      const reproduce = `kubectl ${this.conn.kubectlFlags} exec -n ${pod.cluster} ${shellQuote(pod.spec.name)} -c ${CONTAINER_NAME} -- ${args.join(' ')}`;
      return { flow, source: flow.from, command, reproduce, notes };
    }
    const external = this.externals.get(flow.from);
    if (!external) throw new UnknownEndpointError(flow.from, known());
    return { flow, source: flow.from, command, reproduce: external.reproduce(args), notes };
  }

  async probe(flows: readonly Flow[], options: ProbeOptions = {}): Promise<Observation[]> {
    const planned = flows.map((flow) => this.plan(flow));
    return probeInRounds(planned, options.expected, (source, probes) => this.runBatch(source, probes), this.settings);
  }

  private async runBatch(source: string, probes: readonly ProbeCommand[]) {
    const command = execCommand(probes);
    const pod = this.pods.get(source);
    const result = pod
      ? await this.executor.exec(pod.cluster, pod.spec.name, CONTAINER_NAME, command, this.settings.execTimeoutMs)
      : await (this.externals.get(source) as ExternalEndpoint).exec(command, this.settings.execTimeoutMs);
    return parseProbeOutput(result.stdout, probes.length);
  }

  /** Server-side dry-run create of a NetworkPolicy: the API server's own validation causes (empty when valid). */
  async dryRunValidate(policy: unknown): Promise<DryRunCause[]> {
    const namespace = [...this.namespaces.values()][0]?.cluster ?? (await this.ensureScratchNamespace());
    return this.call('validating a NetworkPolicy with a server-side dry run', () => dryRunCreate(this.net, namespace, policy));
  }

  private async ensureScratchNamespace(): Promise<string> {
    if (this.scratchNamespace) return this.scratchNamespace;
    const name = clusterNamespace('validate', this.runId);
    await this.createNamespace(name, {});
    this.scratchNamespace = name;
    return name;
  }

  async down(): Promise<void> {
    const errors: unknown[] = [];
    await this.provider.stop().catch((error: unknown) => errors.push(error));
    this.externals.clear();
    this.externalsKey = '';
    try {
      const list = await this.call('listing the run\'s namespaces', () => this.core.listNamespace({ labelSelector: runSelector(this.runId) }));
      // Deletions run in parallel and each is awaited until the namespace is gone.
      await Promise.all(
        list.items
          .filter((ns) => isOwned(ns.metadata?.labels))
          .map((ns) => ns.metadata?.name ?? '')
          .map((name) => this.deleteAndWait(`namespace ${name}`, () => this.core.deleteNamespace({ name }), () => this.core.readNamespace({ name }))),
      );
    } catch (error) {
      errors.push(error);
    }
    this.namespaces.clear();
    this.pods.clear();
    this.policies.clear();
    this.scratchNamespace = undefined;
    if (errors.length > 0) throw errors[0];
  }
}
