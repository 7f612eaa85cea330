// Ports and protocols of a rule, both directions, x/a isolated and the rule open to every peer:
// no ports and `ports: []`; every protocol (absent, TCP, UDP, SCTP) with no port, 80 and 81; named
// ports of every protocol, with and without an explicit protocol; endPort ranges on every protocol;
// the pathological ones (a name whose protocol differs, a name and a number nobody serves); and
// pairs of ports (ORed), as Cyclonus tests them.
import type { NetworkPolicyPort, Protocol } from '../../model/api.js';
import { DIRECTIONS, networkPolicy, podLabel, policyType, singleStep, type GeneratedCase } from '../case.js';
import { describePort, portTags, unique, type Family } from './family.js';
import { rulesOf } from './rules.js';

const PROTOCOLS: (Protocol | undefined)[] = [undefined, 'TCP', 'UDP', 'SCTP'];
const withProtocol = (protocol: Protocol | undefined): Pick<NetworkPolicyPort, 'protocol'> => (protocol ? { protocol } : {});

function singles(): { port: NetworkPolicyPort; why: string }[] {
  const out: { port: NetworkPolicyPort; why: string }[] = [];
  for (const protocol of PROTOCOLS) {
    for (const port of [undefined, 80, 81]) {
      out.push({ port: { ...withProtocol(protocol), ...(port !== undefined ? { port } : {}) }, why: protocol ? `protocol ${protocol}` : 'an absent protocol is TCP' });
    }
  }
  for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) {
    for (const number of [80, 81]) out.push({ port: { protocol, port: `serve-${number}-${protocol.toLowerCase()}` }, why: 'a named port resolves on the destination pod' });
  }
  out.push({ port: { port: 'serve-80-tcp' }, why: 'a named port without protocol is a TCP port' });
  out.push({ port: { port: 'serve-80-udp' }, why: 'a named port without protocol is TCP: a UDP name does not resolve' });
  for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) {
    for (const [from, to] of [[53, 80], [53, 84], [80, 81], [81, 90]] as const) {
      out.push({ port: { protocol, port: from, endPort: to }, why: 'endPort makes an inclusive range' });
    }
  }
  out.push({ port: { protocol: 'TCP', port: 'serve-81-udp' }, why: "a name resolves only with the container port's protocol" });
  out.push({ port: { protocol: 'TCP', port: 'serve-7981-udp' }, why: 'a name no container port has opens nothing' });
  out.push({ port: { protocol: 'TCP', port: 7981 }, why: 'a port nobody serves opens nothing that is probed' });
  return out;
}

const PAIRS: NetworkPolicyPort[][] = [
  [{}, { port: 80 }],
  [{}, { port: 'serve-80-tcp' }],
  [{}, { protocol: 'UDP' }],
  [{ port: 80 }, { port: 81 }],
  [{ port: 80 }, { port: 'serve-81-tcp' }],
  [{ port: 80 }, { protocol: 'UDP', port: 'serve-81-udp' }],
  [{ protocol: 'UDP', port: 80 }, { protocol: 'UDP', port: 'serve-81-udp' }],
  [{ protocol: 'SCTP' }, { port: 81 }],
  [{ port: 80, endPort: 81 }, { protocol: 'UDP', port: 81 }],
  [{ protocol: 'UDP', port: 53, endPort: 80 }, { protocol: 'TCP', port: 81, endPort: 84 }],
];

function portsCase(direction: 'ingress' | 'egress', ports: NetworkPolicyPort[] | undefined, name: string, description: string): GeneratedCase {
  const spec = { podSelector: podLabel('a'), policyTypes: [policyType(direction)], ...rulesOf(direction, [ports === undefined ? {} : { ports }]) };
  const tags = unique([`@${direction}`, '@ports', ...(ports ?? []).flatMap(portTags)]);
  return singleStep(`${direction} ${name}`, description, tags, [networkPolicy('x', 'ports', spec)]);
}

export const portsFamily: Family = {
  name: 'ports',
  summary: 'ports and protocols, both directions: none, every protocol with and without a number, named, ranges, pathological names and numbers, pairs',
  cases() {
    const cases: GeneratedCase[] = [];
    for (const direction of DIRECTIONS) {
      cases.push(portsCase(direction, undefined, 'no ports', 'A rule without `ports` matches every port of every protocol.'));
      cases.push(portsCase(direction, [], 'empty ports', 'A rule with an empty `ports` list matches every port of every protocol.'));
      for (const { port, why } of singles()) cases.push(portsCase(direction, [port], `port ${describePort(port)}`, `x/a isolated for ${direction}, one port: ${why}.`));
      for (const pair of PAIRS) cases.push(portsCase(direction, pair, `ports ${pair.map(describePort).join(' OR ')}`, 'Two ports of one rule: a flow matching either is allowed.'));
    }
    return cases;
  },
};
