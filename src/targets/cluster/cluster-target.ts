// The cluster target: the topology as run-scoped namespaces and agnhost pods on a real cluster,
// policies applied server-side, probes by batched `agnhost connect` execs (docs/cluster.md).
import { ApisApi, CoreV1Api, CustomObjectsApi, NetworkingV1Api, type KubeConfig } from '@kubernetes/client-node';
import { isClusterPolicy, isClusterPolicyKind, type ClusterPolicyKind } from '../../model/cluster-policy.js';
import { TargetError, UnknownEndpointError } from '../../model/errors.js';
import { podId, withNamespaceNameLabel, type ExternalHost, type PodSpec, type Topology } from '../../model/topology.js';
import { podPorts } from '../../model/build-topology.js';
import type { Flow, Observation } from '../../model/verdicts.js';
import type { KubeObject, ObjectRef } from '../../model/api.js';
import type { Capability, ProbeOptions, Target } from '../target.js';
import { ClusterPolicies, POLICY_RESOURCES, servedKinds, servedPolicyVersions } from './cluster-policies.js';
import { dryRunCreate, dryRunCreateClusterPolicy, type DryRunCause } from './dry-run.js';
import { createPodExecutor, type PodExecutor } from './exec-runner.js';
import type { ExternalContext, ExternalEndpoint, ExternalHostProvider } from './externals/provider.js';
import { shellQuote, type KubeConnection } from './kube.js';
import { CONTAINER_NAME } from './manifests.js';
import { clusterNamespace, runSelector } from './naming.js';
import { connectArgs, execCommand, parseProbeOutput, type ProbeCommand } from './probe-script.js';
import { probeInRounds, type PlannedProbe } from './prober.js';
import type { ResolvedSettings } from './settings.js';
import type { PodRef } from './waiters.js';
import { asBuilt, Workloads } from './workloads.js';

