// Tunables of the cluster target. Defaults follow upstream's netpol e2e (agnhost, 1 s connect
// timeout) and the issue (3 probe rounds within 10 s); tests shrink the waits.
import type { ExternalHostProvider } from './externals/provider.js';

/** The newest agnhost tag known in use (CLUSTER-NOTES §3); override with --agnhost-image. */
export const DEFAULT_AGNHOST_IMAGE = 'registry.k8s.io/e2e-test-images/agnhost:2.66.1';

/** The field manager of every write, so `kubectl get --show-managed-fields` names this harness. */
export const FIELD_MANAGER = 'netpol-conformance';

export interface ClusterSettings {
  /** agnhost image (with tag) for pods and external hosts. */
  image?: string;
  /** Run id suffixed to every namespace; random when absent. Lowercase letters and digits. */
  runId?: string;
  /** How long pods may take to become Ready (ms). */
  readyTimeoutMs?: number;
  /** How long a deletion may take to finish (ms). */
  deleteTimeoutMs?: number;
  /** Rounds of probing for flows that disagree with the expectation (first round included). */
  probeRounds?: number;
  /** Time window for all rounds (ms): no round starts after it. */
  probeWindowMs?: number;
  /** Pause before re-probing disagreeing flows (ms). */
  reprobeDelayMs?: number;
  /** `agnhost connect --timeout` in seconds. */
  connectTimeoutSeconds?: number;
  /** Execs in flight at once. */
  execConcurrency?: number;
  /** How long one exec may take before it counts as failed (ms). */
  execTimeoutMs?: number;
  /** Poll interval while waiting for readiness or deletions (ms). */
  pollIntervalMs?: number;
  /** The cluster's pod network, routed through a node from external hosts (kind's default). */
  podCidr?: string;
  /** Runs external hosts; defaults to docker (testcontainers) next to a kind cluster. */
  externals?: ExternalHostProvider;
}

export type ResolvedSettings = Required<Omit<ClusterSettings, 'externals' | 'runId'>> & { runId: string };

export function resolveSettings(settings: ClusterSettings, runId: string): ResolvedSettings {
  return {
    image: settings.image ?? DEFAULT_AGNHOST_IMAGE,
    runId,
    readyTimeoutMs: settings.readyTimeoutMs ?? 180_000,
    deleteTimeoutMs: settings.deleteTimeoutMs ?? 120_000,
    probeRounds: settings.probeRounds ?? 3,
    probeWindowMs: settings.probeWindowMs ?? 10_000,
    reprobeDelayMs: settings.reprobeDelayMs ?? 2_000,
    connectTimeoutSeconds: settings.connectTimeoutSeconds ?? 1,
    execConcurrency: settings.execConcurrency ?? 8,
    execTimeoutMs: settings.execTimeoutMs ?? 30_000,
    pollIntervalMs: settings.pollIntervalMs ?? 500,
    podCidr: settings.podCidr ?? '10.244.0.0/16',
  };
}
