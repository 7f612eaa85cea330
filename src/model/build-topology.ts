// Builds the Topology a target must realise from Namespace and Pod objects (and external hosts).
// Pods are dual-stack, as in a dual-stack cluster: an IPv4 and an IPv6 address. They come from
// status.podIP and status.podIPs; a family the pod states no address of gets one derived from a
// hash of its name (IPv4, in 10.244.0.0/16) or from its IPv4 address (IPv6: fd00:10:244:: plus the
// IPv4 address as its last 32 bits, e.g. fd00:10:244::af4:102 for 10.244.1.2),
// so the same pod keeps its addresses when others are added or removed. A hostNetwork pod has its
// node's address (status.hostIP, else one per spec.nodeName), shared with the node's other
// hostNetwork pods, and no other.
import { formatIp, parseIp, type IpFamily } from './cidr.js';
import { InputError } from './errors.js';
import type { KubeObject, Pod } from './api.js';
import { podId, withNamespaceNameLabel, type ExternalHost, type NamespaceSpec, type PodSpec, type PortSpec, type Topology } from './topology.js';

/** Assigned pod addresses: 10.244.1.0 - 10.244.255.254 (10.244.0.0/24 is left to infrastructure). */
const POD_NETWORK = 0x0af40000n; // 10.244.0.0
const FIRST_HOST = 256;
const HOST_COUNT = 65535 - FIRST_HOST; // up to 10.244.255.254

