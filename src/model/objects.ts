// Namespace and Pod objects built from their parts, and the x/y/z model of the upstream e2e suite
// made of them: what feature tables declare, what the generated cases run on.
import { PROTOCOLS, type KubeObject, type Namespace, type Pod } from './api.js';
import type { PortSpec } from './topology.js';

/** `ip`: one address, or a dual-stack pair `10.0.0.5, fd00::5` (the first is status.podIP). */
export function podObject(namespace: string, name: string, labels: Record<string, string>, ports: readonly PortSpec[], ip?: string): Pod {
  const ips = (ip ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace, name, labels },
    spec: {
      containers: [
        { name: 'serve', ports: ports.map((p) => ({ containerPort: p.port, protocol: p.protocol, ...(p.name !== undefined ? { name: p.name } : {}) })) },
      ],
    },
    ...(ips.length === 1 ? { status: { podIP: ips[0] } } : ips.length > 1 ? { status: { podIP: ips[0], podIPs: ips.map((a) => ({ ip: a })) } } : {}),
  };
}

export function namespaceObject(name: string, labels: Record<string, string> = {}): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** Upstream's model: namespaces x, y, z; pods a, b, c labelled pod=<name>; 80 and 81 on every protocol. */
export function xyzModel(): KubeObject[] {
  const ports: PortSpec[] = [80, 81].flatMap((port) => PROTOCOLS.map((protocol) => ({ port, protocol, name: `serve-${port}-${protocol.toLowerCase()}` })));
  const objects: KubeObject[] = [];
  for (const ns of ['x', 'y', 'z']) {
    objects.push(namespaceObject(ns));
    for (const pod of ['a', 'b', 'c']) objects.push(podObject(ns, pod, { pod }, ports));
  }
  return objects;
}
