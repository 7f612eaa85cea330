// A live cluster as the input of the offline commands (--kubeconfig, --context, --namespace), on
// the fake API server: its Namespaces, Pods (as the API serves them: status, managedFields,
// ownerReferences), workloads, NetworkPolicies and, where the cluster serves them, the
// cluster-scoped policies are read with GETs only, and matrix, explain, lint and validate work on
// them as on files.
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startFakeApiServer, type FakeApiServer } from '../fake-apiserver/server.js';
import type { StoredClusterPolicy, StoredPod } from '../fake-apiserver/store.js';
import { runCli } from '../support/cli.js';

function seed(fake: FakeApiServer): void {
  const { store } = fake;
  for (const [name, labels] of [['prod', { env: 'prod' }], ['other', {}]] as const) {
    store.namespaces.set(name, { apiVersion: 'v1', kind: 'Namespace', metadata: { ...store.meta(name, undefined, { labels: { ...labels, 'kubernetes.io/metadata.name': name } }), managedFields: [{ manager: 'kubectl', operation: 'Update' }] }, status: { phase: 'Active' } });
  }
  const pod = (namespace: string, name: string, labels: Record<string, string>, ip: string, owner?: { kind: string; name: string }): StoredPod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...store.meta(name, namespace, { labels }), namespace, ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', ...owner, uid: 'u', controller: true }] } : {}) },
    spec: { containers: [{ name: 'main', image: 'nginx', ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }] }], dnsPolicy: 'ClusterFirst', nodeName: 'worker-1' },
    status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: 'True' }] },
  });
  for (const p of [pod('prod', 'client', { app: 'client' }, '10.244.1.2'), pod('prod', 'web-abc-1', { app: 'web' }, '10.244.1.3', { kind: 'ReplicaSet', name: 'web-abc' }), pod('prod', 'web-abc-2', { app: 'web' }, '10.244.1.4', { kind: 'ReplicaSet', name: 'web-abc' }), pod('other', 'probe', { app: 'probe' }, '10.244.2.2')]) {
    store.pods.set(`${p.metadata.namespace}/${p.metadata.name}`, p);
  }
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx', ports: [{ containerPort: 80, name: 'http' }] }] } };
  store.workloads.push(
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'prod', uid: 'd1', resourceVersion: '7' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template }, status: { replicas: 2 } },
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc', namespace: 'prod', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1' }] }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template } },
  );
  store.policies.set('prod/web', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { ...store.meta('web', 'prod'), namespace: 'prod' },
    spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }], ports: [{ port: 'http' }] }] },
  });
}

