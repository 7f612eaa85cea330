// Topology declared in features: the Network Policy API's conformance model and the namespaces /
// pods / external hosts tables, turned into the same Namespace and Pod objects that manifests hold
// (src/model/objects.ts builds them, and the x/y/z model).
import { InputError } from '../model/errors.js';
import type { KubeObject, Namespace, Pod } from '../model/api.js';
import { namespaceObject, podObject } from '../model/objects.js';
import type { ExternalHost, PortSpec } from '../model/topology.js';
import { parseLabels, parsePorts } from '../model/notation.js';

type Row = Record<string, string>;

/** The houses and their host-network ports (nodes-peer scenarios only; not host-networked here). */
const HOUSES: [house: string, workload: string][] = [
  ['gryffindor', 'harry-potter'],
  ['slytherin', 'draco-malfoy'],
  ['hufflepuff', 'cedric-diggory'],
  ['ravenclaw', 'luna-lovegood'],
  ['forbidden-forrest', 'centaur'],
];
const HOUSE_PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP', name: 'web' },
  { port: 8080, protocol: 'TCP' },
  { port: 5353, protocol: 'UDP' },
  { port: 53, protocol: 'UDP', name: 'dns' },
  { port: 9003, protocol: 'SCTP' },
  { port: 9005, protocol: 'SCTP' },
];
const CENTAUR_PORTS: PortSpec[] = [
  { port: 32080, protocol: 'TCP', name: 'web-32080' },
  { port: 32081, protocol: 'TCP', name: 'web-32081' },
  { port: 32053, protocol: 'UDP', name: 'dns-32053' },
  { port: 32055, protocol: 'UDP', name: 'dns-32055' },
  { port: 32090, protocol: 'SCTP' },
  { port: 32091, protocol: 'SCTP' },
];

/**
 * The Network Policy API's conformance model: five namespaces labelled `conformance-house: <house>`,
 * each with a two-replica workload (`harry-potter-0`, `harry-potter-1`, ...) labelled the same and
 * serving 80/TCP (`web`), 8080/TCP, 5353/UDP, 53/UDP (`dns`), 9003/SCTP and 9005/SCTP. Upstream's
 * forbidden-forrest pods are host-networked and serve fixed "host" ports instead; here they are
 * ordinary pods serving those ports (the scenarios that use them need nodes, and are skipped).
 */
export function conformanceHousesModel(): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const [house, workload] of HOUSES) {
    objects.push(namespaceObject(house, { 'conformance-house': house }));
    const ports = house === 'forbidden-forrest' ? CENTAUR_PORTS : HOUSE_PORTS;
    for (const replica of [0, 1]) objects.push(podObject(house, `${workload}-${replica}`, { 'conformance-house': house }, ports));
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
