// The experimental egress peers name things a topology does not have: nodes and DNS names. The
// targets that build the topology themselves (sim, netns) cannot judge them, and say so.
import type { Capability } from './target.js';

export const UNMODELLED_PEERS: ReadonlyMap<Capability, string> = new Map<Capability, string>([
  ['nodes-peer', 'the topology has no nodes, so a nodes peer (experimental) cannot be judged'],
  ['domain-names-peer', 'the topology resolves no domain names, so a domainNames peer (experimental) cannot be judged'],
]);
