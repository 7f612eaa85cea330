// Shared by the real-packet netns tests: whether this machine can run the dataplane (and why not),
// and small topology builders.
import { checkNetnsSupport } from '../../src/targets/netns/requirements.js';
import type { NetworkPolicy, NetworkPolicySpec } from '../../src/model/api.js';
import type { PortSpec, Topology } from '../../src/model/topology.js';

/** Undefined when the dataplane can run here; otherwise the reason, for `skip`. */
export async function netnsUnavailable(): Promise<string | undefined> {
  try {
    await checkNetnsSupport();
    return undefined;
  } catch (error) {
    return `netns dataplane unavailable on this machine: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export const XYZ_PORTS: PortSpec[] = [80, 81].flatMap((port) =>
  (['TCP', 'UDP'] as const).map((protocol) => ({ port, protocol, name: `serve-${port}-${protocol.toLowerCase()}` })),
);

/** x/y/z with pods a/b/c (pod=<name>), 10.244.<ns>.<pod>, and the lesson's backup server. */
export function xyzTopology(): Topology {
  const nss = ['x', 'y', 'z'];
  return {
    namespaces: nss.map((name) => ({ name, labels: { 'kubernetes.io/metadata.name': name, ns: name } })),
    pods: nss.flatMap((ns, n) =>
      ['a', 'b', 'c'].map((name, p) => ({ namespace: ns, name, labels: { pod: name }, ip: `10.244.${n + 1}.${p + 1}`, ports: XYZ_PORTS })),
    ),
    externals: [{ name: 'backup', ip: '192.168.5.10', ports: [{ port: 80, protocol: 'TCP' }] }],
  };
}

export function netpol(namespace: string, name: string, spec: NetworkPolicySpec): NetworkPolicy {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace, name }, spec };
}
