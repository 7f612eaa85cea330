// What every family of generated cases provides, and what it may build on: the x/y/z topology as
// the engine sees it (its pod addresses make ipBlocks about pods; the feature writer turns those
// addresses back into `{{ip ns/pod}}` templates, so the features hold on any target).
import { formatSelector } from '../../model/selectors.js';
import type { LabelSelector, NetworkPolicyPeer, NetworkPolicyPort } from '../../model/api.js';
import { findEndpoint, type Topology } from '../../model/topology.js';
import type { GeneratedCase } from '../case.js';

export interface FamilyContext {
  /** The x/y/z model as built (with addresses). */
  topology: Topology;
}

export interface Family {
  name: string;
  /** One line for `generate --help` and the feature's description. */
  summary: string;
  cases(ctx: FamilyContext): GeneratedCase[];
}

/** The address of a pod of the model (the families only name pods that exist). */
export function ipOf(ctx: FamilyContext, id: string): string {
  const ip = findEndpoint(ctx.topology, id)?.ip;
  if (ip === undefined) throw new Error(`generated case: no endpoint ${id} in the x/y/z model`);
  return ip;
}

export function describeSelector(selector: LabelSelector): string {
  return formatSelector(selector).replaceAll('kubernetes.io/metadata.name', 'name');
}

/** Short, readable and unique enough for scenario names: `pods pod=c in ns name=y`. */
export function describePeer(peer: NetworkPolicyPeer): string {
  if (peer.ipBlock) return `ipBlock ${peer.ipBlock.cidr}${peer.ipBlock.except?.length ? ` except ${peer.ipBlock.except.join(', ')}` : ''}`;
  const pods = peer.podSelector ? `pods ${describeSelector(peer.podSelector)}` : 'all pods';
  return peer.namespaceSelector ? `${pods} in ns ${describeSelector(peer.namespaceSelector)}` : `${pods} of the policy ns`;
}

export function describePort(port: NetworkPolicyPort): string {
  const protocol = port.protocol ?? '(TCP)';
  if (port.port === undefined) return `all ${protocol}`;
  return `${port.port}${port.endPort !== undefined ? `-${port.endPort}` : ''}/${protocol}`;
}

/** Area tags that follow from a peer or port. */
export function peerTags(peer: NetworkPolicyPeer): string[] {
  return peer.ipBlock ? ['@ipblock'] : [];
}

export function portTags(port: NetworkPolicyPort): string[] {
  return [
    '@ports',
    ...(typeof port.port === 'string' ? ['@named-port'] : []),
    ...(port.endPort !== undefined ? ['@endport'] : []),
  ];
}

export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}
