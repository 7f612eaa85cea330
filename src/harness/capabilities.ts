// Which target capabilities a scenario really uses. Scenarios must carry the matching tags, so a
// target that lacks one reports the scenario as skipped instead of failing or, worse, passing.
import { cidrContains, parseCidr, parseIp } from '../model/cidr.js';
import type { Flow } from '../model/verdicts.js';
import { policyKey, type KubeObject } from '../model/api.js';
import { endpointAddresses, findEndpoint, flowFamily, type ExternalHost, type PodSpec, type Topology } from '../model/topology.js';
import { clusterPolicyId, isClusterPolicy, type ClusterPolicy } from '../model/cluster-policy.js';
import { tierPolicyView } from '../model/tier-rules.js';
import type { Capability } from '../targets/target.js';

export interface Need {
  capability: Capability;
  /** Another tag that meets the need as well (an implementation-defined choice either way). */
  or?: Capability;
  why: string;
}

export function requiredCapabilities(objects: readonly KubeObject[], topology: Topology, flows: readonly Flow[]): Need[] {
  const needs: Need[] = [];
  const externals = new Set(topology.externals.map((e) => e.name));
  for (const flow of flows) {
    if (flow.protocol === 'UDP') needs.push({ capability: 'udp', why: `probes ${flow.port}/UDP` });
    if (flow.protocol === 'SCTP') needs.push({ capability: 'sctp', why: `probes ${flow.port}/SCTP` });
    if (externals.has(flow.from) || externals.has(flow.to)) needs.push({ capability: 'external', why: `probes external host ${externals.has(flow.from) ? flow.from : flow.to}` });
  }
  const ends = (flow: Flow): [PodSpec | ExternalHost | undefined, PodSpec | ExternalHost | undefined] => [findEndpoint(topology, flow.from), findEndpoint(topology, flow.to)];
  for (const flow of flows) {
    const [from, to] = ends(flow);
    if (from && to && flowFamily(from, to, flow.family) === 6) needs.push({ capability: 'ipv6', why: `probes ${flow.from} -> ${flow.to} over IPv6` });
  }
  // Pods' IPv6 addresses count once a claim goes between two pods over IPv6 (pods are dual-stack).
  const podToPodOverIpv6 = flows.some((f) => {
    const [from, to] = ends(f);
    return from && to && 'namespace' in from && 'namespace' in to && flowFamily(from, to, f.family) === 6;
  });
  const podIps = topology.pods.flatMap((p) => (podToPodOverIpv6 ? endpointAddresses(p) : [p.ip])).map((ip) => parseIp(ip)).filter((ip) => ip !== undefined);
  for (const object of objects) {
    if (isClusterPolicy(object)) {
      needs.push(...clusterPolicyNeeds(object));
      continue;
    }
    if (object.kind !== 'NetworkPolicy') continue;
    const name = policyKey(object);
    const rules = [...(object.spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports })), ...(object.spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }))];
    for (const rule of rules) {
      for (const port of rule.ports ?? []) {
        if (port.endPort !== undefined) needs.push({ capability: 'endport', why: `applies ${name}, which uses endPort` });
        if (typeof port.port === 'string') needs.push({ capability: 'named-port', why: `applies ${name}, which uses named port ${port.port}` });
      }
      for (const peer of rule.peers ?? []) {
        const cidr = peer.ipBlock ? parseCidr(peer.ipBlock.cidr) : undefined;
        if (cidr && podIps.some((ip) => cidrContains(cidr, ip))) needs.push({ capability: 'ipblock-pod-ip', or: 'no-ipblock-pod-ip', why: `applies ${name}, whose ipBlock ${peer.ipBlock?.cidr} contains pod addresses` });
      }
    }
  }
  return needs;
}

function clusterPolicyNeeds(policy: ClusterPolicy): Need[] {
  const name = clusterPolicyId(policy);
  const needs: Need[] = [policy.kind === 'ClusterNetworkPolicy' ? { capability: 'cnp', why: `applies ${name} (policy.networking.k8s.io/v1alpha2)` } : { capability: 'anp', why: `applies ${name} (policy.networking.k8s.io/v1alpha1)` }];
  const view = tierPolicyView(policy);
  for (const rule of view.egress) {
    for (const peer of rule.peers) {
      if (peer.nodes !== undefined) needs.push({ capability: 'nodes-peer', why: `applies ${name}, whose egress rule ${rule.index} has a nodes peer` });
      if (peer.domainNames !== undefined) needs.push({ capability: 'domain-names-peer', why: `applies ${name}, whose egress rule ${rule.index} has a domainNames peer` });
    }
  }
  return needs;
}
