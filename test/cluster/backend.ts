// The cluster the contract tests run against: the fake API server (default), or the test bed's
// real API server and node (NETPOL_CLUSTER_TESTS=testbed, after `netpol-conformance testbed up`),
// behind a recording proxy so the same assertions about requests hold. Tests read and seed the
// cluster through this interface only; fake-only tests (faults, RBAC, lag) use the fake directly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:https';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startFakeApiServer, type FakeApiServer, type RecordedExec, type RecordedRequest } from '../fake-apiserver/server.js';
import type { StoredNamespace, StoredPod, StoredPolicy } from '../fake-apiserver/store.js';
import { runningStatus } from '../../src/testbed/lifecycle.js';
import { OWNED_SELECTOR } from '../../src/targets/cluster/naming.js';
import { startRecordingProxy } from './recording-proxy.js';

export type BackendKind = 'fake' | 'testbed';

export function backendKind(env: NodeJS.ProcessEnv = process.env): BackendKind {
  const value = env['NETPOL_CLUSTER_TESTS'] ?? 'fake';
  if (value !== 'fake' && value !== 'testbed') throw new Error(`NETPOL_CLUSTER_TESTS="${value}": use fake or testbed`);
  return value;
}

/** The real cluster's own namespaces, which a run must never touch (the fake has none). */
export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export interface ClusterUnderTest {
  kind: BackendKind;
  kubeconfig: string;
  dir: string;
  requests: RecordedRequest[];
  execs: RecordedExec[];
  /** The fake itself, for fake-only checks; undefined on the test bed. */
  fake: FakeApiServer | undefined;
  namespaces(): Promise<StoredNamespace[]>;
  pods(): Promise<StoredPod[]>;
  policies(): Promise<StoredPolicy[]>;
  /** Creates a namespace the harness does not own (or leaves an existing one as it is). */
  addNamespace(name: string, labels: Record<string, string>, annotations?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

function fakeBackend(fake: FakeApiServer): ClusterUnderTest {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-cluster-test-'));
  return {
    kind: 'fake',
    kubeconfig: fake.writeKubeconfig(dir),
    dir,
    requests: fake.requests,
    execs: fake.execs,
    fake,
    namespaces: async () => [...fake.store.namespaces.values()],
    pods: async () => [...fake.store.pods.values()],
    policies: async () => [...fake.store.policies.values()],
    async addNamespace(name, labels, annotations) {
      fake.store.namespaces.set(name, { apiVersion: 'v1', kind: 'Namespace', metadata: fake.store.meta(name, undefined, { labels, ...(annotations ? { annotations } : {}) }), status: { phase: 'Active' } });
    },
    async close() {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function testbedBackend(): Promise<ClusterUnderTest> {
  const status = runningStatus();
  if (status?.phase !== 'ready' || status.kubeconfig === undefined) {
    throw new Error('NETPOL_CLUSTER_TESTS=testbed but the test bed is not running: start it with "netpol-conformance testbed up"');
  }
  const kc = new KubeConfig();
  kc.loadFromFile(status.kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  // A dedicated cluster: whatever earlier runs left is removed, so fixed run ids start clean.
  await deleteNamespaces(core, (await core.listNamespace({ labelSelector: OWNED_SELECTOR })).items.map((n) => n.metadata?.name ?? ''));
  const proxy = await startRecordingProxy(status.kubeconfig);
  const dir = mkdtempSync(join(tmpdir(), 'netpol-cluster-test-'));
  const seeded: string[] = [];
  // Lists read as raw JSON: the typed client renames fields (`from` becomes `_from`).
  const list = async <T>(path: string): Promise<T[]> => ((await getJson(kc, path)) as { items: T[] }).items;
  return {
    kind: 'testbed',
    kubeconfig: proxy.writeKubeconfig(dir),
    dir,
    requests: proxy.requests,
    execs: proxy.execs,
    fake: undefined,
    namespaces: async () => (await list<StoredNamespace>('/api/v1/namespaces')).filter((n) => n.status.phase !== 'Terminating'),
    pods: async () => (await list<StoredPod>('/api/v1/pods')).filter((p) => !SYSTEM_NAMESPACES.includes(p.metadata.namespace) && p.metadata.deletionTimestamp === undefined),
    policies: async () => list<StoredPolicy>('/apis/networking.k8s.io/v1/networkpolicies'),
    async addNamespace(name, labels, annotations) {
      if (SYSTEM_NAMESPACES.includes(name)) return;
      await core.createNamespace({ body: { metadata: { name, labels, ...(annotations ? { annotations } : {}) } } });
      seeded.push(name);
    },
    async close() {
      await proxy.close();
      await deleteNamespaces(core, seeded);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** GET with the kubeconfig's own TLS client certificate, answered as parsed JSON. */
function getJson(kc: KubeConfig, path: string): Promise<unknown> {
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  const url = new URL(path, cluster?.server);
  const pem = (data: string | undefined) => (data ? Buffer.from(data, 'base64') : undefined);
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: pem(cluster?.caData), cert: pem(user?.certData), key: pem(user?.keyData) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) reject(new Error(`GET ${path}: ${res.statusCode}: ${text.slice(0, 200)}`));
        else resolve(JSON.parse(text));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function deleteNamespaces(core: CoreV1Api, names: readonly string[]): Promise<void> {
  for (const name of names) await core.deleteNamespace({ name }).catch(() => undefined);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const left = (await core.listNamespace()).items.filter((n) => names.includes(n.metadata?.name ?? ''));
    if (left.length === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`namespaces ${names.join(', ')} were not deleted within 120 s`);
}

export async function clusterUnderTest(kind: BackendKind = backendKind()): Promise<ClusterUnderTest> {
  return kind === 'fake' ? fakeBackend(await startFakeApiServer()) : testbedBackend();
}
