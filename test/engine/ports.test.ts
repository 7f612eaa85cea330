// docs/semantics.md "Ports": protocols with TCP as default, numeric ports, endPort ranges, and named ports
// resolved on the destination pod (ingress: the selected pod; egress: the peer), by name AND
// protocol, never matching an external destination.
import { describe } from 'node:test';
import type { KubeObject, NetworkPolicyPort } from '../../src/model/api.js';
import { BASE, netpol, ns, pod, runCases, type EngineCase } from './cases.js';

const a = { matchLabels: { pod: 'a' } };
const ingressPorts = (...ports: NetworkPolicyPort[]) => [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ ports }] })];

/**
 * Named ports: the same name on different numbers per pod, so the pod it resolves on shows.
 * n/dst serves web=8080/TCP and dns=53/UDP; n/other serves web=9090/TCP; n/src serves web=7070/TCP
 * and has no `dns`; n/bare serves nothing named.
 */
const NAMED: KubeObject[] = [
  ns('n'),
  pod('n', 'dst', { role: 'dst' }, [{ name: 'web', containerPort: 8080, protocol: 'TCP' }, { name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'sctp-port', containerPort: 9000, protocol: 'SCTP' }], '10.9.0.1'),
  pod('n', 'other', { role: 'dst' }, [{ name: 'web', containerPort: 9090 }], '10.9.0.2'),
  pod('n', 'src', { role: 'src' }, [{ name: 'web', containerPort: 7070, protocol: 'TCP' }, { name: 'tcp-dns', containerPort: 5353, protocol: 'TCP' }], '10.9.0.3'),
  pod('n', 'bare', { role: 'src' }, [], '10.9.0.4'),
];
const dst = { matchLabels: { role: 'dst' } };
const src = { matchLabels: { role: 'src' } };
/** Ingress to the role=dst pods, from anyone, on these ports. */
const namedIngress = (...ports: NetworkPolicyPort[]) => [...NAMED, netpol('n', 'p', { podSelector: dst, ingress: [{ ports }] })];
/** Egress from the role=src pods, to anyone (pods and externals), on these ports. */
const namedEgress = (...ports: NetworkPolicyPort[]) => [...NAMED, netpol('n', 'p', { podSelector: src, policyTypes: ['Egress'], egress: [{ ports }] })];

