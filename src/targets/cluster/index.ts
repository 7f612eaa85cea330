// The cluster target's factory (DESIGN.md, "cluster"): any Kubernetes through a kubeconfig context.
import type { TargetOptions } from '../index.js';
import { ClusterTarget } from './cluster-target.js';
import { createDockerExternals } from './externals/docker-provider.js';
import { loadKubeConfig } from './kube.js';
import { checkRunId, newRunId } from './naming.js';
import { resolveSettings } from './settings.js';

export { ClusterTarget } from './cluster-target.js';
export type { DryRunCause } from './dry-run.js';
export type { ClusterSettings } from './settings.js';

/**
 * Connects with the kubeconfig (options.kubeconfig, else KUBECONFIG or ~/.kube/config) and context
 * (options.context, else the current one), then checks access before anything is created.
 */
export async function createClusterTarget(options: TargetOptions): Promise<ClusterTarget> {
  const conn = loadKubeConfig({
    ...(options.context !== undefined ? { context: options.context } : {}),
    ...(options.kubeconfig !== undefined ? { kubeconfig: options.kubeconfig } : {}),
  });
  const settings = options.cluster ?? {};
  const runId = checkRunId(settings.runId ?? newRunId());
  const target = new ClusterTarget(conn, resolveSettings(settings, runId), settings.externals ?? createDockerExternals());
  await target.preflight();
  return target;
}
