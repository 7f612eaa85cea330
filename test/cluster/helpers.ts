// Shared set-up for the cluster target's contract tests: a fake API server, a kubeconfig pointing
// at it, the upstream x/y/z a/b/c topology, and an external-host provider backed by the fake's
// data plane.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTopology } from '../../src/model/build-topology.js';
import type { ExternalHost, PortSpec, Topology } from '../../src/model/topology.js';
import type { KubeObject } from '../../src/model/api.js';
import { createClusterTarget } from '../../src/targets/cluster/index.js';
import type { ExternalEndpoint, ExternalHostProvider } from '../../src/targets/cluster/externals/provider.js';
import type { ClusterSettings } from '../../src/targets/spec.js';
import { startFakeApiServer, type FakeApiServer, type FakeOptions } from '../fake-apiserver/server.js';
import type { ClusterUnderTest } from './backend.js';

export const PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP', name: 'http' },
  { port: 81, protocol: 'TCP' },
];

/** Upstream's netpol model: namespaces x, y, z, each with pods a, b, c (9 pods). */
export function upstreamTopology(ports: PortSpec[] = PORTS, externals: ExternalHost[] = []): Topology {
  const objects: KubeObject[] = [];
  for (const ns of ['x', 'y', 'z']) {
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { ns } } });
    for (const pod of ['a', 'b', 'c']) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: pod, namespace: ns, labels: { pod } },
        spec: { containers: [{ name: 'c', ports: ports.map((p) => ({ containerPort: p.port, protocol: p.protocol, ...(p.name ? { name: p.name } : {}) })) }] },
      });
    }
  }
  return buildTopology(objects, externals);
}

/** Fast waits: the fake answers in milliseconds. */
export const FAST: ClusterSettings = {
  readyTimeoutMs: 2_000,
  deleteTimeoutMs: 2_000,
  pollIntervalMs: 10,
  reprobeDelayMs: 10,
  probeWindowMs: 5_000,
  execTimeoutMs: 2_000,
};

/** External hosts "run" inside the fake's data plane; `rebind` gives some a different real address. */
export function fakeExternals(fake: FakeApiServer, options: { unavailable?: string; rebind?: Record<string, string> } = {}): ExternalHostProvider & { started: number; stopped: number } {
  const provider = {
    started: 0,
    stopped: 0,
    async unavailable() {
      return options.unavailable;
    },
    async start(hosts: readonly ExternalHost[]): Promise<ExternalEndpoint[]> {
      provider.started++;
      return hosts.map((h) => {
        const ip = options.rebind?.[h.name] ?? h.ip;
        return {
          name: h.name,
          declaredIp: h.ip,
          ip,
          ...(ip !== h.ip ? { note: `external host ${h.name} declared at ${h.ip} runs at ${ip}` } : {}),
          exec: async (command: string[]) => ({ ...fake.dataplane.run(h.name, command), stderr: '' }),
          reproduce: (args: string[]) => `docker exec netpol-ext-${h.name} ${args.join(' ')}`,
        };
      });
    },
    async stop() {
      provider.stopped++;
    },
  };
  return provider;
}

export interface Harness {
  fake: FakeApiServer;
  dir: string;
  kubeconfig: string;
  close(): Promise<void>;
}

export async function harness(options: FakeOptions = {}): Promise<Harness> {
  const fake = await startFakeApiServer(options);
  const dir = mkdtempSync(join(tmpdir(), 'netpol-cluster-test-'));
  const kubeconfig = fake.writeKubeconfig(dir);
  return {
    fake,
    dir,
    kubeconfig,
    async close() {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function clusterTarget(h: Harness, settings: ClusterSettings = {}, externals?: ExternalHostProvider) {
  return createClusterTarget({ kubeconfig: h.kubeconfig, settings: { ...FAST, ...settings } }, externals ?? fakeExternals(h.fake));
}

/** Waits that suit the cluster under test: the fake answers in milliseconds, a real node in seconds. */
export function settingsFor(cluster: ClusterUnderTest): ClusterSettings {
  return cluster.kind === 'fake' ? FAST : { readyTimeoutMs: 180_000, deleteTimeoutMs: 120_000, pollIntervalMs: 200, reprobeDelayMs: 1_000, probeWindowMs: 20_000, execTimeoutMs: 30_000 };
}

/** The cluster target on the cluster under test (fake externals on the fake, the default provider otherwise). */
export async function targetOn(cluster: ClusterUnderTest, settings: ClusterSettings = {}) {
  return createClusterTarget({ kubeconfig: cluster.kubeconfig, settings: { ...settingsFor(cluster), ...settings } }, cluster.fake ? fakeExternals(cluster.fake) : undefined);
}

/** Names of the namespaces a run owns on the cluster under test. */
export async function ownedBy(cluster: ClusterUnderTest, runId: string): Promise<string[]> {
  return (await cluster.namespaces()).filter((n) => n.metadata.labels?.['netpol-conformance/run'] === runId).map((n) => n.metadata.name).sort();
}

/** Cluster namespaces (names) the fake holds that a run owns. */
export function runNamespaces(fake: FakeApiServer, runId: string): string[] {
  return [...fake.store.namespaces.values()].filter((n) => n.metadata.labels?.['netpol-conformance/run'] === runId).map((n) => n.metadata.name).sort();
}
