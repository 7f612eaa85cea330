// Contract tests of the cluster target with the cluster-scoped policy kinds, against the fake API
// server: discovery of the served versions (capabilities cnp and anp), create / change / delete
// of both versions with the run's names and labels and a subject confined to the run's namespaces,
// the BaselineAdminNetworkPolicy singleton, server-side dry runs, and cleanup of cluster-scoped
// objects that crashed runs left (never anyone else's).
import { after, before, describe, it } from 'node:test';
import { expect } from 'chai';
import { allFlows } from '../../src/engine/index.js';
import type { ClusterPolicy } from '../../src/model/cluster-policy.js';
import { observedReachability } from '../../src/model/verdicts.js';
import { cleanupOwnedClusterPolicies } from '../../src/targets/cluster/cleanup.js';
import { anp, banp, cnp, inNamespace } from '../engine/tier-cases.js';
import { clusterTarget, harness, upstreamTopology, type Harness } from './helpers.js';

const denyYtoX = cnp('deny-y', 'Admin', 3, inNamespace('x'), { ingress: [{ name: 'deny-from-y', action: 'Deny', from: [inNamespace('y')] }] });

function stored(h: Harness): string[] {
  return [...h.fake.store.clusterPolicies.keys()].sort();
}

describe('cluster target: cluster-scoped policies (fake API server)', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(async () => h.close());

  it('creates a ClusterNetworkPolicy under a run-scoped name with ownership labels and a confined subject', async () => {
    const target = await clusterTarget(h, { runId: 'c1' });
    expect(target.lacking.has('cnp')).to.equal(false);
    expect(target.lacking.has('anp')).to.equal(false);
    const topology = await target.up(upstreamTopology());
    await target.apply([denyYtoX]);
    const object = h.fake.store.clusterPolicies.get('clusternetworkpolicies/deny-y-c1');
    expect(object?.metadata.labels).to.deep.equal({ 'app.kubernetes.io/managed-by': 'netpol-conformance', 'netpol-conformance/run': 'c1' });
    expect(object?.spec['subject']).to.deep.equal({ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'x-c1', 'netpol-conformance/run': 'c1' } } });
    const apply = h.fake.requests.find((r) => r.method === 'PATCH' && r.path.includes('clusternetworkpolicies'));
    expect(apply?.path).to.equal('/apis/policy.networking.k8s.io/v1alpha2/clusternetworkpolicies/deny-y-c1');
    expect(apply?.contentType).to.equal('application/apply-patch+yaml');
    // The fake's data plane enforces the stored object: the rewrite kept the meaning.
    const flows = allFlows(topology, [{ port: 80, protocol: 'TCP' }]);
    const seen = await target.probe(flows);
    const denied = seen.filter((o) => observedReachability(o) === 'denied').map((o) => `${o.flow.from}>${o.flow.to}`);
    expect(denied.sort()).to.deep.equal(['y/a>x/a', 'y/a>x/b', 'y/a>x/c', 'y/b>x/a', 'y/b>x/b', 'y/b>x/c', 'y/c>x/a', 'y/c>x/b', 'y/c>x/c']);
    await target.down();
    expect(stored(h)).to.deep.equal([]);
  });

  it('changes, deletes, and clears between scenarios: both versions', async () => {
    const target = await clusterTarget(h, { runId: 'c2' });
    await target.up(upstreamTopology());
    const allow = anp('allow-z', 5, inNamespace('x'), { ingress: [{ action: 'Allow', from: [inNamespace('z')] }] });
    const baseline = banp(inNamespace('x'), { ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] });
    await target.apply([denyYtoX, allow, baseline]);
    expect(stored(h)).to.deep.equal(['adminnetworkpolicies/allow-z-c2', 'baselineadminnetworkpolicies/default', 'clusternetworkpolicies/deny-y-c2']);
    const changed: ClusterPolicy = { ...denyYtoX, spec: { ...denyYtoX.spec, priority: 7 } };
    await target.apply([changed]);
    expect(h.fake.store.clusterPolicies.get('clusternetworkpolicies/deny-y-c2')?.spec['priority']).to.equal(7);
    await target.remove([{ kind: 'AdminNetworkPolicy', name: 'allow-z' }]);
    expect(stored(h)).to.deep.equal(['baselineadminnetworkpolicies/default', 'clusternetworkpolicies/deny-y-c2']);
    await target.up(upstreamTopology()); // the next scenario starts without policies
    expect(stored(h)).to.deep.equal([]);
    await target.down();
  });

  it('never touches a BaselineAdminNetworkPolicy it did not create', async () => {
    h.fake.store.clusterPolicies.set('baselineadminnetworkpolicies/default', {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'BaselineAdminNetworkPolicy',
      metadata: h.fake.store.meta('default', undefined, { labels: { owner: 'platform-team' } }),
      spec: { subject: { namespaces: {} } },
    });
    const target = await clusterTarget(h, { runId: 'c3' });
    await target.up(upstreamTopology());
    const baseline = banp(inNamespace('x'), { ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] });
    let error: unknown;
    await target.apply([baseline]).catch((e: unknown) => (error = e));
    expect(String(error)).to.contain('already has a BaselineAdminNetworkPolicy "default" that run c3 did not create; it was left untouched');
    await target.down();
    expect(h.fake.store.clusterPolicies.get('baselineadminnetworkpolicies/default')?.metadata.labels).to.deep.equal({ owner: 'platform-team' });
    h.fake.store.clusterPolicies.clear();
  });

  it('validates with a server-side dry run of the custom resource', async () => {
    const target = await clusterTarget(h, { runId: 'c4' });
    const bad = { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'bad' }, spec: { tier: 'Admin', priority: 2000, subject: { namespaces: {} } } };
    const causes = await target.dryRunValidate(bad);
    expect(causes.map((c) => [c.field, c.reason])).to.deep.equal([['spec.priority', 'FieldValueInvalid']]);
    const post = h.fake.requests.find((r) => r.method === 'POST' && r.path.endsWith('/clusternetworkpolicies'));
    expect(post?.query).to.deep.include({ dryRun: ['All'], fieldValidation: ['Strict'] });
    expect(stored(h)).to.deep.equal([]);
    await target.down();
  });
});

