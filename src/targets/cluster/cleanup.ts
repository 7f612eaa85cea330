// `cleanup --target cluster`: removes the namespaces that crashed runs left behind. Only
// namespaces carrying both ownership labels are ever touched; a namespace younger than the age
// limit may belong to a run still in progress and is kept unless its run is named explicitly.
import { CoreV1Api } from '@kubernetes/client-node';
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
    const created = createdAt(ns.metadata);
    if (options.runId === undefined && (created === undefined || now - created < options.olderThanMs)) {
      const reason = created === undefined ? 'no creation time' : created > now ? 'created in the future (clock skew?); its run may still be going' : `created ${Math.round((now - created) / 1000)} s ago; its run may still be going`;
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