export class ClusterTarget implements Target {
  readonly name: string;
  readonly lacking = new Map<Capability, string>();
  private readonly core: CoreV1Api;
  private readonly net: NetworkingV1Api;
  private readonly executor: PodExecutor;
  private readonly workloads: Workloads;
  private readonly apis: ApisApi;
  private readonly custom: CustomObjectsApi;
  private readonly tiers: ClusterPolicies;
  /** The cluster-scoped policy kinds the API server serves (found by discovery in preflight). */
  private kinds: ReadonlySet<ClusterPolicyKind> = new Set();
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
    this.workloads = new Workloads(this.core, this.net, conn, settings);
    this.apis = kc.makeApiClient(ApisApi);
    this.custom = kc.makeApiClient(CustomObjectsApi);
    this.tiers = new ClusterPolicies(this.custom, this.workloads, settings.runId, () => this.kinds);
  }

  get runId(): string {
    return this.settings.runId;
  }

  get externalContext(): ExternalContext {
    return { runId: this.runId, context: this.conn.context, podCidr: this.settings.podCidr, image: this.settings.image };
  }

  /** Fails before anything is created when the API server cannot be reached or refuses us. */
  async preflight(): Promise<void> {
    await this.workloads.call('checking access to the cluster', () => this.core.listNamespace({ labelSelector: runSelector(this.runId), limit: 1 }));
    if (this.settings.sctpUnsupported !== undefined) this.lacking.set('sctp', this.settings.sctpUnsupported);
    const reason = await this.provider.unavailable(this.externalContext);
    if (reason !== undefined) this.lacking.set('external', reason);
    // Pods' IPv6 addresses (status.podIPs) and IPv6 external hosts are not built or probed yet.
    this.lacking.set('ipv6', 'the cluster target probes IPv4 only: dual-stack pods and IPv6 external hosts are not built on a cluster yet');
    await this.discoverPolicyApis();
  }

  /** Which cluster-scoped policy versions the API server serves: the capabilities cnp and anp. */
  private async discoverPolicyApis(): Promise<void> {
    const versions = await this.workloads.call('discovering the API groups the cluster serves', () => servedPolicyVersions(this.apis));
    this.kinds = servedKinds(versions);
    const missing = (version: string, kinds: string): string =>
      `the cluster does not serve policy.networking.k8s.io/${version} (${kinds}); "cluster up --cni" installs it with a CNI that implements it (docs/cluster.md)`;
    if (!versions.has(POLICY_RESOURCES.ClusterNetworkPolicy.version)) this.lacking.set('cnp', missing('v1alpha2', 'ClusterNetworkPolicy'));
    if (!versions.has(POLICY_RESOURCES.AdminNetworkPolicy.version)) this.lacking.set('anp', missing('v1alpha1', 'AdminNetworkPolicy, BaselineAdminNetworkPolicy'));
    // A scenario cannot declare nodes or resolvable names yet, so no claim could involve them.
    this.lacking.set('nodes-peer', 'scenarios cannot declare nodes, so a nodes peer (experimental) cannot be judged');
    this.lacking.set('domain-names-peer', 'scenarios cannot declare domain names, so a domainNames peer (experimental) cannot be judged');
  }

  private clusterNamespaces(): Map<string, string> {
    return new Map([...this.workloads.namespaces].map(([name, ns]) => [name, ns.cluster]));
  }

  async up(topology: Topology): Promise<Topology> {
    try {
      for (const ns of topology.namespaces) clusterNamespace(ns.name, this.runId);
      await this.workloads.deleteAllPolicies();
      await this.tiers.deleteApplied();
      for (const ns of topology.namespaces) await this.workloads.ensureNamespace(ns.name, ns.labels);
      const wanted = new Set(topology.pods.map((p) => podId(p.namespace, p.name)));
      await this.workloads.deletePods([...this.workloads.pods.keys()].filter((id) => !wanted.has(id)));
      const created: PodRef[] = [];
      for (const pod of topology.pods) {
        const ref = await this.workloads.ensurePod(pod);
        if (ref) created.push(ref);
      }
      await this.workloads.waitReady(created);
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
      pods: topology.pods.map((p) => asBuilt({ ...p, labels: { ...p.labels }, ports: [...p.ports] }, this.workloads.pods.get(podId(p.namespace, p.name))?.ip ?? p.ip)),
      externals: topology.externals.map((e) => ({ ...e, ports: [...e.ports] })),
    };
  }

  private async ensureExternals(hosts: readonly ExternalHost[]): Promise<void> {
    // Without external hosts the pods still come up: scenarios that need externals are skipped
    // (the capability is lacking) and a probe that names one fails with the reason.
    this.absentExternals = this.lacking.has('external') ? new Set(hosts.map((h) => h.name)) : new Set();
    if (this.lacking.has('external')) return;
    const key = JSON.stringify(hosts.map((h) => JSON.stringify([h.name, h.ip, h.ports])).sort((a, b) => a.localeCompare(b)));
    if (key === this.externalsKey) return;
    await this.provider.stop();
    this.externals.clear();
    this.externalsKey = '';
    if (hosts.length === 0) return;
    for (const endpoint of await this.provider.start(hosts, this.externalContext)) this.externals.set(endpoint.name, endpoint);
    this.externalsKey = key;
  }

  /** Declared external address -> real one, where they differ (policy-rewrite binds the /32). */
  private boundAddresses(): Map<string, string> {
    return new Map([...this.externals.values()].filter((e) => e.ip !== e.declaredIp).map((e) => [e.declaredIp, e.ip]));
  }

  async apply(objects: readonly KubeObject[]): Promise<void> {
    const created: PodRef[] = [];
    for (const object of objects) {
      if (isClusterPolicy(object)) {
        await this.tiers.apply(object, { namespaces: this.clusterNamespaces(), boundAddresses: this.boundAddresses() });
        continue;
      }
      switch (object.kind) {
        case 'NetworkPolicy':
          await this.workloads.applyPolicy(object, this.boundAddresses());
          break;
        case 'Namespace':
          await this.workloads.ensureNamespace(object.metadata.name, withNamespaceNameLabel(object.metadata.name, object.metadata.labels));
          break;
        case 'Pod': {
          const existing = this.workloads.pods.get(podId(object.metadata.namespace, object.metadata.name));
          const spec: PodSpec = { namespace: object.metadata.namespace, name: object.metadata.name, labels: { ...object.metadata.labels }, ip: existing?.ip ?? '', ports: podPorts(object) };
          const ref = await this.workloads.ensurePod(spec);
          if (ref) created.push(ref);
          break;
        }
      }
    }
    await this.workloads.waitReady(created);
  }

  async remove(refs: readonly ObjectRef[]): Promise<void> {
    for (const ref of refs) {
      if (isClusterPolicyKind(ref.kind)) {
        await this.tiers.delete(ref.kind, ref.name);
        continue;
      }
      switch (ref.kind) {
        case 'NetworkPolicy': {
          const ns = this.workloads.namespaces.get(ref.namespace ?? '');
          if (ns) await this.workloads.deletePolicy(ns.cluster, ref.name);
          break;
        }
        case 'Pod':
          await this.workloads.deletePods([podId(ref.namespace ?? '', ref.name)]);
          break;
        case 'Namespace':
          await this.workloads.removeNamespace(ref.name);
          break;
      }
    }
  }

  private plan(flow: Flow): PlannedProbe {
    for (const end of [flow.from, flow.to]) {
      if (this.absentExternals.has(end)) throw new TargetError(`external host ${end} is not running on this cluster: ${this.lacking.get('external') ?? 'unavailable'}`);
    }
    const destination = this.workloads.pods.get(flow.to) ?? this.externals.get(flow.to);
    const known = (): string[] => [...this.workloads.pods.keys(), ...this.externals.keys()];
    if (!destination) throw new UnknownEndpointError(flow.to, known());
    const command: ProbeCommand = { host: destination.ip, port: flow.port, protocol: flow.protocol, timeoutSeconds: this.settings.connectTimeoutSeconds };
    const args = connectArgs(command);
    const pod = this.workloads.pods.get(flow.from);
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
    const pod = this.workloads.pods.get(source);
    const result = pod
      ? await this.executor.exec(pod.cluster, pod.spec.name, CONTAINER_NAME, command, this.settings.execTimeoutMs)
      : await (this.externals.get(source) as ExternalEndpoint).exec(command, this.settings.execTimeoutMs);
    return parseProbeOutput(result.stdout, probes.length);
  }

  /** Server-side dry-run create of a policy: the API server's own validation causes (empty when valid). */
  async dryRunValidate(policy: unknown): Promise<DryRunCause[]> {
    const kind = typeof policy === 'object' && policy !== null ? (policy as { kind?: unknown }).kind : undefined;
    if (typeof kind === 'string' && isClusterPolicyKind(kind)) {
      return this.workloads.call(`validating a ${kind} with a server-side dry run`, () => dryRunCreateClusterPolicy(this.custom, POLICY_RESOURCES[kind], policy));
    }
    const namespace = [...this.workloads.namespaces.values()][0]?.cluster ?? (await this.ensureScratchNamespace());
    return this.workloads.call('validating a NetworkPolicy with a server-side dry run', () => dryRunCreate(this.net, namespace, policy));
  }

  private async ensureScratchNamespace(): Promise<string> {
    if (this.scratchNamespace) return this.scratchNamespace;
    const name = clusterNamespace('validate', this.runId);
    await this.workloads.createNamespace(name, {});
    this.scratchNamespace = name;
    return name;
  }

  async down(): Promise<void> {
    const errors: unknown[] = [];
    await this.provider.stop().catch((error: unknown) => errors.push(error));
    this.externals.clear();
    this.externalsKey = '';
    this.scratchNamespace = undefined;
    await this.tiers.deleteRun().catch((error: unknown) => errors.push(error));
    // Deletions run in parallel and each is awaited until the namespace is gone.
    await this.workloads.deleteRun().catch((error: unknown) => errors.push(error));
    if (errors.length > 0) throw errors[0];
  }
}
