// The shape of the engine's property tests (property.test.ts and fast-path.test.ts): small random
// states with every feature, IPv6, stray namespaces and hostNetwork pods included, and what their
// cluster-scoped policies may name.
import type { ClusterShape } from '../../src/generate/random-cluster.js';
import type { PolicyVocabulary } from '../../src/generate/random-cluster-policies.js';

export const PROPERTY_SHAPE: ClusterShape = {
  namespaces: [2, 3],
  pods: [2, 5],
  policies: [1, 5],
  ports: [
    { port: 80, protocol: 'TCP' },
    { port: 81, protocol: 'TCP' },
    { port: 8080, protocol: 'TCP' },
    { port: 53, protocol: 'UDP' },
    { port: 81, protocol: 'UDP' },
    { port: 80, protocol: 'SCTP' },
  ],
  serveAll: false,
  externals: [
    { name: 'ext1', ip: '192.168.5.10', ports: [{ port: 80, protocol: 'TCP', name: 'http' }] },
    { name: 'ext2', ip: '10.244.9.200', ports: [] }, // inside the pods' network
    { name: 'ext6', ip: 'fd00::99', ports: [] },
  ],
  externalShare: 0.4,
  ipv6Share: 0.15,
  strays: true,
  hostNetworkShare: 0.1,
};


/** What the random cluster-scoped policies may name: the shape's labels, addresses and ports. */
export const PROPERTY_TIERS: PolicyVocabulary = {
  namespaceLabels: { env: ['prod', 'dev'], team: ['a', 'b'], 'kubernetes.io/metadata.name': ['x', 'y', 'w'] },
  podLabels: { app: ['web', 'api', 'db'], tier: ['fe', 'be'] },
  networks: [['10.244.1.0/30'], ['10.244.1.0/24', '192.168.5.0/24'], ['0.0.0.0/0'], ['fd00::/16'], ['10.244.2.1/32'], ['192.168.5.10/32']],
  ports: { TCP: [80, 81, 8080], UDP: [53, 81], SCTP: [80] },
  namedPorts: ['http', 'dns', 'alt', 'metrics', 'nope'],
  maxPolicies: 4,
};