describe('cluster target: discovery of the policy API versions (fake API server)', () => {
  it('lacks cnp and anp, with the reason, when the cluster serves neither', async () => {
    const h = await harness({ policyVersions: [] });
    try {
      const target = await clusterTarget(h, { runId: 'd1' });
      expect(target.lacking.get('cnp')).to.match(/does not serve policy.networking.k8s.io\/v1alpha2 \(ClusterNetworkPolicy\)/);
      expect(target.lacking.get('anp')).to.match(/does not serve policy.networking.k8s.io\/v1alpha1/);
      await target.down();
    } finally {
      await h.close();
    }
  });

  it('has cnp but not anp on a cluster serving v1alpha2 only', async () => {
    const h = await harness({ policyVersions: ['v1alpha2'] });
    try {
      const target = await clusterTarget(h, { runId: 'd2' });
      expect([target.lacking.has('cnp'), target.lacking.has('anp')]).to.deep.equal([false, true]);
      await target.down();
    } finally {
      await h.close();
    }
  });
});

describe('cleanup: cluster-scoped policies of crashed runs only (fake API server)', () => {
  let h: Harness;
  const hour = 3_600_000;
  const now = new Date();
  before(async () => {
    h = await harness();
    const add = (plural: string, kind: 'ClusterNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy', name: string, labels: Record<string, string>, createdAt: Date): void => {
      h.fake.store.clusterPolicies.set(`${plural}/${name}`, {
        apiVersion: `policy.networking.k8s.io/${plural === 'clusternetworkpolicies' ? 'v1alpha2' : 'v1alpha1'}`,
        kind,
        metadata: h.fake.store.meta(name, undefined, { labels, annotations: { 'netpol-conformance/created-at': createdAt.toISOString() } }),
        spec: {},
      });
    };
    const owned = (run: string) => ({ 'app.kubernetes.io/managed-by': 'netpol-conformance', 'netpol-conformance/run': run });
    const old = new Date(now.getTime() - 3 * hour);
    add('clusternetworkpolicies', 'ClusterNetworkPolicy', 'deny-old1', owned('old1'), old);
    add('adminnetworkpolicies', 'AdminNetworkPolicy', 'allow-old1', owned('old1'), old);
    add('baselineadminnetworkpolicies', 'BaselineAdminNetworkPolicy', 'default', owned('old2'), old);
    add('clusternetworkpolicies', 'ClusterNetworkPolicy', 'deny-live', owned('live'), new Date(now.getTime() - 60_000));
    add('clusternetworkpolicies', 'ClusterNetworkPolicy', 'platform-guardrail', { team: 'platform' }, old);
  });
  after(async () => h.close());

  it('lists, then deletes, only owned objects older than the limit', async () => {
    const dry = await cleanupOwnedClusterPolicies({ kubeconfig: h.kubeconfig, olderThanMs: hour, dryRun: true, now });
    expect(dry.deleted).to.deep.equal(['AdminNetworkPolicy/allow-old1', 'BaselineAdminNetworkPolicy/default', 'ClusterNetworkPolicy/deny-old1']);
    expect(dry.kept).to.deep.equal([{ name: 'ClusterNetworkPolicy/deny-live', reason: 'created 60 s ago; its run may still be going' }]);
    expect(h.fake.store.clusterPolicies.size).to.equal(5);
    const report = await cleanupOwnedClusterPolicies({ kubeconfig: h.kubeconfig, olderThanMs: hour, now, waitTimeoutMs: 2000, pollIntervalMs: 10 });
    expect(report.deleted).to.deep.equal(dry.deleted);
    expect(stored(h)).to.deep.equal(['clusternetworkpolicies/deny-live', 'clusternetworkpolicies/platform-guardrail']);
  });
});
