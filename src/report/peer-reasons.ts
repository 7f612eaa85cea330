// Why a policy peer does not match an endpoint, in the words a learner needs: the label or
// namespace label that is missing or different, the namespace a podSelector alone looks in, the
// address outside an ipBlock or inside one of its excepts.
import { cidrContains, formatCidr, parseCidr, parseIp } from '../model/cidr.js';
import { formatSelector, selectorMismatches } from '../model/selectors.js';
import { findEndpoint, withNamespaceNameLabel, type Topology } from '../model/topology.js';
import type { NetworkPolicyPeer } from '../model/api.js';

export interface PeerContext {
  topology: Topology;
  /** Whether ipBlock peers match pod addresses (implementation-defined; default true). */
  ipBlockMatchesPodIps: boolean;
}

function ipBlockReason(peer: Required<Pick<NetworkPolicyPeer, 'ipBlock'>>, id: string, ip: string, isPod: boolean, ctx: PeerContext): string {
  if (isPod && !ctx.ipBlockMatchesPodIps) return `${id} is a pod, and ipBlock peers match no pod address here (--no-ipblock-pod-ips)`;
  const address = parseIp(ip);
  const block = parseCidr(peer.ipBlock.cidr);
  if (!address || !block) return `${id}'s address ${ip} cannot be compared with ${peer.ipBlock.cidr}`;
  if (address.family !== block.family) return `${id}'s address ${ip} is IPv${address.family}, ${formatCidr(block)} is IPv${block.family}`;
  if (!cidrContains(block, address)) return `${id}'s address ${ip} is not in ${formatCidr(block)}`;
  const except = (peer.ipBlock.except ?? []).find((e) => {
    const cidr = parseCidr(e);
    return cidr !== undefined && cidrContains(cidr, address);
  });
  return except !== undefined ? `${id}'s address ${ip} is in except ${except}` : `${id}'s address ${ip} is in ${formatCidr(block)}`;
}

/** Why `peer` (of a policy in `policyNamespace`) does not match the endpoint `id`. */
export function whyPeerMisses(peer: NetworkPolicyPeer, policyNamespace: string, id: string, ctx: PeerContext): string {
  const endpoint = findEndpoint(ctx.topology, id);
  if (!endpoint) return `${id} is not in the topology`;
  const pod = 'namespace' in endpoint ? endpoint : undefined;
  if (peer.ipBlock) return ipBlockReason({ ipBlock: peer.ipBlock }, id, endpoint.ip, pod !== undefined, ctx);
  if (!pod) return `${id} is an external host, and selectors match pods only`;
  if (pod.hostNetwork) return `${id} runs in its node's network (hostNetwork), and selectors never match such pods`;
  const podMissing = selectorMismatches(peer.podSelector, pod.labels);
  const podReason = podMissing.length > 0 ? `${id} ${podMissing.join(' and ')}` : undefined;
  if (!peer.namespaceSelector) {
    const elsewhere = pod.namespace !== policyNamespace ? `${id} is in namespace ${pod.namespace}, and a podSelector alone looks in the policy's namespace ${policyNamespace}` : undefined;
    return [elsewhere, podReason].filter((r) => r !== undefined).join(', and ') || `${id} matches`;
  }
  const declared = ctx.topology.namespaces.find((n) => n.name === pod.namespace)?.labels;
  const nsMissing = selectorMismatches(peer.namespaceSelector, withNamespaceNameLabel(pod.namespace, declared));
  const nsReason = nsMissing.length > 0 ? `namespace ${pod.namespace} ${nsMissing.join(' and ')}` : undefined;
  // Both selectors in one peer must match: say which half did, so the other stands out.
  if (nsReason && podReason) return `${nsReason}, and ${podReason}`;
  if (nsReason) return peer.podSelector && formatSelector(peer.podSelector) !== '<all>' ? `${id} matches ${formatSelector(peer.podSelector)}, but ${nsReason}` : nsReason;
  if (podReason) return `namespace ${pod.namespace} matches ${formatSelector(peer.namespaceSelector)}, but ${podReason}`;
  return `${id} matches`;
}
