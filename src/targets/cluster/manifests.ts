// The objects the cluster target creates for a topology: a namespace per topology namespace and an
// agnhost `porter` pod per topology pod serving every port the topology uses, as upstream's netpol
// e2e does (test/e2e/network/netpol/kubemanager.go).
import type { V1Namespace, V1Pod, V1ContainerPort, V1EnvVar } from '@kubernetes/client-node';
import { NAMESPACE_NAME_LABEL, type Labels } from '../../model/api.js';
import type { PodSpec, PortSpec } from '../../model/topology.js';
import { CREATED_ANNOTATION, ownedLabels } from './naming.js';

export const CONTAINER_NAME = 'agnhost';

/** Labels a topology object gets on the cluster: its own, minus what the API server sets, plus ownership. */
export function clusterLabels(labels: Labels, runId: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) if (key !== NAMESPACE_NAME_LABEL) out[key] = value;
  return { ...out, ...ownedLabels(runId) };
}

export function namespaceManifest(name: string, labels: Labels, runId: string, now: Date): V1Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: clusterLabels(labels, runId), annotations: { [CREATED_ANNOTATION]: now.toISOString() } },
  };
}

// IANA service names (what a container port name must be): at most 15 characters, lowercase
// letters, digits and single inner hyphens, at least one letter.
const SERVICE_NAME = /^[a-z0-9]([a-z0-9]|-(?!-))*$/;
export function isServiceName(name: string): boolean {
  return name.length <= 15 && SERVICE_NAME.test(name) && !name.endsWith('-') && /[a-z]/.test(name);
}

/** Upstream's name for a served port, e.g. `serve-80-tcp`; undefined when it would exceed 15 characters. */
export function upstreamPortName(port: PortSpec): string | undefined {
  const name = `serve-${port.port}-${port.protocol.toLowerCase()}`;
  return isServiceName(name) ? name : undefined;
}

/**
 * Container ports: the topology's own names first (named policy ports resolve against them), then
 * upstream's `serve-<port>-<proto>` names. Declaring a port twice under two names is valid (the
 * API server only warns about the duplicate), and that is what lets both naming schemes resolve.
 */
export function containerPorts(ports: readonly PortSpec[]): V1ContainerPort[] {
  const out: V1ContainerPort[] = [];
  const names = new Set<string>();
  const add = (port: PortSpec, name: string | undefined): void => {
    if (name !== undefined && names.has(name)) return;
    if (name !== undefined) names.add(name);
    out.push({ containerPort: port.port, protocol: port.protocol, ...(name !== undefined ? { name } : {}) });
  };
  for (const port of ports) if (port.name !== undefined) add(port, port.name);
  for (const port of ports) {
    const upstream = upstreamPortName(port);
    const declared = out.some((p) => p.containerPort === port.port && p.protocol === port.protocol);
    if (upstream !== undefined || !declared) add(port, upstream);
  }
  return out;
}

/** porter's environment: one variable per served port; the value is what a client reads back. */
export function porterEnv(ports: readonly PortSpec[]): V1EnvVar[] {
  const seen = new Set<string>();
  const env: V1EnvVar[] = [];
  for (const port of ports) {
    const prefix = port.protocol === 'TCP' ? 'SERVE_PORT' : `SERVE_${port.protocol}_PORT`;
    const name = `${prefix}_${port.port}`;
    if (seen.has(name)) continue;
    seen.add(name);
    env.push({ name, value: `${port.protocol.toLowerCase()}-${port.port}` });
  }
  return env;
}

/** `serveSctp: false` on nodes without SCTP: the ports are still declared, only porter skips them. */
export function podManifest(pod: PodSpec, namespace: string, image: string, runId: string, serveSctp = true): V1Pod {
  const tcp = pod.ports.find((p) => p.protocol === 'TCP');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pod.name, namespace, labels: clusterLabels(pod.labels, runId) },
    spec: {
      // porter does not handle SIGTERM; a long grace period would only slow every deletion down.
      terminationGracePeriodSeconds: 1,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      containers: [
        {
          name: CONTAINER_NAME,
          image,
          imagePullPolicy: 'IfNotPresent',
          args: ['porter'],
          env: porterEnv(serveSctp ? pod.ports : pod.ports.filter((p) => p.protocol !== 'SCTP')),
          ports: containerPorts(pod.ports),
          // Ready only once porter listens, as upstream does (connect to 127.0.0.1, never blocked by policy).
          ...(tcp
            ? {
                readinessProbe: {
                  exec: { command: ['/agnhost', 'connect', `127.0.0.1:${tcp.port}`, '--timeout=1s', '--protocol=tcp'] },
                  periodSeconds: 1,
                  timeoutSeconds: 2,
                },
              }
            : {}),
        },
      ],
    },
  };
}

/** The ports a built pod serves, read back from its spec (to decide whether it can be reused). */
export function servedPortsKey(ports: readonly PortSpec[]): string {
  return [...new Set(ports.map((p) => `${p.port}/${p.protocol}${p.name !== undefined ? `=${p.name}` : ''}`))].sort().join(',');
}