describe('a live cluster as input (fake API server)', () => {
  let fake: FakeApiServer;
  let dir: string;
  let kubeconfig: string;
  before(async () => {
    fake = await startFakeApiServer({ forbid: (v) => v.resource === 'cronjobs' });
    seed(fake);
    dir = mkdtempSync(join(tmpdir(), 'netpol-live-'));
    kubeconfig = fake.writeKubeconfig(dir);
  });
  after(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('matrix reads every namespace, read-only, with workloads grouped with their pods', async () => {
    const before = fake.requests.length;
    const { code, out, err } = await runCli('matrix', '--kubeconfig', kubeconfig, '-p', '80/TCP', '-o', 'csv');
    expect(code, err).to.equal(0);
    expect(err).to.include('warning: cluster:fake: cannot list /apis/batch/v1/cronjobs: 403');
    const rows = out.trimEnd().split('\n');
    expect(rows).to.include('prod/client,prod/web[Deployment],80,TCP,allowed,no');
    expect(rows).to.include('other/probe,prod/web[Deployment],80,TCP,denied,no');
    expect(rows.filter((r) => r.startsWith('prod/web-abc'))).to.deep.equal([]);
    const made = fake.requests.slice(before);
    expect(made.every((r) => r.method === 'GET')).to.equal(true);
    expect(made.map((r) => r.path)).to.include.members(['/api/v1/namespaces', '/api/v1/pods', '/apis/networking.k8s.io/v1/networkpolicies', '/apis/apps/v1/deployments']);
  });

  it('--namespace reads only that namespace; --replicas shows the real pods', async () => {
    const { code, out } = await runCli('matrix', '--kubeconfig', kubeconfig, '--namespace', 'prod', '--replicas', '-o', 'csv');
    expect(code).to.equal(0);
    const ends = new Set(out.trimEnd().split('\n').slice(1).map((r) => r.split(',')[0]));
    expect([...ends].sort((a, b) => (a ?? '').localeCompare(b ?? ''))).to.deep.equal(['prod/client', 'prod/web-abc-1', 'prod/web-abc-2']);
  });

  it('explain (with --context), lint and validate work on the same state', async () => {
    const explain = await runCli('explain', '--kubeconfig', kubeconfig, '--context', 'other', '--from', 'other/probe', '--to', 'prod/web', '-p', '80/TCP');
    expect(explain.code, explain.err).to.equal(0);
    expect(explain.out.split('\n')[0]).to.equal('other/probe -> prod/web[Deployment] on 80/TCP: DENIED');
    const lint = await runCli('lint', '--kubeconfig', kubeconfig);
    expect(lint.code, lint.err).to.equal(0);
    expect(lint.out).to.include('1 policies: no findings');
    const validate = await runCli('validate', '--kubeconfig', kubeconfig);
    expect(validate.code, validate.out).to.equal(0);
    expect(validate.out.trimEnd().split('\n').at(-1)).to.equal('9 objects valid');
  });

  it('matrix --target cluster builds a workload endpoint under a pod name the API accepts and reports it under its own', async () => {
    const { code, out, err } = await runCli('matrix', '--target', 'cluster', '--kubeconfig', kubeconfig, '-f', 'fixtures/inputs/exported', '-p', '80/TCP', '-o', 'csv');
    expect(code, err).to.equal(0);
    expect(out.trimEnd().split('\n')).to.include('prod/client,prod/web[Deployment],80,TCP,allowed,no');
    const created = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/pods')).map((r) => (JSON.parse(r.body) as { metadata: { name: string } }).metadata.name);
    expect(created).to.include.members(['client', 'web-deployment']);
  });

  it('a cluster that refuses to list pods is exit 3 with one line', async () => {
    const refusing = await startFakeApiServer({ forbid: (v) => v.resource === 'pods' });
    try {
      const { code, err } = await runCli('matrix', '--kubeconfig', refusing.writeKubeconfig(dir));
      expect(code).to.equal(3);
      expect(err.trimEnd().split('\n')).to.have.length(1);
      expect(err).to.match(/^netpol-conformance: cannot read cluster:fake: GET \/api\/v1\/pods: 403 pods is forbidden/);
    } finally {
      await refusing.close();
    }
  });
});

/** An Admin-tier guardrail (v1alpha2), a v1alpha1 policy whose subject has a typo, and a baseline, as the cluster lists them. */
function seedClusterPolicies(fake: FakeApiServer): void {
  const { store } = fake;
  const put = (plural: string, policy: Omit<StoredClusterPolicy, 'metadata'> & { name: string }): void => {
    const { name, ...rest } = policy;
    store.clusterPolicies.set(`${plural}/${name}`, { ...rest, metadata: { ...store.meta(name, undefined), generation: 1, managedFields: [{ manager: 'kubectl', operation: 'Apply' }] } as StoredClusterPolicy['metadata'] });
  };
  put('clusternetworkpolicies', {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    name: 'client-to-web',
    spec: { tier: 'Admin', priority: 5, subject: { namespaces: { matchLabels: { env: 'prod' } } }, ingress: [{ name: 'accept-other', action: 'Accept', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } } }] }] },
  });
  put('adminnetworkpolicies', {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'AdminNetworkPolicy',
    name: 'typo',
    spec: { priority: 9, subject: { namespaces: { matchLabels: { env: 'prd' } } }, ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] },
    status: { conditions: [{ type: 'Ready', status: 'True', reason: 'SetupSucceeded', message: 'ok', lastTransitionTime: '2025-01-01T00:00:00Z' }] },
  });
  put('baselineadminnetworkpolicies', {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'BaselineAdminNetworkPolicy',
    name: 'default',
    spec: { subject: { namespaces: {} }, ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] },
  });
}

