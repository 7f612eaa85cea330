// The cluster target's factory: any Kubernetes through a kubeconfig context.
import { UsageError } from '../../model/errors.js';
import type { ClusterOptions, ClusterSettings } from '../spec.js';
import { ClusterTarget } from './cluster-target.js';
import { createDockerExternals } from './externals/docker-provider.js';
import type { ExternalHostProvider } from './externals/provider.js';
import { createTestbedExternals } from './externals/testbed-provider.js';
import { loadKubeConfig } from './kube.js';
import { checkRunId, newRunId } from './naming.js';
import { resolveSettings } from './settings.js';
import { kubeconfigFiles, testbedContext } from './testbed-context.js';

export { ClusterTarget } from './cluster-target.js';

/**
 * Settings from the environment, so `run --target cluster` and CI can tune the target without
 * flags: NETPOL_AGNHOST_IMAGE, NETPOL_READY_TIMEOUT_MS, NETPOL_PROBE_ROUNDS, NETPOL_PROBE_WINDOW_MS.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ClusterSettings {
  const number = (name: string, min: number): number | undefined => {
    const text = env[name];
    if (text === undefined || text === '') return undefined;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) throw new UsageError(`${name}="${text}": give a whole number of at least ${min}`);
    return value;
  };
  const image = env['NETPOL_AGNHOST_IMAGE'];
  const readyTimeoutMs = number('NETPOL_READY_TIMEOUT_MS', 1);
  const probeRounds = number('NETPOL_PROBE_ROUNDS', 1);
  const probeWindowMs = number('NETPOL_PROBE_WINDOW_MS', 0);
  return {
    ...(image !== undefined && image !== '' ? { image } : {}),
    ...(readyTimeoutMs !== undefined ? { readyTimeoutMs } : {}),
    ...(probeRounds !== undefined ? { probeRounds } : {}),
    ...(probeWindowMs !== undefined ? { probeWindowMs } : {}),
  };
}

/**
 * Connects with the kubeconfig (options.kubeconfig, else KUBECONFIG or ~/.kube/config) and context
 * (options.context, else the current one), then checks access before anything is created.
 * External hosts run in docker next to a kind cluster, or in the test bed when the context is the
 * test bed's (docs/testbed.md), unless `externals` runs them elsewhere.
 */
export async function createClusterTarget(options: ClusterOptions, externals?: ExternalHostProvider): Promise<ClusterTarget> {
  const conn = loadKubeConfig({
    ...(options.context !== undefined ? { context: options.context } : {}),
    ...(options.kubeconfig !== undefined ? { kubeconfig: options.kubeconfig } : {}),
  });
  // Explicit options win over the environment, and both over what a test bed's context says.
  const testbed = testbedContext(kubeconfigFiles(options.kubeconfig), conn.context);
  const fromTestbed: ClusterSettings = testbed ? { image: testbed.agnhostImage, podCidr: testbed.podCidr } : {};
  const settings = { ...fromTestbed, ...settingsFromEnv(), ...options.settings };
  const runId = checkRunId(settings.runId ?? newRunId());
  externals ??= testbed ? createTestbedExternals(testbed) : createDockerExternals();
  const resolved = { ...resolveSettings(settings, runId), ...(testbed?.sctp !== undefined ? { sctpUnsupported: testbed.sctp } : {}) };
  const target = new ClusterTarget(conn, resolved, externals);
  await target.preflight();
  return target;
}