export function podPorts(pod: Pod): PortSpec[] {
  return pod.spec.containers.flatMap((c) =>
    (c.ports ?? []).map((p) => ({
      port: p.containerPort,
      protocol: p.protocol ?? 'TCP',
      ...(p.name !== undefined ? { name: p.name } : {}),
    })),
  );
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Node addresses for hostNetwork pods that state none: 172.18.0.0/16 (kind's node network), one per node name. */
const NODE_NETWORK = 0xac120000n; // 172.18.0.0
const NODE_COUNT = 65000;

function nodeAddresses(pods: readonly Pod[], taken: Set<string>): Map<string, string> {
  const nodes = new Map<string, string>();
  const names = [...new Set(pods.filter((p) => p.spec.hostNetwork && hostAddress(p) === undefined).map((p) => p.spec.nodeName ?? 'node'))].sort();
  for (const node of names) {
    let slot = fnv1a(node) % NODE_COUNT;
    let ip = formatIp(4, NODE_NETWORK + BigInt(2 + slot));
    while (taken.has(ip)) {
      slot = (slot + 1) % NODE_COUNT;
      ip = formatIp(4, NODE_NETWORK + BigInt(2 + slot));
    }
    taken.add(ip);
    nodes.set(node, ip);
  }
  return nodes;
}

/** A hostNetwork pod's address as the input states it: its node's (hostIP), or its podIP (the same). */
function hostAddress(pod: Pod): string | undefined {
  return pod.status?.hostIP ?? pod.status?.podIP;
}

/** The addresses a pod states, primary first: status.podIP, then status.podIPs. */
function statedAddresses(pod: Pod): string[] {
  const stated = [pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((p) => p.ip)].filter((ip): ip is string => ip !== undefined && ip !== '');
  return [...new Set(stated)];
}

const familyOf = (ip: string): IpFamily | undefined => parseIp(ip)?.family;

/** Assigned IPv6 pod addresses: fd00:10:244::/64, the IPv4 address in the low 32 bits (unique as it is). */
const POD_NETWORK6 = 0xfd000010024400000000000000000000n; // fd00:10:244::

function freeSlot(start: number, count: number, address: (slot: number) => string, taken: Set<string>): string {
  let slot = start % count;
  let ip = address(slot);
  while (taken.has(ip)) {
    slot = (slot + 1) % count;
    ip = address(slot);
  }
  taken.add(ip);
  return ip;
}

/** Every non-hostNetwork pod's addresses: what it states, plus one of each family it lacks. */
function assignAddresses(pods: readonly Pod[], taken: Set<string>): Map<string, string[]> {
  const assigned = new Map<string, string[]>();
  const sorted = [...pods].sort((a, b) => podKey(a).localeCompare(podKey(b)));
  for (const pod of sorted) {
    if (pod.spec.hostNetwork) continue;
    const ips = statedAddresses(pod);
    let v4 = ips.find((ip) => familyOf(ip) === 4);
    if (v4 === undefined) {
      if (taken.size >= HOST_COUNT) throw new InputError('more pods than addresses in 10.244.0.0/16');
      v4 = freeSlot(fnv1a(podKey(pod)), HOST_COUNT, (slot) => formatIp(4, POD_NETWORK + BigInt(FIRST_HOST + slot)), taken);
      ips.push(v4);
    }
    if (!ips.some((ip) => familyOf(ip) === 6)) {
      const low = Number(parseIp(v4)?.value ?? 0n);
      ips.push(freeSlot(low, 2 ** 32, (slot) => formatIp(6, POD_NETWORK6 + BigInt(slot)), taken));
    }
    assigned.set(podKey(pod), ips);
  }
  return assigned;
}

function podKey(pod: Pod): string {
  return podId(pod.metadata.namespace, pod.metadata.name);
}

/**
 * Namespaces come from Namespace objects and, implicitly, from every pod's and policy's namespace.
 * Later objects of the same kind and name replace earlier ones.
 */
export function buildTopology(objects: readonly KubeObject[], externals: readonly ExternalHost[] = []): Topology {
  const namespaces = new Map<string, NamespaceSpec>();
  const pods = new Map<string, Pod>();
  const ensureNamespace = (name: string): void => {
    if (!namespaces.has(name)) namespaces.set(name, { name, labels: withNamespaceNameLabel(name, undefined) });
  };
  for (const object of objects) {
    switch (object.kind) {
      case 'Namespace':
        namespaces.set(object.metadata.name, {
          name: object.metadata.name,
          labels: withNamespaceNameLabel(object.metadata.name, object.metadata.labels),
        });
        break;
      case 'Pod':
        ensureNamespace(object.metadata.namespace);
        pods.set(podKey(object), object);
        break;
      case 'NetworkPolicy':
        ensureNamespace(object.metadata.namespace);
        break;
      case 'ClusterNetworkPolicy':
      case 'AdminNetworkPolicy':
      case 'BaselineAdminNetworkPolicy':
        break; // cluster-scoped: they imply no namespace
    }
  }
  const taken = new Set<string>();
  // hostNetwork pods share their node's address, with each other too: only pod networks must be unique.
  for (const pod of pods.values()) {
    const ips = pod.spec.hostNetwork ? [hostAddress(pod)].filter((ip): ip is string => ip !== undefined) : statedAddresses(pod);
    for (const ip of ips) {
      if (!pod.spec.hostNetwork && taken.has(ip)) throw new InputError(`pod ${podKey(pod)}: address ${ip} is used by another pod`);
      taken.add(ip);
    }
  }
  for (const ext of externals) taken.add(ext.ip);
  const nodes = nodeAddresses([...pods.values()], taken);
  const assigned = assignAddresses([...pods.values()], taken);
  const podSpecs: PodSpec[] = [...pods.values()].map((pod) => {
    const ips = assigned.get(podKey(pod)) ?? [];
    return {
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      labels: { ...pod.metadata.labels },
      ip: (pod.spec.hostNetwork ? (hostAddress(pod) ?? nodes.get(pod.spec.nodeName ?? 'node')) : ips[0]) ?? '',
      ports: podPorts(pod),
      ...(pod.spec.hostNetwork ? { hostNetwork: true } : { ips }),
    };
  });
  for (const ext of externals) {
    if (!parseIp(ext.ip)) throw new InputError(`external host ${ext.name}: "${ext.ip}" is not an IP address`);
  }
  return { namespaces: [...namespaces.values()], pods: podSpecs, externals: [...externals] };
}
