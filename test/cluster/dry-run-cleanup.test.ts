// Server-side dry-run validation and `cleanup`, against the fake API server or the test bed's
// real one (NETPOL_CLUSTER_TESTS=testbed).
import { after, before, describe, it } from 'node:test';
import { expect } from 'chai';
import { main } from '../../src/cli/main.js';
import { cleanupOwnedNamespaces } from '../../src/targets/cluster/cleanup.js';
import { backendKind, clusterUnderTest, type ClusterUnderTest } from './backend.js';
import { ownedBy, targetOn, upstreamTopology } from './helpers.js';

describe(`cluster target: server-side dry-run validation (${backendKind()})`, () => {
  let h: ClusterUnderTest;
  before(async () => {
    h = await clusterUnderTest();
  });
  after(async () => h.close());
  const policyCount = async () => (await h.policies()).filter((p) => p.metadata.namespace.endsWith('-d1')).length;

  it('sends the policy exactly as written with dryRun=All and returns the API server\'s causes', async () => {
    const target = await targetOn(h, { runId: 'd1' });
    const valid = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'ok', namespace: 'prod' }, spec: { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { a: 'b' } } }] }] } };
    expect(await target.dryRunValidate(valid)).to.deep.equal([]);
    // No topology yet: the dry run went into a scratch namespace this run owns.
    expect(await ownedBy(h, 'd1')).to.deep.equal(['validate-d1']);
    const post = h.requests.find((r) => r.method === 'POST' && r.path.endsWith('/networkpolicies'));
    expect(post?.path).to.equal('/apis/networking.k8s.io/v1/namespaces/validate-d1/networkpolicies');
    expect(post?.query).to.deep.include({ dryRun: ['All'], fieldValidation: ['Strict'], fieldManager: ['netpol-conformance'] });
    expect(JSON.parse(post?.body ?? '{}').spec.ingress[0].from).to.deep.equal([{ podSelector: { matchLabels: { a: 'b' } } }]);

    const invalid = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'bad' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 70000 }, { protocol: 'ICMP', port: 80 }] }] } };
    const causes = await target.dryRunValidate(invalid);
    expect(causes.map((c) => [c.field, c.reason])).to.deep.equal([
      ['spec.ingress[0].ports[0].port', 'FieldValueInvalid'],
      ['spec.ingress[0].ports[1].protocol', 'FieldValueNotSupported'],
    ]);
    expect(causes[0]?.message).to.match(/^Invalid value: 70000: /);

    const unknown = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'typo' }, spec: { podSelector: {}, ingres: [] } };
    expect(await target.dryRunValidate(unknown)).to.deep.equal([{ field: 'spec.ingres', message: 'unknown field "spec.ingres"', reason: 'FieldValueUnknown' }]);
    expect(await policyCount()).to.equal(0);
    await target.down();
    expect(await ownedBy(h, 'd1')).to.deep.equal([]);
  });

  it('uses a namespace of the topology once one is up', async () => {
    const target = await targetOn(h, { runId: 'd2' });
    await target.up(upstreamTopology());
    await target.dryRunValidate({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'ok' }, spec: { podSelector: {} } });
    expect(h.requests.at(-1)?.path).to.equal('/apis/networking.k8s.io/v1/namespaces/x-d2/networkpolicies');
    expect(await ownedBy(h, 'd2')).to.deep.equal(['x-d2', 'y-d2', 'z-d2']);
    await target.down();
  });
});

describe(`cleanup --target cluster: owned namespaces of crashed runs only (${backendKind()})`, () => {
  let h: ClusterUnderTest;
  const hour = 3_600_000;
  let now = new Date(); // the CLI test uses the real clock, so the fixtures are relative to it
  const SEEDED = ['kube-system', 'prod', 'x-fake', 'x-live', 'x-old1', 'y-old1'];
  /** The seeded namespaces still there (a real cluster has others of its own). */
  const left = async () => (await h.namespaces()).map((n) => n.metadata.name).filter((n) => SEEDED.includes(n)).sort();
  const deletes = () => h.requests.filter((r) => r.method === 'DELETE');
  before(async () => {
    h = await clusterUnderTest();
    now = new Date();
    const add = async (name: string, labels: Record<string, string>, createdAt?: Date): Promise<void> => {
      const annotations = createdAt ? { 'netpol-conformance/created-at': createdAt.toISOString() } : undefined;
      await h.addNamespace(name, labels, annotations);
    };
    const owned = (run: string) => ({ 'app.kubernetes.io/managed-by': 'netpol-conformance', 'netpol-conformance/run': run });
    await add('kube-system', {});
    await add('prod', { 'app.kubernetes.io/managed-by': 'helm' });
    await add('x-old1', owned('old1'), new Date(now.getTime() - 3 * hour));
    await add('y-old1', owned('old1'), new Date(now.getTime() - 3 * hour));
    await add('x-live', owned('live'), new Date(now.getTime() - 60_000));
    await add('x-fake', { 'app.kubernetes.io/managed-by': 'netpol-conformance' }, new Date(now.getTime() - 3 * hour)); // no run label: not ours
  });
  after(async () => h.close());

  it('dry run lists what it would delete', async () => {
    const report = await cleanupOwnedNamespaces({ kubeconfig: h.kubeconfig, olderThanMs: hour, dryRun: true, now });
    expect(report.deleted).to.deep.equal(['x-old1', 'y-old1']);
    expect(report.kept).to.deep.equal([{ name: 'x-live', reason: 'created 60 s ago; its run may still be going' }]);
    expect(deletes()).to.have.length(0);
  });

  it('the command: lists, names the context, and refuses targets that leave nothing behind', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };
    expect(await main(['cleanup', '--target', 'cluster:fake', '--kubeconfig', h.kubeconfig, '--dry-run', '--older-than', '2h'], io)).to.equal(0);
    expect(out.join('')).to.match(/^would delete namespace x-old1\nwould delete namespace y-old1\nkept namespace x-live: created 6\d s ago; its run may still be going\nwould delete 2 namespaces on context fake; kept 1\n$/);
    expect(await main(['cleanup', '--target', 'sim'], io)).to.equal(2);
    expect(err.join('')).to.contain('cleanup works on the cluster and netns targets (the sim target leaves nothing behind)');
    expect(await main(['cleanup', '--older-than', 'soon'], io)).to.equal(2);
    expect(err.join('')).to.contain('--older-than "soon": write a duration such as 90s, 30m, 2h or 1d');
  });

  it('deletes old owned namespaces and waits until they are gone; never touches others', async () => {
    const report = await cleanupOwnedNamespaces({ kubeconfig: h.kubeconfig, olderThanMs: hour, now, pollIntervalMs: 10 });
    expect(report.deleted).to.deep.equal(['x-old1', 'y-old1']);
    expect(await left()).to.deep.equal(['kube-system', 'prod', 'x-fake', 'x-live']);
    expect(deletes().map((r) => r.path).sort()).to.deep.equal(['/api/v1/namespaces/x-old1', '/api/v1/namespaces/y-old1']);
  });

  it('deletes a named run at any age', async () => {
    const report = await cleanupOwnedNamespaces({ kubeconfig: h.kubeconfig, olderThanMs: hour, runId: 'live', now, pollIntervalMs: 10 });
    expect(report.deleted).to.deep.equal(['x-live']);
    expect(await left()).to.deep.equal(['kube-system', 'prod', 'x-fake']);
  });
});
