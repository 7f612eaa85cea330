// The cluster-scoped policies a run keeps on the cluster: discovery of what the API server serves
// (policy.networking.k8s.io v1alpha2 and v1alpha1), apply (server-side), delete (and wait until
// gone), and the deletion of everything the run owns, found by its labels. Nothing this run did not
// create is ever touched: the BaselineAdminNetworkPolicy, a singleton named `default`, is only
// replaced or deleted when it carries this run's labels.
import { PatchStrategy, setHeaderOptions, type ApisApi, type CustomObjectsApi } from '@kubernetes/client-node';
import { POLICY_API_GROUP, type ClusterPolicy, type ClusterPolicyKind } from '../../model/cluster-policy.js';
import { TargetError } from '../../model/errors.js';
import { isNotFound } from './kube.js';
import { rewriteClusterPolicy, clusterPolicyName } from './cluster-policy-rewrite.js';
import { RUN_LABEL, isOwned, runSelector } from './naming.js';
import type { RewriteContext } from './policy-rewrite.js';
import { FIELD_MANAGER } from './settings.js';
import type { Workloads } from './workloads.js';

export const POLICY_RESOURCES: Record<ClusterPolicyKind, { version: string; plural: string }> = {
  ClusterNetworkPolicy: { version: 'v1alpha2', plural: 'clusternetworkpolicies' },
  AdminNetworkPolicy: { version: 'v1alpha1', plural: 'adminnetworkpolicies' },
  BaselineAdminNetworkPolicy: { version: 'v1alpha1', plural: 'baselineadminnetworkpolicies' },
};

const SERVER_SIDE_APPLY = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);

/** The versions of policy.networking.k8s.io the API server serves (empty when it serves none). */
export async function servedPolicyVersions(apis: ApisApi): Promise<Set<string>> {
  return policyVersionsIn(await apis.getAPIVersions());
}

/** The versions of policy.networking.k8s.io in a discovery answer (`GET /apis`, an APIGroupList). */
export function policyVersionsIn(groupList: { groups?: readonly { name?: string; versions?: readonly { version?: string }[] }[] }): Set<string> {
  const group = (groupList.groups ?? []).find((g) => g.name === POLICY_API_GROUP);
  return new Set((group?.versions ?? []).flatMap((v) => (v.version !== undefined ? [v.version] : [])));
}

interface ObjectMetaLike {
  metadata?: { name?: string; labels?: Record<string, string> };
}

function resourceOf(kind: ClusterPolicyKind) {
  const { version, plural } = POLICY_RESOURCES[kind];
  return { group: POLICY_API_GROUP, version, plural };
}

export class ClusterPolicies {
  /** By `Kind/name` as the scenario names them: the name on the cluster. */
  private readonly applied = new Map<string, { kind: ClusterPolicyKind; name: string }>();

  constructor(
    private readonly custom: CustomObjectsApi,
    private readonly w: Pick<Workloads, 'call' | 'deleteAndWait'>,
    private readonly runId: string,
    /** The kinds the cluster serves: only those are listed when the run is cleaned up. */
    private readonly served: () => ReadonlySet<ClusterPolicyKind>,
  ) {}

  private async read(kind: ClusterPolicyKind, name: string): Promise<ObjectMetaLike | undefined> {
    try {
      return (await this.custom.getClusterCustomObject({ ...resourceOf(kind), name })) as ObjectMetaLike;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async apply(policy: ClusterPolicy, ctx: Omit<RewriteContext, 'runId'>): Promise<void> {
    const { body, name } = rewriteClusterPolicy(policy, { ...ctx, runId: this.runId }, new Date());
    if (policy.kind === 'BaselineAdminNetworkPolicy') {
      const existing = await this.w.call(`reading BaselineAdminNetworkPolicy ${name}`, () => this.read(policy.kind, name));
      if (existing && !(isOwned(existing.metadata?.labels) && existing.metadata?.labels?.[RUN_LABEL] === this.runId)) {
        throw new TargetError(`the cluster already has a BaselineAdminNetworkPolicy "${name}" that run ${this.runId} did not create; it was left untouched (there can be only one; "netpol-conformance cleanup" removes one left by a crashed run)`);
      }
    }
    await this.w.call(`applying ${policy.kind} ${name}`, () =>
      this.custom.patchClusterCustomObject({ ...resourceOf(policy.kind), name, body, fieldManager: FIELD_MANAGER, force: true }, SERVER_SIDE_APPLY),
    );
    this.applied.set(`${policy.kind}/${policy.metadata.name}`, { kind: policy.kind, name });
  }

  async delete(kind: ClusterPolicyKind, scenarioName: string): Promise<void> {
    const name = clusterPolicyName({ kind, metadata: { name: scenarioName } }, this.runId);
    await this.deleteOne(kind, name);
    this.applied.delete(`${kind}/${scenarioName}`);
  }

  private async deleteOne(kind: ClusterPolicyKind, name: string): Promise<void> {
    const ref = { ...resourceOf(kind), name };
    await this.w.deleteAndWait(`${kind} ${name}`, () => this.custom.deleteClusterCustomObject(ref), () => this.custom.getClusterCustomObject(ref));
  }

  /** Every policy this process applied (between scenarios). */
  async deleteApplied(): Promise<void> {
    const applied = [...this.applied.values()];
    await Promise.all(applied.map((p) => this.deleteOne(p.kind, p.name)));
    this.applied.clear();
  }

  /** Every cluster-scoped policy carrying this run's labels, also ones this process lost track of. */
  async deleteRun(): Promise<void> {
    try {
      for (const kind of this.served()) {
        const list = (await this.w.call(`listing the run's ${kind}s`, () => this.custom.listClusterCustomObject({ ...resourceOf(kind), labelSelector: runSelector(this.runId) }))) as { items?: ObjectMetaLike[] };
        const names = (list.items ?? [])
          // Re-checked here: a server that ignored the label selector must not cost anyone a policy.
          .filter((item) => isOwned(item.metadata?.labels) && item.metadata?.labels?.[RUN_LABEL] === this.runId)
          .map((item) => item.metadata?.name ?? '');
        await Promise.all(names.map((name) => this.deleteOne(kind, name)));
      }
    } finally {
      this.applied.clear();
    }
  }
}

/** The kinds a set of served versions makes available. */
export function servedKinds(versions: ReadonlySet<string>): Set<ClusterPolicyKind> {
  return new Set((Object.keys(POLICY_RESOURCES) as ClusterPolicyKind[]).filter((kind) => versions.has(POLICY_RESOURCES[kind].version)));
}