describe('a live cluster as input: the cluster-scoped policies it serves (fake API server)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-live-tiers-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const withFake = async (options: Parameters<typeof startFakeApiServer>[0], body: (fake: FakeApiServer, kubeconfig: string) => Promise<void>): Promise<void> => {
    const fake = await startFakeApiServer(options);
    try {
      seed(fake);
      seedClusterPolicies(fake);
      await body(fake, fake.writeKubeconfig(dir));
    } finally {
      await fake.close();
    }
  };
  const POLICY_LISTS = ['/apis/policy.networking.k8s.io/v1alpha2/clusternetworkpolicies', '/apis/policy.networking.k8s.io/v1alpha1/adminnetworkpolicies', '/apis/policy.networking.k8s.io/v1alpha1/baselineadminnetworkpolicies'];

  it('explain, matrix and lint read both versions, read-only, also with --namespace', async () => {
    await withFake({}, async (fake, kubeconfig) => {
      const explain = await runCli('explain', '--kubeconfig', kubeconfig, '--from', 'other/probe', '--to', 'prod/web', '-p', '80/TCP');
      expect(explain.code, explain.err).to.equal(0);
      expect(explain.out.split('\n')[0]).to.equal('other/probe -> prod/web[Deployment] on 80/TCP: ALLOWED');
      expect(explain.out).to.include("Admin tier: policy client-to-web (priority 5), rule #1 'accept-other' matched: Accept.");
      const matrix = await runCli('matrix', '--kubeconfig', kubeconfig, '--namespace', 'prod', '-p', '80/TCP', '-o', 'csv');
      expect(matrix.code, matrix.err).to.equal(0);
      // The baseline denies what no NetworkPolicy isolates: client is isolated by none.
      expect(matrix.out.trimEnd().split('\n')).to.include.members(['prod/web[Deployment],prod/client,80,TCP,denied,no', 'prod/client,prod/web[Deployment],80,TCP,allowed,no']);
      const lint = await runCli('lint', '--kubeconfig', kubeconfig);
      expect(lint.code, lint.err).to.equal(0);
      expect(lint.out).to.include('warning: cluster:fake/adminnetworkpolicies#1: AdminNetworkPolicy typo: spec.subject.namespaces: selects no pod of the input (all pods in namespaces matching env=prd)');
      expect(lint.out.trimEnd().split('\n')).to.have.length(2);
      expect(lint.out.trimEnd().split('\n').at(-1)).to.equal('1 finding in 4 policies');
      expect(fake.requests.every((r) => r.method === 'GET')).to.equal(true);
      const paths = fake.requests.map((r) => r.path);
      expect(paths).to.include('/apis');
      expect(paths).to.include.members(POLICY_LISTS);
    });
  });

  it('a cluster that serves none of them, or only v1alpha2, is read without a word about the rest', async () => {
    await withFake({ policyVersions: [] }, async (fake, kubeconfig) => {
      const { code, out, err } = await runCli('explain', '--kubeconfig', kubeconfig, '--from', 'other/probe', '--to', 'prod/web', '-p', '80/TCP');
      expect(code, err).to.equal(0);
      expect(out.split('\n')[0]).to.equal('other/probe -> prod/web[Deployment] on 80/TCP: DENIED');
      expect(err).to.not.include('policy.networking.k8s.io');
      expect(fake.requests.filter((r) => r.path.startsWith('/apis/policy.networking.k8s.io'))).to.deep.equal([]);
    });
    await withFake({ policyVersions: ['v1alpha2'] }, async (fake, kubeconfig) => {
      const { code, out, err } = await runCli('lint', '--kubeconfig', kubeconfig);
      expect(code, err).to.equal(0);
      expect(err).to.not.include('policy.networking.k8s.io');
      expect(out.trimEnd().split('\n').at(-1)).to.equal('2 policies: no findings');
      expect(fake.requests.filter((r) => r.path.startsWith('/apis/policy.networking.k8s.io')).map((r) => r.path)).to.deep.equal([POLICY_LISTS[0]]);
    });
  });

  it('a list the cluster refuses (RBAC) is one warning, and the rest is read', async () => {
    await withFake({ forbid: (v) => v.resource === 'adminnetworkpolicies' }, async (_fake, kubeconfig) => {
      const { code, out, err } = await runCli('lint', '--kubeconfig', kubeconfig);
      expect(code, err).to.equal(0);
      // lint writes what it read with warnings on stdout, before its findings.
      expect(out.trimEnd().split('\n').slice(0, -1)).to.deep.equal(['warning: cluster:fake: cannot list /apis/policy.networking.k8s.io/v1alpha1/adminnetworkpolicies: 403 adminnetworkpolicies.policy.networking.k8s.io is forbidden: User "system:serviceaccount:ci:runner" cannot list resource "adminnetworkpolicies" in API group "policy.networking.k8s.io" at the cluster scope; read without them']);
      expect(out.trimEnd().split('\n').at(-1)).to.equal('3 policies: no findings');
    });
  });
});
