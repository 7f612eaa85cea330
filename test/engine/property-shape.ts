// The shape of the engine's property tests (property.test.ts and fast-path.test.ts): small random
// states with every feature, IPv6, stray namespaces and hostNetwork pods included.
import type { ClusterShape } from '../../src/generate/random-cluster.js';

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

