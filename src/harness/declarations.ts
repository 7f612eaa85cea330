// Topology declared in features: the x/y/z conformance model and the namespaces / pods / external
// hosts tables, turned into the same Namespace and Pod objects that manifests hold.
import { InputError } from '../model/errors.js';
import { PROTOCOLS, type KubeObject, type Namespace, type Pod } from '../model/api.js';
import type { ExternalHost, PortSpec } from '../model/topology.js';
import { parseLabels, parsePorts } from '../model/notation.js';

type Row = Record<string, string>;

export function podObject(namespace: string, name: string, labels: Record<string, string>, ports: readonly PortSpec[], ip?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace, name, labels },
    spec: {
      containers: [
        { name: 'serve', ports: ports.map((p) => ({ containerPort: p.port, protocol: p.protocol, ...(p.name !== undefined ? { name: p.name } : {}) })) },
      ],
    },
    ...(ip !== undefined ? { status: { podIP: ip } } : {}),
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

function column(row: Row, name: string, what: string): string {
  const value = row[name];
  if (value === undefined) throw new InputError(`${what} table: missing column "${name}"`);
  return value.trim();
}

export function declaredNamespaces(rows: readonly Row[]): Namespace[] {
  return rows.map((row) => {
    const name = column(row, 'namespace', 'namespaces');
    return namespaceObject(name, parseLabels(row['labels'] ?? '', `namespace ${name}`));
  });
}

export function declaredPods(rows: readonly Row[]): Pod[] {
  return rows.map((row) => {
    const id = column(row, 'pod', 'pods');
    const [namespace, name, extra] = id.split('/');
    if (!namespace || !name || extra !== undefined) throw new InputError(`pods table: "${id}" is not namespace/name`);
    const ip = row['ip']?.trim();
    return podObject(namespace, name, parseLabels(row['labels'] ?? '', `pod ${id}`), parsePorts(row['ports'] ?? '', `pod ${id}`), ip || undefined);
  });
}

export function declaredExternals(rows: readonly Row[]): ExternalHost[] {
  return rows.map((row) => {
    const name = column(row, 'host', 'external hosts');
    if (name.includes('/')) throw new InputError(`external host "${name}": names of external hosts have no "/"`);
    return { name, ip: column(row, 'address', 'external hosts'), ports: parsePorts(row['ports'] ?? '', `external host ${name}`) };
  });
}
