// Contract tests of the cluster target: what up/apply/remove/down create, label, patch and
// delete. They run against the fake API server, or the test bed's real one
// (NETPOL_CLUSTER_TESTS=testbed), with the same assertions.
import { after, before, describe, it } from 'node:test';
import { expect } from 'chai';
import { buildTopology } from '../../src/model/build-topology.js';
import type { NetworkPolicy } from '../../src/model/api.js';
import { backendKind, clusterUnderTest, SYSTEM_NAMESPACES, type ClusterUnderTest } from './backend.js';
import { ownedBy, targetOn, upstreamTopology } from './helpers.js';

const owned = (run: string) => ({ 'app.kubernetes.io/managed-by': 'netpol-conformance', 'netpol-conformance/run': run });
const OWNED = owned('run1');

describe(`cluster target: up, apply, remove, down (${backendKind()})`, () => {
  let c: ClusterUnderTest;
  const pod = async (id: string) => (await c.pods()).find((p) => `${p.metadata.namespace}/${p.metadata.name}` === id);
  const namespace = async (name: string) => (await c.namespaces()).find((n) => n.metadata.name === name);
  const runPods = async (run: string) => (await c.pods()).filter((p) => p.metadata.labels?.['netpol-conformance/run'] === run);
  const runPolicies = async (run: string) => (await c.policies()).filter((p) => p.metadata.labels?.['netpol-conformance/run'] === run);
  before(async () => {
    c = await clusterUnderTest();
    // Namespaces that are not this run's: the target must never touch them.
    await c.addNamespace('default', {});
    await c.addNamespace('x-other', { 'app.kubernetes.io/managed-by': 'netpol-conformance', 'netpol-conformance/run': 'other' });
  });
  after(async () => c.close());

  it('creates run-scoped namespaces and agnhost pods, all labelled as owned, and reports real pod IPs', async () => {
    // On the fake any image name does; a real node runs the agnhost the test bed imported.
    const image = c.kind === 'fake' ? 'example.test/agnhost:9.9' : undefined;
    const target = await targetOn(c, { runId: 'run1', ...(image ? { image } : {}) });
    const built = await target.up(upstreamTopology());
    expect(await ownedBy(c, 'run1')).to.deep.equal(['x-run1', 'y-run1', 'z-run1']);
    expect((await namespace('x-run1'))?.metadata.labels).to.include({ ...OWNED, ns: 'x', 'kubernetes.io/metadata.name': 'x-run1' });
    const pods = await runPods('run1');
    expect(pods).to.have.length(9);
    for (const p of pods) {
      expect(p.metadata.labels).to.include(OWNED);
      const container = p.spec.containers[0];
      if (image) expect(container?.image).to.equal(image);
      expect(container?.args).to.deep.equal(['porter']);
      expect(container?.env).to.deep.include.members([{ name: 'SERVE_PORT_80', value: 'tcp-80' }, { name: 'SERVE_PORT_81', value: 'tcp-81' }]);
      expect(container?.ports).to.deep.equal([
        { containerPort: 80, protocol: 'TCP', name: 'http' },
        { containerPort: 80, protocol: 'TCP', name: 'serve-80-tcp' },
        { containerPort: 81, protocol: 'TCP', name: 'serve-81-tcp' },
      ]);
    }
    // What went over the wire (through the client's typed serializer) still has every field we set.
    const posted = JSON.parse(c.requests.find((r) => r.method === 'POST' && r.path === '/api/v1/namespaces/x-run1/pods')?.body ?? '{}');
    expect(posted.spec).to.deep.include({ automountServiceAccountToken: false, enableServiceLinks: false, terminationGracePeriodSeconds: 1 });
    expect(posted.spec.containers[0].readinessProbe.exec.command).to.deep.equal(['/agnhost', 'connect', '127.0.0.1:80', '--timeout=1s', '--protocol=tcp']);
    const nsBody = JSON.parse(c.requests.find((r) => r.method === 'POST' && r.path === '/api/v1/namespaces' && r.body.includes('x-run1'))?.body ?? '{}');
    expect(nsBody.metadata.annotations['netpol-conformance/created-at']).to.match(/^\d{4}-\d\d-\d\dT/);
    const ips = new Map(pods.map((p) => [`${p.metadata.namespace.replace('-run1', '')}/${p.metadata.name}`, p.status.podIP]));
    for (const p of built.pods) expect(p.ip).to.be.a('string').and.equal(ips.get(`${p.namespace}/${p.name}`));
    expect(new Set(built.pods.map((p) => p.ip)).size).to.equal(9);
    expect(built.pods.map((p) => `${p.namespace}/${p.name}`)).to.deep.equal(upstreamTopology().pods.map((p) => `${p.namespace}/${p.name}`));
    // Every write went into this run's namespaces or created one of them.
    for (const r of c.requests.filter((q) => ['POST', 'PATCH', 'DELETE'].includes(q.method))) {
      expect(r.path).to.match(/^\/api\/v1\/namespaces(\/[xyz]-run1(\/.*)?)?$|^\/apis\/networking\.k8s\.io\/v1\/namespaces\/[xyz]-run1\//);
    }
    await target.down();
  });

  it('applies policies server-side with a rewritten namespace selector, relabels by merge patch, waits for deletions', async () => {
    const target = await targetOn(c, { runId: 'run2' });
    await target.up(upstreamTopology());
    const policy: NetworkPolicy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-from-y', namespace: 'x' },
      spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }, { namespaceSelector: { matchLabels: { ns: 'z' } } }] }] },
    };
    const mark = c.requests.length;
    await target.apply([policy]);
    const apply = c.requests.slice(mark).find((r) => r.method === 'PATCH');
    expect(apply?.path).to.equal('/apis/networking.k8s.io/v1/namespaces/x-run2/networkpolicies/allow-from-y');
    expect(apply?.contentType).to.equal('application/apply-patch+yaml');
    expect(apply?.query).to.deep.include({ fieldManager: ['netpol-conformance'], force: ['true'] });
    const [stored] = await runPolicies('run2');
    expect(stored?.metadata.name).to.equal('allow-from-y');
    expect(stored?.metadata.labels).to.include(owned('run2'));
    expect(stored?.spec.ingress?.[0]?.from).to.deep.equal([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'y-run2' } } },
      { namespaceSelector: { matchLabels: { ns: 'z' } } },
    ]);

    const relabel = c.requests.length;
    await target.apply([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'y', labels: { pod: 'a', role: 'db' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 81 }] }] } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'z', labels: { team: 'blue' } } },
    ]);
    const patches = c.requests.slice(relabel).filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => [p.path, p.contentType, JSON.parse(p.body)])).to.deep.equal([
      ['/api/v1/namespaces/y-run2/pods/a', 'application/merge-patch+json', { metadata: { labels: { role: 'db' } } }],
      ['/api/v1/namespaces/z-run2', 'application/merge-patch+json', { metadata: { labels: { ns: null, team: 'blue' } } }],
    ]);
    expect((await pod('y-run2/a'))?.metadata.labels).to.include({ ...owned('run2'), role: 'db' });
    expect((await namespace('z-run2'))?.metadata.labels).to.include({ ...owned('run2'), team: 'blue' }).and.not.have.property('ns');
    expect(c.requests.slice(relabel).filter((r) => r.method === 'POST')).to.have.length(0);

    const removal = c.requests.length;
    await target.remove([{ kind: 'NetworkPolicy', namespace: 'x', name: 'allow-from-y' }]);
    const afterRemoval = c.requests.slice(removal);
    expect(afterRemoval[0]).to.include({ method: 'DELETE', path: '/apis/networking.k8s.io/v1/namespaces/x-run2/networkpolicies/allow-from-y' });
    expect(afterRemoval.at(-1)).to.include({ method: 'GET', status: 404 });
    expect(await runPolicies('run2')).to.have.length(0);
    await target.down();
  });

  it('reuses pods when up() gets the same topology: deletes the policies, resets labels, creates nothing', async () => {
    const target = await targetOn(c, { runId: 'run3' });
    await target.up(upstreamTopology());
    const uids = (await runPods('run3')).map((p) => p.metadata.uid).sort();
    await target.apply([
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'y' }, spec: { podSelector: {} } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', namespace: 'x', labels: { pod: 'b', extra: 'yes' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 81 }] }] } },
    ]);
    const mark = c.requests.length;
    await target.up(upstreamTopology());
    const second = c.requests.slice(mark);
    expect(second.filter((r) => r.method === 'POST')).to.have.length(0);
    expect((await runPods('run3')).map((p) => p.metadata.uid).sort()).to.deep.equal(uids);
    expect(await runPolicies('run3')).to.have.length(0);
    expect((await pod('x-run3/b'))?.metadata.labels).to.not.have.property('extra');
    expect(second.filter((r) => r.method === 'PATCH').map((r) => [r.path, JSON.parse(r.body)])).to.deep.equal([
      ['/api/v1/namespaces/x-run3/pods/b', { metadata: { labels: { extra: null } } }],
    ]);

    // A smaller topology: pods that are not in it go away; a pod whose ports changed is recreated.
    const smaller = buildTopology([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'x', labels: { pod: 'a' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 81 }] }] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', namespace: 'x', labels: { pod: 'b' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 53, protocol: 'UDP' }] }] } },
    ]);
    await target.up(smaller);
    expect((await runPods('run3')).map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort()).to.deep.equal(['x-run3/a', 'x-run3/b']);
    expect((await pod('x-run3/b'))?.spec.containers[0]?.env).to.deep.equal([{ name: 'SERVE_UDP_PORT_53', value: 'udp-53' }]);
    await target.down();
  });

  it('down() deletes only this run\'s namespaces, waits until they are gone, and is idempotent', async () => {
    const target = await targetOn(c, { runId: 'run4' });
    await target.up(upstreamTopology());
    const before = (await c.namespaces()).map((n) => n.metadata.name).filter((n) => !n.endsWith('-run4')).sort();
    expect(before).to.include.members(['default', 'x-other']);
    const mark = c.requests.length;
    await target.down();
    expect(await ownedBy(c, 'run4')).to.deep.equal([]);
    expect((await c.namespaces()).map((n) => n.metadata.name).sort()).to.deep.equal(before);
    const deletes = c.requests.slice(mark).filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => r.path).sort()).to.deep.equal(['x', 'y', 'z'].map((n) => `/api/v1/namespaces/${n}-run4`));
    await target.down();
    expect((await c.namespaces()).map((n) => n.metadata.name).sort()).to.deep.equal(before);
    if (c.kind === 'testbed') expect(before).to.include.members(SYSTEM_NAMESPACES);
  });
});
