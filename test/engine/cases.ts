// Builders and the table runner for engine cases. A case is `{description, objects, flow,
// expected}`: `objects` are the Kubernetes objects of the cluster (Namespaces, Pods and the
// NetworkPolicies under test), turned into a topology by buildTopology exactly as manifests are.
//
// The base cluster follows upstream's x/y/z, a/b/c model, with labels chosen so that selectors can
// meet missing keys: namespace z and pod c lack the `env` / `app` labels.
import { it } from 'node:test';
import { expect } from 'chai';
import { createEngine, type EngineOptions } from '../../src/engine/index.js';
import { parsePort } from '../../src/model/notation.js';
import { buildTopology } from '../../src/model/build-topology.js';
import type { ContainerPort, KubeObject, Namespace, NetworkPolicy, NetworkPolicySpec, Pod } from '../../src/model/api.js';
import type { ExternalHost } from '../../src/model/topology.js';
import type { Flow } from '../../src/model/verdicts.js';
import { isClusterPolicyKind, type ClusterPolicy } from '../../src/model/cluster-policy.js';

export function ns(name: string, labels: Record<string, string> = {}): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export function pod(namespace: string, name: string, labels: Record<string, string>, ports: ContainerPort[] = [], ip?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: 'main', ports }] },
    ...(ip !== undefined ? { status: { podIP: ip } } : {}),
  };
}

export function netpol(namespace: string, name: string, spec: NetworkPolicySpec): NetworkPolicy {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

/** Every base pod serves these, named as upstream's agnhost pods name them. */
export const SERVED: ContainerPort[] = [
  { name: 'serve-80-tcp', containerPort: 80, protocol: 'TCP' },
  { name: 'serve-81-tcp', containerPort: 81, protocol: 'TCP' },
  { name: 'serve-80-udp', containerPort: 80, protocol: 'UDP' },
  { name: 'serve-81-udp', containerPort: 81, protocol: 'UDP' },
  { name: 'serve-80-sctp', containerPort: 80, protocol: 'SCTP' },
];

const NS_LABELS: Record<string, Record<string, string>> = { x: { ns: 'x', env: 'prod' }, y: { ns: 'y', env: 'dev' }, z: { ns: 'z' } };
const POD_LABELS: Record<string, Record<string, string>> = { a: { pod: 'a', app: 'web' }, b: { pod: 'b', app: 'api' }, c: { pod: 'c' } };
/** Fixed addresses so ipBlock cases can name them: x/a 10.1.0.1, x/b 10.1.0.2, ..., z/c 10.3.0.3. */
export const POD_IP = (namespace: string, name: string): string => `10.${'xyz'.indexOf(namespace) + 1}.0.${'abc'.indexOf(name) + 1}`;

export const BASE: KubeObject[] = [
  ...['x', 'y', 'z'].map((n) => ns(n, NS_LABELS[n])),
  ...['x', 'y', 'z'].flatMap((n) => ['a', 'b', 'c'].map((p) => pod(n, p, POD_LABELS[p] ?? {}, SERVED, POD_IP(n, p)))),
];

/** External hosts: two IPv4 hosts in 192.168.5.0/24, one elsewhere, one IPv6. */
export const EXTERNALS: ExternalHost[] = [
  { name: 'backup', ip: '192.168.5.10', ports: [{ port: 80, protocol: 'TCP', name: 'http' }] },
  { name: 'laptop', ip: '192.168.5.20', ports: [{ port: 80, protocol: 'TCP' }] },
  { name: 'remote', ip: '203.0.113.7', ports: [{ port: 80, protocol: 'TCP' }] },
  { name: 'v6host', ip: '2001:db8::10', ports: [{ port: 80, protocol: 'TCP' }] },
];

/** `x/a -> y/b 80/TCP`, or `x/a -> y/b 80/TCP over IPv6` */
export function flow(text: string): Flow {
  const m = /^(\S+) -> (\S+) (\S+)(?: over IPv([46]))?$/.exec(text);
  if (!m) throw new Error(`test bug: flow "${text}" is not "A -> B 80/TCP [over IPv6]"`);
  const port = parsePort(m[3] ?? '', 'test flow');
  return { from: m[1] ?? '', to: m[2] ?? '', port: port.port, protocol: port.protocol, ...(m[4] ? { family: Number(m[4]) as 4 | 6 } : {}) };
}

export interface EngineCase {
  description: string;
  objects: readonly KubeObject[];
  externals?: readonly ExternalHost[];
  options?: EngineOptions;
  flow: string;
  expected: 'allowed' | 'denied';
}

export function engineFor(objects: readonly KubeObject[], externals: readonly ExternalHost[] = EXTERNALS, options: EngineOptions = {}) {
  const topology = buildTopology(objects.filter((o) => o.kind === 'Namespace' || o.kind === 'Pod'), externals);
  const policies = objects.filter((o): o is NetworkPolicy => o.kind === 'NetworkPolicy');
  const clusterPolicies = objects.filter((o): o is ClusterPolicy => isClusterPolicyKind(o.kind));
  return createEngine({ topology, policies, clusterPolicies }, options);
}

/**
 * One `it` per case. Every case is judged five ways (explained verdict, isAllowed, the matrix, and
 * the fast path's row and column) so the fast paths can never drift from the explained one.
 */
export function runCases(cases: readonly EngineCase[]): void {
  for (const c of cases) {
    it(`${c.description}: ${c.flow} is ${c.expected}`, () => {
      const engine = engineFor(c.objects, c.externals, c.options);
      const f = flow(c.flow);
      const verdict = engine.verdict(f);
      const why = JSON.stringify({ egress: verdict.egress, ingress: verdict.ingress });
      expect(verdict.allowed ? 'allowed' : 'denied', why).to.equal(c.expected);
      expect(engine.isAllowed(f), 'isAllowed').to.equal(verdict.allowed);
      const matrix = engine.matrix([{ port: f.port, protocol: f.protocol }]);
      const n = matrix.endpoints.length;
      const cell = matrix.allowed[0]?.[matrix.endpoints.indexOf(f.from) * n + matrix.endpoints.indexOf(f.to)];
      // The matrix judges each pair in its default family; a flow that names one is judged alone.
      if (f.from !== f.to && f.family === undefined) {
        expect(cell, 'matrix').to.equal(verdict.allowed ? 1 : 0);
        // The fast path's one-source and one-destination queries.
        const port = [{ port: f.port, protocol: f.protocol }];
        expect(engine.reachableFrom(f.from, port)[0]?.[matrix.endpoints.indexOf(f.to)], 'reachableFrom').to.equal(verdict.allowed ? 1 : 0);
        expect(engine.reachableTo(f.to, port)[0]?.[matrix.endpoints.indexOf(f.from)], 'reachableTo').to.equal(verdict.allowed ? 1 : 0);
      }
    });
  }
}
