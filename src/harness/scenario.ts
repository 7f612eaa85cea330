// One scenario's state and actions, independent of cucumber: the topology it declares, the objects
// it applies, and its claims about traffic checked against a target. The cucumber World delegates
// here, so steps stay thin and the same logic serves every front end.
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../model/errors.js';
import { formatProblem, validateDocument, type ValidationOptions } from '../validate/index.js';
import { clusterPolicyId, isClusterPolicy, type ClusterPolicy, type ClusterPolicyKind } from '../model/cluster-policy.js';
import { changedPolicy, type PolicyChange } from './policy-changes.js';
import { loadManifests, loadManifestText } from '../validate/loader.js';
import { buildTopology } from '../model/build-topology.js';
import { familiesOf, findEndpoint, flowFamily, podId, servesPort, type ExternalHost, type Topology } from '../model/topology.js';
import type { KubeObject, LoadedObject, NetworkPolicy, ObjectRef } from '../model/api.js';
import { formatMismatch, judge } from './mismatch.js';
import { ClaimFailed, ClaimLog, specReasons } from './claims.js';
import type { Target } from '../targets/target.js';
import { requiredCapabilities } from './capabilities.js';
import { candidatePaths, resolveReference } from './manifest-paths.js';
import type { Expectation } from './expectations.js';
import { applyLabelChanges } from '../model/notation.js';
import { expandTemplates, hasTemplates } from '../model/templates.js';
import { STATE_PAGE_LINE, type StatePageWriter } from '../model/state-page.js';

export { ClaimFailed } from './claims.js';

/** Applied before the topology is up: kept in order, applied right after up(). */
type Pending = { kind: 'policy'; policy: NetworkPolicy | ClusterPolicy } | { kind: 'text'; text: string; file: string };

export class Scenario {
  private objects: KubeObject[] = [];
  private externals: ExternalHost[] = [];
  private pending: Pending[] = [];
  private built: Topology | undefined;
  private policies = new Map<string, NetworkPolicy>();
  /** By `Kind/name`. */
  private clusterPolicies = new Map<string, ClusterPolicy>();
  /** As the API server validates: strict CIDRs by default (Kubernetes >= 1.36). */
  validation: ValidationOptions = { strictCidr: true };
  /** Writes a page of the state when a claim fails; the failure message names it. */
  statePage: StatePageWriter | undefined;
  /** The claims checked so far and those that failed, so a scenario reports all of them. */
  readonly claims = new ClaimLog();

  constructor(
    readonly target: Target,
    /** The feature file: manifest paths resolve against its folder first (src/harness/manifest-paths.ts). */
    readonly featureFile: string,
    readonly tags: readonly string[],
  ) {}

  /** The topology as the target built it (real addresses on a cluster). */
  async topology(): Promise<Topology> {
    return this.ensureUp();
  }

  declare(objects: readonly KubeObject[], externals: readonly ExternalHost[] = []): void {
    if (this.built) throw new InputError('the topology is already up: declare namespaces, pods and external hosts before any claim');
    this.objects.push(...objects);
    this.externals.push(...externals);
  }

  resolvePath(path: string): string {
    const found = resolveReference(this.featureFile, path, process.cwd());
    if (!found) {
      const looked = candidatePaths(this.featureFile, path, process.cwd()).join(' and ');
      throw new InputError(`${this.featureFile}: manifest "${path}" not found (looked in ${looked})`);
    }
    return found;
  }

  /** Namespaces and Pods join the topology (or relabel, once up); NetworkPolicies are applied. */
  async applyManifest(path: string): Promise<void> {
    const file = this.resolvePath(path);
    const text = statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
    if (text !== undefined && hasTemplates(text)) return this.applyText(text, path);
    await this.applyLoaded(loadManifests([file], this.validation));
  }

  async applyText(text: string, file: string): Promise<void> {
    if (hasTemplates(text) && !this.built) {
      // Address templates can only be expanded once the target has said what the addresses are.
      this.pending.push({ kind: 'text', text, file });
      return;
    }
    const expanded = this.built ? expandTemplates(text, this.built, file) : text;
    await this.applyLoaded(loadManifestText(expanded, file, this.validation));
  }

  private async applyLoaded(loaded: readonly LoadedObject[]): Promise<void> {
    const objects = loaded.map((l) => l.object);
    if (!this.built) {
      for (const object of objects) {
        if (object.kind === 'NetworkPolicy' || isClusterPolicy(object)) this.pending.push({ kind: 'policy', policy: object });
        else this.objects.push(object);
      }
      return;
    }
    await this.applyObjects(objects);
  }

