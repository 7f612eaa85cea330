// Endpoints grouped into equivalence classes: pods with the same namespace, the same labels as far
// as selectors tell them apart, the same resolvable named ports, the same ipBlock memberships (of
// each of their addresses), the same memberships of the cluster-scoped policies' networks and the
// same address families are judged alike in every flow, so verdicts are computed once per class. Classes are ordered by
// namespace, then labels, so the classes one namespace and one label set select are one run.
import { cidrContains, parseIp, type Cidr, type IpAddress, type IpFamily } from '../../model/cidr.js';
import { InputError } from '../../model/errors.js';
import type { Labels } from '../../model/api.js';
import { endpointAddresses, podId, withNamespaceNameLabel, type ExternalHost, type PodSpec, type Topology } from '../../model/topology.js';
import type { EngineOptions } from '../options.js';
import { emptyBits, setBit, type Bits } from './bitset.js';
import { labelKey, namedPortKey, type Block, type PolicyFeatures } from './features.js';

export interface EndpointClass {
  /** The first endpoint of the class; it stands for every member. */
  rep: number;
  pod: PodSpec | undefined;
  /** Index in `namespaces`; -1 for external hosts and hostNetwork pods, which no selector matches. */
  namespace: number;
  /** Index in `labelSets`; -1 for external hosts and hostNetwork pods. */
  labels: number;
  /** The families of its addresses, primary first: which family each of its flows travels in. */
  families: readonly IpFamily[];
  /** Which container ports named policy ports can resolve to (an index: equal for equal ports). */
  namedPorts: number;
}

/** A run of classes of one namespace with one label set: classes start..end-1. */
export interface LabelRun {
  labels: number;
  start: number;
  end: number;
}

export interface ClassIndex {
  /** Endpoint ids, pods first (`ns/name`), then external hosts; an endpoint's index is its place here. */
  ids: string[];
  byId: Map<string, number>;
  /** 1 for external hosts. */
  external: Uint8Array;
  /** The class of each endpoint. */
  classOf: Int32Array;
  classes: EndpointClass[];
  namespaces: { name: string; labels: Labels }[];
  namespaceIndex: Map<string, number>;
  /** Per namespace, its classes as runs of one label set. */
  runs: LabelRun[][];
  /** A representative of each distinct label set (as selectors see them). */
  labelSets: Labels[];
  /** Per ipBlock key: the classes whose address it matches. */
  blockClasses: Map<string, Bits>;
  /** Per CIDR of a cluster-scoped `networks` peer: the classes with an address in it, pods' included. */
  networkClasses: Map<string, Bits>;
}

interface Draft {
  key: string;
  endpoints: number[];
  namespace: number;
  labels: number;
  namedPorts: number;
  blocks: number[];
  networks: number[];
  families: IpFamily[];
}

/** An endpoint's addresses, primary first (a pod has one per family: dual-stack). */
function addressesOf(id: string, spec: PodSpec | ExternalHost): IpAddress[] {
  return endpointAddresses(spec).map((text) => {
    const ip = parseIp(text);
    if (!ip) throw new InputError(`endpoint ${id}: "${text}" is not an IP address`);
    return ip;
  });
}

/** cidrContains without BigInt for IPv4, which is nearly every check. */
function blockMatcher(cidr: Cidr): (ip: IpAddress, v4: number) => boolean {
  if (cidr.family === 6) return (ip) => cidrContains(cidr, ip);
  const shift = 32 - cidr.prefix;
  const network = Number(cidr.network);
  if (shift === 32) return (ip) => ip.family === 4;
  return (ip, v4) => ip.family === 4 && (v4 ^ network) >>> shift === 0;
}

/** The blocks that match one of the addresses: each block is of one family and matches the address of that family. */
function blocksMatching(blocks: readonly Block[]): (ips: readonly IpAddress[]) => number[] {
  const matchers = blocks.map((b) => ({ cidr: blockMatcher(b.cidr), except: b.except.map(blockMatcher) }));
  return (ips) => {
    const out: number[] = [];
    matchers.forEach((m, i) => {
      if (ips.some((ip) => {
        const v4 = ip.family === 4 ? Number(ip.value) : 0;
        return m.cidr(ip, v4) && !m.except.some((e) => e(ip, v4));
      })) out.push(i);
    });
    return out;
  };
}

