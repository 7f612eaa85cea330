// `cleanup --target cluster`: removes the namespaces and the cluster-scoped policies that crashed
// runs left behind. Only objects carrying both ownership labels are ever touched; one younger than
// the age limit may belong to a run still in progress and is kept unless its run is named explicitly.
import { ApisApi, CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { POLICY_API_GROUP, type ClusterPolicyKind } from '../../model/cluster-policy.js';
import { POLICY_RESOURCES, servedKinds, servedPolicyVersions } from './cluster-policies.js';
import { describeKubeError, loadKubeConfig } from './kube.js';
import { CREATED_ANNOTATION, OWNED_SELECTOR, RUN_LABEL, isOwned } from './naming.js';
import { waitGone } from './waiters.js';

export interface CleanupOptions {
  context?: string;
  kubeconfig?: string;
  /** Keep namespaces created less than this long ago (ms), unless `runId` names their run. */
  olderThanMs: number;
  /** Only this run's namespaces (any age). */
  runId?: string;
  /** List what would be deleted, delete nothing. */
  dryRun?: boolean;
  waitTimeoutMs?: number;
  pollIntervalMs?: number;
  now?: Date;
}

export interface CleanupReport {
  context: string;
  deleted: string[];
  kept: { name: string; reason: string }[];
}

function createdAt(labels: { annotations?: Record<string, string>; creationTimestamp?: Date | string } | undefined): number | undefined {
  const text = labels?.annotations?.[CREATED_ANNOTATION] ?? labels?.creationTimestamp;
  if (text === undefined) return undefined;
  const time = new Date(text).getTime();
  return Number.isNaN(time) ? undefined : time;
}

/** Why a candidate is kept, or undefined when it may go. */
function keepReason(created: number | undefined, now: number, options: CleanupOptions): string | undefined {
  if (options.runId !== undefined) return undefined;
  if (created === undefined) return 'no creation time';
  if (created > now) return 'created in the future (clock skew?); its run may still be going';
  if (now - created < options.olderThanMs) return `created ${Math.round((now - created) / 1000)} s ago; its run may still be going`;
  return undefined;
}

/**
 * The cluster-scoped policies (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy)
 * crashed runs left: the same rules as for namespaces. Kinds the cluster does not serve are skipped.
 */
export async function cleanupOwnedClusterPolicies(options: CleanupOptions): Promise<CleanupReport> {
  const conn = loadKubeConfig({
    ...(options.context !== undefined ? { context: options.context } : {}),
    ...(options.kubeconfig !== undefined ? { kubeconfig: options.kubeconfig } : {}),
  });
  const custom = conn.kc.makeApiClient(CustomObjectsApi);
  const kinds = await servedPolicyVersions(conn.kc.makeApiClient(ApisApi)).then(servedKinds, (error: unknown) => {
    throw describeKubeError(error, 'discovering the API groups the cluster serves', conn);
  });
  const selector = options.runId !== undefined ? `${OWNED_SELECTOR},${RUN_LABEL}=${options.runId}` : OWNED_SELECTOR;
  const now = (options.now ?? new Date()).getTime();
  const report: CleanupReport = { context: conn.context, deleted: [], kept: [] };
  const doomed: { kind: ClusterPolicyKind; name: string }[] = [];
  for (const kind of [...kinds].sort()) {
    const resource = { group: POLICY_API_GROUP, ...POLICY_RESOURCES[kind] };
    const list = (await custom.listClusterCustomObject({ ...resource, labelSelector: selector }).catch((error: unknown) => {
      throw describeKubeError(error, `listing ${kind}s owned by netpol-conformance`, conn);
    })) as { items?: { metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string>; creationTimestamp?: string } }[] };
    for (const item of list.items ?? []) {
      const labels = item.metadata?.labels;
      // The label selector already filtered, but a server that ignored it must not cost anyone a policy.
      if (!isOwned(labels) || (options.runId !== undefined && labels?.[RUN_LABEL] !== options.runId)) continue;
      const name = item.metadata?.name ?? '';
      const reason = keepReason(createdAt(item.metadata), now, options);
      if (reason !== undefined) report.kept.push({ name: `${kind}/${name}`, reason });
      else doomed.push({ kind, name });
    }
  }
  const ids = doomed.map((d) => `${d.kind}/${d.name}`).sort();
  if (options.dryRun) return { ...report, deleted: ids };
  await Promise.all(
    doomed.map(async ({ kind, name }) => {
      const ref = { group: POLICY_API_GROUP, ...POLICY_RESOURCES[kind], name };
      try {
        await custom.deleteClusterCustomObject(ref);
        await waitGone(() => custom.getClusterCustomObject(ref), `${kind} ${name}`, options.waitTimeoutMs ?? 120_000, options.pollIntervalMs ?? 1_000);
      } catch (error) {
        throw describeKubeError(error, `deleting ${kind} ${name}`, conn);
      }
    }),
  );
  return { ...report, deleted: ids };
}

export async function cleanupOwnedNamespaces(options: CleanupOptions): Promise<CleanupReport> {
  const conn = loadKubeConfig({
    ...(options.context !== undefined ? { context: options.context } : {}),
    ...(options.kubeconfig !== undefined ? { kubeconfig: options.kubeconfig } : {}),
  });
  const core = conn.kc.makeApiClient(CoreV1Api);
  const selector = options.runId !== undefined ? `${OWNED_SELECTOR},${RUN_LABEL}=${options.runId}` : OWNED_SELECTOR;
  const list = await core.listNamespace({ labelSelector: selector }).catch((error: unknown) => {
    throw describeKubeError(error, 'listing namespaces owned by netpol-conformance', conn);
  });
  const now = (options.now ?? new Date()).getTime();
  const report: CleanupReport = { context: conn.context, deleted: [], kept: [] };
  const doomed: string[] = [];
  for (const ns of list.items) {
    const name = ns.metadata?.name ?? '';
    // The label selector already filtered, but a server that ignored it must not cost anyone a namespace.
    if (!isOwned(ns.metadata?.labels) || (options.runId !== undefined && ns.metadata?.labels?.[RUN_LABEL] !== options.runId)) continue;
    const reason = keepReason(createdAt(ns.metadata), now, options);
    if (reason !== undefined) {
      report.kept.push({ name, reason });
      continue;
    }
    doomed.push(name);
  }
  if (options.dryRun) return { ...report, deleted: doomed };
  await Promise.all(
    doomed.map(async (name) => {
      try {
        await core.deleteNamespace({ name });
        await waitGone(() => core.readNamespace({ name }), `namespace ${name}`, options.waitTimeoutMs ?? 120_000, options.pollIntervalMs ?? 1_000);
      } catch (error) {
        throw describeKubeError(error, `deleting namespace ${name}`, conn);
      }
      report.deleted.push(name);
    }),
  );
  report.deleted.sort();
  return report;
}
