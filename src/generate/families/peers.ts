// Peers: who may talk to (ingress) or be reached from (egress) pod x/a. Each direction with no
// peers, with every single peer of the catalogue below (podSelector and namespaceSelector each
// absent, empty or by label or expression; ipBlock without and with except; ipBlocks on pod
// addresses) and with every pair of them (peers are ORed). ipBlocks on an external host's addresses
// come last, with an external host in the scenario.
import type { NetworkPolicyPeer } from '../../model/api.js';
import type { ExternalHost, PortSpec } from '../../model/topology.js';
import { DIRECTIONS, networkPolicy, nsIn, nsLabel, podIn, podLabel, policyType, singleStep, type GeneratedCase } from '../case.js';
import { describePeer, ipOf, peerTags, unique, type Family, type FamilyContext } from './family.js';
import { rulesOf, type NetworkPolicyRule } from './rules.js';

/** The pods' network: every address the model assigns is in 10.244.0.0/16. */
const POD_NETWORK = '10.244.0.0/16';
const BACKUP = '192.168.5.10';

function catalogue(ctx: FamilyContext): NetworkPolicyPeer[] {
  return [
    { podSelector: {} },
    { podSelector: podLabel('c') },
    { podSelector: podIn('b', 'c') },
    { namespaceSelector: {} },
    { namespaceSelector: {}, podSelector: {} },
    { namespaceSelector: {}, podSelector: podLabel('c') },
    { namespaceSelector: nsLabel('y') },
    { namespaceSelector: nsLabel('y'), podSelector: {} },
    { namespaceSelector: nsLabel('y'), podSelector: podLabel('c') },
    { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['x'] }] } },
    { namespaceSelector: nsIn('x', 'z'), podSelector: { matchExpressions: [{ key: 'pod', operator: 'NotIn', values: ['a'] }] } },
    { ipBlock: { cidr: POD_NETWORK } },
    { ipBlock: { cidr: POD_NETWORK, except: [`${ipOf(ctx, 'y/b')}/32`] } },
    { ipBlock: { cidr: `${ipOf(ctx, 'z/c')}/32` } },
  ];
}

/** Peers on an external host's addresses; every pod serves the probed ports, so does the host. */
function externalPeers(): NetworkPolicyPeer[] {
  return [
    { ipBlock: { cidr: '192.168.5.0/24' } },
    { ipBlock: { cidr: '192.168.5.0/24', except: [`${BACKUP}/32`] } },
    { ipBlock: { cidr: '0.0.0.0/0', except: [POD_NETWORK] } },
    { ipBlock: { cidr: '0.0.0.0/0' } },
  ];
}

export function externalHost(ports: readonly PortSpec[]): ExternalHost {
  return { name: 'backup', ip: BACKUP, ports: [...ports] };
}

function peersCase(direction: 'ingress' | 'egress', peers: NetworkPolicyPeer[] | undefined, name: string, description: string, extra: { externals?: ExternalHost[] } = {}): GeneratedCase {
  const rule: NetworkPolicyRule = peers === undefined ? {} : { peers };
  const spec = { podSelector: podLabel('a'), policyTypes: [policyType(direction)], ...rulesOf(direction, [rule]) };
  const tags = unique([`@${direction}`, ...(peers ?? []).flatMap(peerTags), ...(extra.externals ? ['@external'] : [])]);
  return singleStep(`${direction} ${name}`, description, tags, [networkPolicy('x', 'peers', spec)], extra.externals);
}

export function peersFamily(probedPorts: readonly PortSpec[]): Family {
  return {
    name: 'peers',
    summary: 'peers of each kind and every pair of them, both directions: pod and namespace selectors absent, empty or by label, ipBlock with and without except, on pod and external addresses',
    cases(ctx) {
      const cases: GeneratedCase[] = [];
      const peers = catalogue(ctx);
      for (const direction of DIRECTIONS) {
        const word = direction === 'ingress' ? 'from' : 'to';
        cases.push(peersCase(direction, undefined, `no ${word}`, `A rule without \`${word}\` matches every peer.`));
        cases.push(peersCase(direction, [], `empty ${word}`, `A rule with an empty \`${word}\` list matches every peer.`));
        peers.forEach((peer) => cases.push(peersCase(direction, [peer], `peer ${describePeer(peer)}`, `x/a isolated for ${direction}; one peer: ${describePeer(peer)}.`)));
        peers.forEach((first, i) =>
          peers.slice(i + 1).forEach((second) => {
            const name = `peers ${describePeer(first)} OR ${describePeer(second)}`;
            cases.push(peersCase(direction, [first, second], name, 'Two peers of one rule: a flow matching either is allowed.'));
          }),
        );
        for (const peer of externalPeers()) {
          const description = `An ipBlock on external addresses, with external host backup (${BACKUP}).`;
          cases.push(peersCase(direction, [peer], `external peer ${describePeer(peer)}`, description, { externals: [externalHost(probedPorts)] }));
        }
      }
      return cases;
    },
  };
}
