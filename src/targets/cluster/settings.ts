// Defaults of the cluster target's tunables (ClusterSettings, in src/targets/spec.ts). They follow
// upstream's netpol e2e (agnhost, 1 s connect timeout) and bound eventual consistency at 3 probe
// rounds within 10 s; tests shrink the waits.
import type { ClusterSettings } from '../spec.js';

/** The newest agnhost tag upstream's e2e images use; override with --agnhost-image. */
export const DEFAULT_AGNHOST_IMAGE = 'registry.k8s.io/e2e-test-images/agnhost:2.66.1';

/** The field manager of every write, so `kubectl get --show-managed-fields` names this harness. */
export const FIELD_MANAGER = 'netpol-conformance';

/**
 * `sctpUnsupported`: why the cluster's nodes cannot serve SCTP (a kernel without it), when known
 * (the test bed's context says so): pods then serve TCP and UDP only, since agnhost porter exits
 * when it cannot listen, and the sctp capability is lacking.
 */
export type ResolvedSettings = Required<Omit<ClusterSettings, 'runId'>> & { runId: string; sctpUnsupported?: string };

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
