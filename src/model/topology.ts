// Topology: what a target must build before policies are applied (namespaces with labels, pods
// with labels, addresses and served ports, external hosts), and the endpoints it names. An
// endpoint id is `namespace/name` for a pod and `name` for an external host.
import { NAMESPACE_NAME_LABEL, namespacedName, type Labels, type Protocol } from './api.js';
import { parseIp, type IpFamily } from './cidr.js';

export interface PortSpec {
  port: number;
  protocol: Protocol;
  /** Container port name (pods only); named policy ports resolve against it. */
  name?: string;
}

export interface NamespaceSpec {
  name: string;
  /** Includes `kubernetes.io/metadata.name`. */
  labels: Labels;
}

export interface PodSpec {
  namespace: string;
  name: string;
  labels: Labels;
  /** The primary address (status.podIP). */
  ip: string;
  /**
   * Every address, primary first, at most one per family (status.podIPs): pods are dual-stack,
   * an IPv4 and an IPv6 address (see build-topology.ts). Absent: `[ip]`.
   */
  ips?: string[];
  ports: PortSpec[];
  /**
   * Runs in its node's network namespace (spec.hostNetwork): `ip` is the node's address, which
   * several such pods may share. Policies never select it; only ipBlocks match its traffic.
   */
  hostNetwork?: boolean;
}

export interface ExternalHost {
  name: string;
  /** IPv4 or IPv6: an external host has one address. */
  ip: string;
  ports: PortSpec[];
}

export interface Topology {
  namespaces: NamespaceSpec[];
  pods: PodSpec[];
  externals: ExternalHost[];
}

/** `namespace/name` for a pod, the external host's name for an external host. */
export type EndpointId = string;

export function podId(namespace: string, name: string): EndpointId {
  return namespacedName(namespace, name);
}

/** A namespace's labels with its immutable `kubernetes.io/metadata.name` label (KEP-2161). */
export function withNamespaceNameLabel(name: string, labels: Labels | undefined): Labels {
  return { ...labels, [NAMESPACE_NAME_LABEL]: name };
}

/**
 * Whether a flow is judged at all: an endpoint talking to itself is not (a pod cannot block its
 * own traffic), nor is one external host talking to another (NetworkPolicy applies to neither).
 * Every truth table, matrix and flow list leaves these pairs out.
 */
export function isJudgedPair(sameEndpoint: boolean, fromExternal: boolean, toExternal: boolean): boolean {
  return !sameEndpoint && !(fromExternal && toExternal);
}

/** Endpoint ids of a topology, pods first (`ns/name`), then external hosts (`name`). */
export function endpointIds(topology: Topology): EndpointId[] {
  return [...topology.pods.map((p) => podId(p.namespace, p.name)), ...topology.externals.map((e) => e.name)];
}

/** The pod (`ns/name`) or external host (`name`) an endpoint id names. */
export function findEndpoint(topology: Topology, id: EndpointId): PodSpec | ExternalHost | undefined {
  return topology.pods.find((p) => podId(p.namespace, p.name) === id) ?? topology.externals.find((e) => e.name === id);
}

/** Whether an endpoint listens on a port: a connection to any other port is refused, whatever the policies say. */
export function servesPort(topology: Topology, id: EndpointId, port: Pick<PortSpec, 'port' | 'protocol'>): boolean {
  const ports = findEndpoint(topology, id)?.ports ?? [];
  return ports.some((p) => p.port === port.port && p.protocol === port.protocol);
}

/** An endpoint's addresses, primary first. */
export function endpointAddresses(endpoint: PodSpec | ExternalHost): string[] {
  return 'ips' in endpoint && endpoint.ips !== undefined && endpoint.ips.length > 0 ? endpoint.ips : [endpoint.ip];
}

/** The endpoint's address of a family, if it has one. */
export function addressOfFamily(endpoint: PodSpec | ExternalHost, family: IpFamily): string | undefined {
  return endpointAddresses(endpoint).find((ip) => parseIp(ip)?.family === family);
}

/**
 * The address family a flow travels in: the one asked for, else the destination's primary family
 * when the source has an address of it, else the other family when both have it. Undefined when
 * the two ends have no family in common (or one lacks the family asked for): no packet can go.
 */
export function flowFamily(from: PodSpec | ExternalHost, to: PodSpec | ExternalHost, requested?: IpFamily): IpFamily | undefined {
  return chooseFamily(familiesOf(from), familiesOf(to), requested);
}

/** The families of an endpoint's addresses, primary first. */
export function familiesOf(endpoint: PodSpec | ExternalHost): IpFamily[] {
  return endpointAddresses(endpoint).flatMap((ip) => parseIp(ip)?.family ?? []);
}

/** flowFamily on the families of the two ends (primary first), for callers that keep them parsed. */
export function chooseFamily(from: readonly IpFamily[], to: readonly IpFamily[], requested?: IpFamily): IpFamily | undefined {
  if (requested !== undefined) return from.includes(requested) && to.includes(requested) ? requested : undefined;
  const primary = to[0] ?? 4;
  if (from.includes(primary)) return primary;
  const other: IpFamily = primary === 4 ? 6 : 4;
  return from.includes(other) && to.includes(other) ? other : undefined;
}