  private async applyObjects(objects: readonly KubeObject[]): Promise<void> {
    const built = this.built;
    if (!built) throw new Error('applyObjects before up');
    this.checkCapabilities(objects, built);
    await this.target.apply(objects);
    for (const object of objects) {
      if (isClusterPolicy(object)) {
        this.clusterPolicies.set(clusterPolicyId(object), object);
        continue;
      }
      const id = podId(object.metadata.namespace ?? '', object.metadata.name);
      if (object.kind === 'NetworkPolicy') this.policies.set(id, object);
      if (object.kind === 'Pod') {
        const pod = built.pods.find((p) => podId(p.namespace, p.name) === id);
        if (pod) pod.labels = { ...object.metadata.labels };
      }
      if (object.kind === 'Namespace') {
        const ns = built.namespaces.find((n) => n.name === object.metadata.name);
        if (ns) ns.labels = { ...object.metadata.labels, 'kubernetes.io/metadata.name': ns.name };
      }
    }
  }

  async ensureUp(): Promise<Topology> {
    if (this.built) return this.built;
    const declared = buildTopology(this.objects, this.externals);
    const host = declared.pods.find((p) => p.hostNetwork);
    if (host && this.target.name !== 'sim') throw new InputError(`${this.featureFile}: pod ${host.namespace}/${host.name} is in the host network, which only the sim target models; the ${this.target.name} target cannot build it`);
    this.built = structuredClone(await this.target.up(declared));
    const pending = this.pending;
    this.pending = [];
    let batch: (NetworkPolicy | ClusterPolicy)[] = []; // consecutive policies go to the target in one apply
    for (const item of pending) {
      if (item.kind === 'policy') {
        batch.push(item.policy);
        continue;
      }
      if (batch.length > 0) await this.applyObjects(batch);
      batch = [];
      await this.applyText(item.text, item.file);
    }
    if (batch.length > 0) await this.applyObjects(batch);
    return this.built;
  }

  async deletePolicy(id: string): Promise<void> {
    await this.ensureUp();
    const [namespace, name] = id.split('/');
    if (!namespace || !name || !this.policies.has(id)) {
      throw new InputError(`no policy "${id}" was applied in this scenario; applied: ${[...this.policies.keys()].join(', ') || '(none)'}`);
    }
    await this.target.remove([{ kind: 'NetworkPolicy', namespace, name }]);
    this.policies.delete(id);
  }

  async deleteAllPolicies(): Promise<void> {
    await this.ensureUp();
    const refs: ObjectRef[] = [...this.policies.values()].map((p) => ({ kind: 'NetworkPolicy' as const, namespace: p.metadata.namespace, name: p.metadata.name }));
    refs.push(...[...this.clusterPolicies.values()].map((p) => ({ kind: p.kind, name: p.metadata.name })));
    await this.target.remove(refs);
    this.policies.clear();
    this.clusterPolicies.clear();
  }

  private appliedClusterPolicy(kind: ClusterPolicyKind, name: string): ClusterPolicy {
    const policy = this.clusterPolicies.get(`${kind}/${name}`);
    if (!policy) throw new InputError(`no ${kind} "${name}" was applied in this scenario; applied: ${[...this.clusterPolicies.keys()].join(', ') || '(none)'}`);
    return policy;
  }

  async deleteClusterPolicy(kind: ClusterPolicyKind, name: string): Promise<void> {
    await this.ensureUp();
    this.appliedClusterPolicy(kind, name);
    await this.target.remove([{ kind, name }]);
    this.clusterPolicies.delete(`${kind}/${name}`);
  }

  /**
   * Changes an applied policy (`Kind/name` for cluster-scoped kinds, `namespace/name` for a
   * NetworkPolicy) and applies the result, which must validate like any manifest.
   */
  async changePolicy(kind: 'NetworkPolicy' | ClusterPolicyKind, name: string, change: PolicyChange): Promise<void> {
    await this.ensureUp();
    const current = kind === 'NetworkPolicy' ? this.policies.get(name) : this.appliedClusterPolicy(kind, name);
    if (!current) throw new InputError(`no NetworkPolicy "${name}" was applied in this scenario; applied: ${[...this.policies.keys()].join(', ') || '(none)'}`);
    const what = `${kind} ${name}`;
    // A patch may name addresses of the topology ({{ip ravenclaw/luna-lovegood-0}}), as manifests may.
    const expanded = change.kind === 'json-patch' && this.built ? { ...change, text: expandTemplates(change.text, this.built, what) } : change;
    const raw = changedPolicy(current, expanded, what);
    const checked = validateDocument(raw, { file: `${this.featureFile} (change to ${what})` }, this.validation);
    if (!checked.object) throw new InputError(checked.problems.map(formatProblem).join('\n'));
    await this.applyObjects([checked.object]);
  }