export function buildClassIndex(topology: Topology, features: PolicyFeatures, options: EngineOptions): ClassIndex {
  const namespaces: { name: string; labels: Labels }[] = [];
  const namespaceIndex = new Map<string, number>();
  const addNamespace = (name: string, labels: Labels | undefined): number => {
    const known = namespaceIndex.get(name);
    const entry = { name, labels: withNamespaceNameLabel(name, labels) };
    if (known !== undefined) {
      namespaces[known] = entry; // a later definition of the same namespace wins
      return known;
    }
    namespaceIndex.set(name, namespaces.length);
    namespaces.push(entry);
    return namespaces.length - 1;
  };
  for (const ns of topology.namespaces) addNamespace(ns.name, ns.labels);

  const blocks = [...features.blocks.values()];
  const matching = blocksMatching(blocks);
  const networks: Block[] = [...features.networks].map(([key, cidr]) => ({ key, cidr, except: [] }));
  const inNetworks = blocksMatching(networks);
  const portKeys = new Map<string, number>();
  const portKeyOf = (pod: PodSpec): number => {
    const key = namedPortKey(pod, features);
    let id = portKeys.get(key);
    if (id === undefined) portKeys.set(key, (id = portKeys.size));
    return id;
  };
  const podIps = options.ipBlockMatchesPodIps ?? true;
  const ids: string[] = [];
  const labelIds = new Map<string, number>();
  const labelSets: Labels[] = [];
  const drafts = new Map<string, Draft>();
  const place = (endpoint: number, ips: readonly IpAddress[], at: Omit<Draft, 'key' | 'endpoints' | 'networks' | 'families'>): void => {
    const families = ips.map((ip) => ip.family);
    const networkList = inNetworks(ips);
    const key = `${at.namespace}|${at.labels}|${at.namedPorts}|${at.blocks.join(',')}|${networkList.join(',')}|${families.join('')}`;
    let draft = drafts.get(key);
    if (!draft) drafts.set(key, (draft = { key, endpoints: [], ...at, networks: networkList, families }));
    draft.endpoints.push(endpoint);
  };
  const pods = topology.pods;
  pods.forEach((pod, i) => {
    const id = podId(pod.namespace, pod.name);
    ids.push(id);
    const ips = addressesOf(id, pod);
    if (pod.hostNetwork) {
      // Its node's address: never selected, matched by ipBlocks only (whatever the pod-address
      // option), yet its container ports still resolve named ports as a destination.
      place(i, ips, { namespace: -1, labels: -1, namedPorts: portKeyOf(pod), blocks: matching(ips) });
      return;
    }
    const namespace = namespaceIndex.get(pod.namespace) ?? addNamespace(pod.namespace, undefined);
    const lk = labelKey(pod.labels, features);
    let labels = labelIds.get(lk);
    if (labels === undefined) {
      labels = labelSets.length;
      labelIds.set(lk, labels);
      labelSets.push(pod.labels);
    }
    place(i, ips, { namespace, labels, namedPorts: portKeyOf(pod), blocks: podIps ? matching(ips) : [] });
  });
  topology.externals.forEach((ext, i) => {
    ids.push(ext.name);
    const ips = addressesOf(ext.name, ext);
    place(pods.length + i, ips, { namespace: -1, labels: -1, namedPorts: -1, blocks: matching(ips) });
  });

  // Pods by namespace then label set; external hosts last.
  const order = [...drafts.values()].sort((a, b) => {
    const na = a.namespace < 0 ? Infinity : a.namespace;
    const nb = b.namespace < 0 ? Infinity : b.namespace;
    return na - nb || a.labels - b.labels || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
  const classOf = new Int32Array(ids.length);
  const classes: EndpointClass[] = order.map((draft, c) => {
    for (const e of draft.endpoints) classOf[e] = c;
    const rep = draft.endpoints[0] ?? 0;
    return { rep, pod: rep < pods.length ? pods[rep] : undefined, namespace: draft.namespace, labels: draft.labels, families: draft.families, namedPorts: draft.namedPorts };
  });
  const runs: LabelRun[][] = namespaces.map(() => []);
  classes.forEach((cls, c) => {
    if (cls.namespace < 0) return;
    const list = runs[cls.namespace] ?? [];
    const last = list.at(-1);
    if (last && last.labels === cls.labels) last.end = c + 1;
    else list.push({ labels: cls.labels, start: c, end: c + 1 });
  });
  const blockClasses = new Map(blocks.map((b) => [b.key, emptyBits(classes.length)]));
  const networkClasses = new Map(networks.map((b) => [b.key, emptyBits(classes.length)]));
  order.forEach((draft, c) => {
    for (const b of draft.blocks) {
      const bits = blockClasses.get(blocks[b]?.key ?? '');
      if (bits) setBit(bits, c);
    }
    for (const b of draft.networks) {
      const bits = networkClasses.get(networks[b]?.key ?? '');
      if (bits) setBit(bits, c);
    }
  });
  const external = new Uint8Array(ids.length);
  external.fill(1, pods.length);
  // Like the explaining engine: a later endpoint with the same id hides an earlier one.
  const byId = new Map(ids.map((id, i) => [id, i]));
  return { ids, byId, external, classOf, classes, namespaces, namespaceIndex, runs, labelSets, blockClasses, networkClasses };
}