const cases: EngineCase[] = [
  // Protocols, TCP by default.
  { description: 'port without protocol is TCP', objects: ingressPorts({ port: 80 }), flow: 'y/b -> x/a 80/TCP', expected: 'allowed' },
  { description: 'port without protocol does not match UDP', objects: ingressPorts({ port: 80 }), flow: 'y/b -> x/a 80/UDP', expected: 'denied' },
  { description: 'port without protocol does not match SCTP', objects: ingressPorts({ port: 80 }), flow: 'y/b -> x/a 80/SCTP', expected: 'denied' },
  { description: 'UDP port matches UDP', objects: ingressPorts({ protocol: 'UDP', port: 81 }), flow: 'y/b -> x/a 81/UDP', expected: 'allowed' },
  { description: 'UDP port does not match TCP', objects: ingressPorts({ protocol: 'UDP', port: 81 }), flow: 'y/b -> x/a 81/TCP', expected: 'denied' },
  { description: 'SCTP port matches SCTP', objects: ingressPorts({ protocol: 'SCTP', port: 80 }), flow: 'y/b -> x/a 80/SCTP', expected: 'allowed' },
  { description: 'SCTP port does not match TCP', objects: ingressPorts({ protocol: 'SCTP', port: 80 }), flow: 'y/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'explicit TCP', objects: ingressPorts({ protocol: 'TCP', port: 80 }), flow: 'y/b -> x/a 80/TCP', expected: 'allowed' },
  { description: 'a UDP entry next to a TCP entry', objects: ingressPorts({ port: 80 }, { protocol: 'UDP', port: 53 }), flow: 'y/b -> x/a 53/UDP', expected: 'allowed' },
  { description: 'a UDP entry next to a TCP entry: TCP on the UDP number', objects: ingressPorts({ port: 80 }, { protocol: 'UDP', port: 53 }), flow: 'y/b -> x/a 53/TCP', expected: 'denied' },

  // Numeric ports.
  { description: 'numeric port: another number', objects: ingressPorts({ port: 80 }), flow: 'y/b -> x/a 81/TCP', expected: 'denied' },
  // `port: "80"` is a port name in the API's IntOrString (the validator rejects it: a name needs a
  // letter); no container port can carry that name, so it matches nothing, as on netns.
  { description: 'a port written as the string "80" is a name, not the number', objects: ingressPorts({ port: '80' }), flow: 'y/b -> x/a 80/TCP', expected: 'denied' },

  // endPort: inclusive range.
  { description: 'endPort: the first port', objects: ingressPorts({ port: 8000, endPort: 8080 }), flow: 'y/b -> x/a 8000/TCP', expected: 'allowed' },
  { description: 'endPort: inside', objects: ingressPorts({ port: 8000, endPort: 8080 }), flow: 'y/b -> x/a 8042/TCP', expected: 'allowed' },
  { description: 'endPort: the last port (inclusive)', objects: ingressPorts({ port: 8000, endPort: 8080 }), flow: 'y/b -> x/a 8080/TCP', expected: 'allowed' },
  { description: 'endPort: one below', objects: ingressPorts({ port: 8000, endPort: 8080 }), flow: 'y/b -> x/a 7999/TCP', expected: 'denied' },
  { description: 'endPort: one above', objects: ingressPorts({ port: 8000, endPort: 8080 }), flow: 'y/b -> x/a 8081/TCP', expected: 'denied' },
  { description: 'endPort equal to port: a single port', objects: ingressPorts({ port: 80, endPort: 80 }), flow: 'y/b -> x/a 80/TCP', expected: 'allowed' },
  { description: 'endPort on UDP', objects: ingressPorts({ protocol: 'UDP', port: 80, endPort: 90 }), flow: 'y/b -> x/a 85/UDP', expected: 'allowed' },
  { description: 'endPort on UDP: not TCP', objects: ingressPorts({ protocol: 'UDP', port: 80, endPort: 90 }), flow: 'y/b -> x/a 85/TCP', expected: 'denied' },
  { description: 'endPort on egress', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Egress'], egress: [{ ports: [{ port: 30000, endPort: 32767 }] }] })], flow: 'x/a -> remote 32767/TCP', expected: 'allowed' },

  // Named ports on ingress: resolved on the selected (destination) pod.
  { description: 'ingress named port resolves on the destination', objects: namedIngress({ port: 'web' }), flow: 'n/src -> n/dst 8080/TCP', expected: 'allowed' },
  { description: 'ingress named port: another destination resolves it to its own number', objects: namedIngress({ port: 'web' }), flow: 'n/src -> n/other 9090/TCP', expected: 'allowed' },
  { description: "ingress named port: not another pod's number for the name", objects: namedIngress({ port: 'web' }), flow: 'n/src -> n/dst 9090/TCP', expected: 'denied' },
  { description: "ingress named port: never the source's number for the name", objects: namedIngress({ port: 'web' }), flow: 'n/src -> n/dst 7070/TCP', expected: 'denied' },
  { description: 'ingress named port the destination lacks', objects: namedIngress({ port: 'tcp-dns' }), flow: 'n/src -> n/dst 5353/TCP', expected: 'denied' },
  { description: 'ingress named port from an external host', objects: namedIngress({ port: 'web' }), flow: 'backup -> n/dst 8080/TCP', expected: 'allowed' },
  { description: 'named port with its protocol', objects: namedIngress({ protocol: 'UDP', port: 'dns' }), flow: 'n/src -> n/dst 53/UDP', expected: 'allowed' },
  { description: 'named port, protocol defaulting to TCP, container port is UDP', objects: namedIngress({ port: 'dns' }), flow: 'n/src -> n/dst 53/UDP', expected: 'denied' },
  { description: 'named port, protocol defaulting to TCP, flow is TCP on the UDP number', objects: namedIngress({ port: 'dns' }), flow: 'n/src -> n/dst 53/TCP', expected: 'denied' },
  { description: 'named port with protocol UDP, container port is TCP', objects: namedIngress({ protocol: 'UDP', port: 'web' }), flow: 'n/src -> n/dst 8080/UDP', expected: 'denied' },
  { description: 'named SCTP port', objects: namedIngress({ protocol: 'SCTP', port: 'sctp-port' }), flow: 'n/src -> n/dst 9000/SCTP', expected: 'allowed' },

  // Named ports on egress: resolved on the peer (the destination), never on the selected source.
  { description: 'egress named port resolves on the destination peer', objects: namedEgress({ port: 'web' }), flow: 'n/src -> n/other 9090/TCP', expected: 'allowed' },
  { description: "egress named port: not the source's own number", objects: namedEgress({ port: 'web' }), flow: 'n/src -> n/other 7070/TCP', expected: 'denied' },
  { description: 'egress named port: a destination without the name', objects: namedEgress({ port: 'web' }), flow: 'n/src -> n/bare 7070/TCP', expected: 'denied' },
  { description: 'egress named port never matches an external host, even one serving a port of that name', objects: namedEgress({ port: 'http' }), flow: 'n/src -> backup 80/TCP', expected: 'denied' },
  { description: 'egress named port to an external host, any number', objects: namedEgress({ port: 'web' }), flow: 'n/src -> remote 8080/TCP', expected: 'denied' },
  { description: 'egress numeric port next to a named one still matches an external host', objects: namedEgress({ port: 'http' }, { port: 80 }), flow: 'n/src -> backup 80/TCP', expected: 'allowed' },
];

describe('engine: ports, protocols, endPort and named ports', () => runCases(cases));