  async deletePod(id: string): Promise<void> {
    const built = await this.ensureUp();
    const pod = built.pods.find((p) => podId(p.namespace, p.name) === id);
    if (!pod) throw new InputError(`unknown pod "${id}"`);
    await this.target.remove([{ kind: 'Pod', namespace: pod.namespace, name: pod.name }]);
    built.pods = built.pods.filter((p) => p !== pod);
  }

  async relabelPod(id: string, changes: string): Promise<void> {
    const built = await this.ensureUp();
    const pod = built.pods.find((p) => podId(p.namespace, p.name) === id);
    if (!pod) throw new InputError(`unknown pod "${id}"`);
    const labels = applyLabelChanges(pod.labels, changes, `pod ${id}`);
    await this.applyObjects([
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { namespace: pod.namespace, name: pod.name, labels },
        spec: { containers: [{ name: 'serve', ports: pod.ports.map((p) => ({ containerPort: p.port, protocol: p.protocol, ...(p.name ? { name: p.name } : {}) })) }] },
        status: { podIP: pod.ip },
      },
    ]);
  }

  async relabelNamespace(name: string, changes: string): Promise<void> {
    const built = await this.ensureUp();
    const ns = built.namespaces.find((n) => n.name === name);
    if (!ns) throw new InputError(`unknown namespace "${name}"`);
    const { ['kubernetes.io/metadata.name']: _immutable, ...own } = ns.labels;
    const labels = applyLabelChanges(own, changes, `namespace ${name}`);
    await this.applyObjects([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }]);
  }

  /** Probes every claimed flow and throws ClaimFailed with the tables when any differs. */
  async check(expectations: readonly Expectation[]): Promise<void> {
    const built = await this.ensureUp();
    // The applied policies count again: an IPv6 ipBlock may reach pod addresses only over IPv6.
    this.checkCapabilities([...this.policies.values()], built, expectations);
    for (const { flow } of expectations) {
      const [from, to] = [findEndpoint(built, flow.from), findEndpoint(built, flow.to)];
      if (from && to && flowFamily(from, to, flow.family) === undefined) {
        const has = (e: typeof from): string => familiesOf(e).map((f) => `IPv${f}`).join(' and ');
        throw new InputError(`${this.featureFile}: ${flow.from} -> ${flow.to}${flow.family ? ` over IPv${flow.family}` : ''} cannot go: ${flow.from} has ${has(from)}, ${flow.to} has ${has(to)}`);
      }
    }
    const silent = expectations.find((e) => !servesPort(built, e.flow.to, e.flow));
    if (silent) {
      const f = silent.flow;
      throw new InputError(`${this.featureFile}: ${f.to} does not serve ${f.port}/${f.protocol}, so a connection from ${f.from} would be refused whatever the policies say; declare the port on ${f.to}`);
    }
    const observations = await this.target.probe(
      expectations.map((e) => e.flow),
      { expected: expectations.map((e) => e.expected) },
    );
    const judgements = judge(expectations, observations);
    const report = formatMismatch(judgements, specReasons(built, [...this.policies.values()], [...this.clusterPolicies.values()], observations));
    if (!report) return;
    const claims = judgements.map((j) => ({ flow: j.expectation.flow, expected: j.expectation.expected, observed: j.observed, observation: j.observation }));
    const page = await this.statePage?.({ target: this.target.name, topology: structuredClone(built), policies: [...this.policies.values()], clusterPolicies: [...this.clusterPolicies.values()], claims });
    const full = `${report}${page ? `\n${STATE_PAGE_LINE}${page}` : ''}`;
    throw new ClaimFailed(`The claim does not hold on the ${this.target.name} target.\n${full}`, full);
  }

  /** A scenario must be tagged with every capability it uses, so targets lacking it can skip it. */
  private checkCapabilities(objects: readonly KubeObject[], topology: Topology, expectations: readonly Expectation[] = []): void {
    const tagged = (c: string | undefined): boolean => c !== undefined && this.tags.includes(`@${c}`);
    const missing = requiredCapabilities(objects, topology, expectations.map((e) => e.flow)).filter((c) => !tagged(c.capability) && !tagged(c.or));
    const first = missing[0];
    if (first) throw new InputError(`${this.featureFile}: the scenario ${first.why} but is not tagged @${first.capability}`);
  }
}
