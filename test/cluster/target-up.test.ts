// Contract tests of the cluster target against the fake API server: what up/apply/remove/down
// create, label, patch and delete.
import { after, before, describe, it } from 'node:test';
import { expect } from 'chai';
import { buildTopology } from '../../src/model/build-topology.js';
import type { NetworkPolicy } from '../../src/model/api.js';
import { clusterTarget, harness, runNamespaces, upstreamTopology, type Harness } from './helpers.js';

const owned = (run: string) => ({ 'app.kubernetes.io/managed-by': 'netpol-conformance', 'netpol-conformance/run': run });
const OWNED = owned('run1');

describe('cluster target: up, apply, remove, down (fake API server)', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
    // Namespaces that are not this run's: the target must never touch them.
    h.fake.store.namespaces.set('default', { apiVersion: 'v1', kind: 'Namespace', metadata: h.fake.store.meta('default', undefined, { labels: {} }), status: { phase: 'Active' } });
    h.fake.store.namespaces.set('x-other', { apiVersion: 'v1', kind: 'Namespace', metadata: h.fake.store.meta('x-other', undefined, { labels: { 'app.kubernetes.io/managed-by': 'netpol-conformance', 'netpol-conformance/run': 'other' } }), status: { phase: 'Active' } });
  });
  after(async () => h.close());

  it('creates run-scoped namespaces and agnhost pods, all labelled as owned, and reports real pod IPs', async () => {
    const target = await clusterTarget(h, { runId: 'run1', image: 'example.test/agnhost:9.9' });
    const built = await target.up(upstreamTopology());
    expect(runNamespaces(h.fake, 'run1')).to.deep.equal(['x-run1', 'y-run1', 'z-run1']);
    const x = h.fake.store.namespaces.get('x-run1');
    expect(x?.metadata.labels).to.include({ ...OWNED, ns: 'x', 'kubernetes.io/metadata.name': 'x-run1' });
    expect(h.fake.store.pods.size).to.equal(9);
    for (const pod of h.fake.store.pods.values()) {
      expect(pod.metadata.labels).to.include(OWNED);
      const c = pod.spec.containers[0];
      expect(c?.image).to.equal('example.test/agnhost:9.9');
      expect(c?.args).to.deep.equal(['porter']);
      expect(c?.env).to.deep.include.members([{ name: 'SERVE_PORT_80', value: 'tcp-80' }, { name: 'SERVE_PORT_81', value: 'tcp-81' }]);
      expect(c?.ports).to.deep.equal([
        { containerPort: 80, protocol: 'TCP', name: 'http' },
        { containerPort: 80, protocol: 'TCP', name: 'serve-80-tcp' },
        { containerPort: 81, protocol: 'TCP', name: 'serve-81-tcp' },
      ]);
    }
    // What went over the wire (through the client's typed serializer) still has every field we set.
    const posted = JSON.parse(h.fake.requests.find((r) => r.method === 'POST' && r.path === '/api/v1/namespaces/x-run1/pods')?.body ?? '{}');
    expect(posted.spec).to.deep.include({ automountServiceAccountToken: false, enableServiceLinks: false, terminationGracePeriodSeconds: 1 });
    expect(posted.spec.containers[0].readinessProbe.exec.command).to.deep.equal(['/agnhost', 'connect', '127.0.0.1:80', '--timeout=1s', '--protocol=tcp']);
    const nsBody = JSON.parse(h.fake.requests.find((r) => r.method === 'POST' && r.path === '/api/v1/namespaces')?.body ?? '{}');
    expect(nsBody.metadata.annotations['netpol-conformance/created-at']).to.match(/^\d{4}-\d\d-\d\dT/);
    const fakeIps = new Map([...h.fake.store.pods.values()].map((p) => [`${p.metadata.namespace.replace('-run1', '')}/${p.metadata.name}`, p.status.podIP]));
    for (const pod of built.pods) expect(pod.ip).to.equal(fakeIps.get(`${pod.namespace}/${pod.name}`));
    expect(built.pods.map((p) => `${p.namespace}/${p.name}`)).to.deep.equal(upstreamTopology().pods.map((p) => `${p.namespace}/${p.name}`));
    // Every write went into this run's namespaces or created one of them.
    for (const r of h.fake.requests.filter((q) => ['POST', 'PATCH', 'DELETE'].includes(q.method))) {
      expect(r.path).to.match(/^\/api\/v1\/namespaces(\/[xyz]-run1(\/.*)?)?$|^\/apis\/networking\.k8s\.io\/v1\/namespaces\/[xyz]-run1\//);
    }
    await target.down();
  });

  it('applies policies server-side with a rewritten namespace selector, relabels by merge patch, waits for deletions', async () => {
    const target = await clusterTarget(h, { runId: 'run2' });
    await target.up(upstreamTopology());
    const policy: NetworkPolicy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-from-y', namespace: 'x' },
      spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }, { namespaceSelector: { matchLabels: { ns: 'z' } } }] }] },
    };
    const mark = h.fake.requests.length;
    await target.apply([policy]);
    const apply = h.fake.requests.slice(mark).find((r) => r.method === 'PATCH');
    expect(apply?.path).to.equal('/apis/networking.k8s.io/v1/namespaces/x-run2/networkpolicies/allow-from-y');
    expect(apply?.contentType).to.equal('application/apply-patch+yaml');
    expect(apply?.query).to.deep.include({ fieldManager: ['netpol-conformance'], force: ['true'] });
    const stored = h.fake.store.policies.get('x-run2/allow-from-y');
    expect(stored?.metadata.labels).to.include(owned('run2'));
    expect(stored?.spec.ingress?.[0]?.from).to.deep.equal([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'y-run2' } } },
      { namespaceSelector: { matchLabels: { ns: 'z' } } },
    ]);

    const relabel = h.fake.requests.length;
    await target.apply([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'y', labels: { pod: 'a', role: 'db' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 81 }] }] } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'z', labels: { team: 'blue' } } },
    ]);
    const patches = h.fake.requests.slice(relabel).filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => [p.path, p.contentType, JSON.parse(p.body)])).to.deep.equal([
      ['/api/v1/namespaces/y-run2/pods/a', 'application/merge-patch+json', { metadata: { labels: { role: 'db' } } }],
      ['/api/v1/namespaces/z-run2', 'application/merge-patch+json', { metadata: { labels: { ns: null, team: 'blue' } } }],
    ]);
    expect(h.fake.store.pods.get('y-run2/a')?.metadata.labels).to.include({ ...owned('run2'), role: 'db' });
    expect(h.fake.store.namespaces.get('z-run2')?.metadata.labels).to.include({ ...owned('run2'), team: 'blue' }).and.not.have.property('ns');
    expect(h.fake.requests.slice(relabel).filter((r) => r.method === 'POST')).to.have.length(0);

    const removal = h.fake.requests.length;
    await target.remove([{ kind: 'NetworkPolicy', namespace: 'x', name: 'allow-from-y' }]);
    const after = h.fake.requests.slice(removal);
    expect(after[0]).to.include({ method: 'DELETE', path: '/apis/networking.k8s.io/v1/namespaces/x-run2/networkpolicies/allow-from-y' });
    expect(after.at(-1)).to.include({ method: 'GET', status: 404 });
    expect(h.fake.store.policies.size).to.equal(0);
    await target.down();
  });

  it('reuses pods when up() gets the same topology: deletes the policies, resets labels, creates nothing', async () => {
    const target = await clusterTarget(h, { runId: 'run3' });
    await target.up(upstreamTopology());
    const uids = [...h.fake.store.pods.values()].map((p) => p.metadata.uid).sort();
    await target.apply([
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'y' }, spec: { podSelector: {} } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', namespace: 'x', labels: { pod: 'b', extra: 'yes' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 81 }] }] } },
    ]);
    const mark = h.fake.requests.length;
    await target.up(upstreamTopology());
    const second = h.fake.requests.slice(mark);
    expect(second.filter((r) => r.method === 'POST')).to.have.length(0);
    expect([...h.fake.store.pods.values()].map((p) => p.metadata.uid).sort()).to.deep.equal(uids);
    expect(h.fake.store.policies.size).to.equal(0);
    expect(h.fake.store.pods.get('x-run3/b')?.metadata.labels).to.not.have.property('extra');
    expect(second.filter((r) => r.method === 'PATCH').map((r) => [r.path, JSON.parse(r.body)])).to.deep.equal([
      ['/api/v1/namespaces/x-run3/pods/b', { metadata: { labels: { extra: null } } }],
    ]);

    // A smaller topology: pods that are not in it go away; a pod whose ports changed is recreated.
    const smaller = buildTopology([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'x', labels: { pod: 'a' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 81 }] }] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', namespace: 'x', labels: { pod: 'b' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 53, protocol: 'UDP' }] }] } },
    ]);
    await target.up(smaller);
    expect([...h.fake.store.pods.keys()].sort()).to.deep.equal(['x-run3/a', 'x-run3/b']);
    expect(h.fake.store.pods.get('x-run3/b')?.spec.containers[0]?.env).to.deep.equal([{ name: 'SERVE_UDP_PORT_53', value: 'udp-53' }]);
    await target.down();
  });

  it('down() deletes only this run\'s namespaces, waits until they are gone, and is idempotent', async () => {
    const target = await clusterTarget(h, { runId: 'run4' });
    await target.up(upstreamTopology());
    const mark = h.fake.requests.length;
    await target.down();
    expect(runNamespaces(h.fake, 'run4')).to.deep.equal([]);
    expect([...h.fake.store.namespaces.keys()].sort()).to.deep.equal(['default', 'x-other']);
    const deletes = h.fake.requests.slice(mark).filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => r.path).sort()).to.deep.equal(['x', 'y', 'z'].map((n) => `/api/v1/namespaces/${n}-run4`));
    await target.down();
    expect([...h.fake.store.namespaces.keys()].sort()).to.deep.equal(['default', 'x-other']);
  });
});
