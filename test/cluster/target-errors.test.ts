// The cluster target's failures, each against the fake API server: one clear line, and nothing
// left behind on the cluster.
import { after, before, describe, it } from 'node:test';
import { createServer } from 'node:net';
import { expect } from 'chai';
import { allFlows } from '../../src/engine/index.js';
import { TargetError, UsageError } from '../../src/model/errors.js';
import { createClusterTarget } from '../../src/targets/cluster/index.js';
import { FAST, clusterTarget, fakeExternals, harness, PORTS, runNamespaces, upstreamTopology, type Harness } from './helpers.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** A port nothing listens on: bind one, remember it, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('cluster target: failures (fake API server)', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(async () => h.close());

  it('an unreachable API server: one line naming the server, before anything is created', async () => {
    const port = await closedPort();
    const file = join(h.dir, 'unreachable.yaml');
    writeFileSync(file, `apiVersion: v1\nkind: Config\nclusters:\n- name: gone\n  cluster:\n    server: http://127.0.0.1:${port}\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n    token: t\ncontexts:\n- name: gone\n  context:\n    cluster: gone\n    user: u\ncurrent-context: gone\n`);
    const error = await rejection(createClusterTarget({ kubeconfig: file, settings: FAST }, fakeExternals(h.fake)));
    expect(error).to.be.instanceOf(TargetError);
    expect(error.message).to.equal(`checking access to the cluster: cannot reach the API server at context "gone" (http://127.0.0.1:${port}): ECONNREFUSED; is the cluster running and the kubeconfig current?`);
    expect(error.message).to.not.contain('\n');
  });

  it('an unknown context or kubeconfig file: a usage error naming what exists', async () => {
    const error = await rejection(createClusterTarget({ kubeconfig: h.kubeconfig, context: 'prod' }));
    expect(error).to.be.instanceOf(UsageError);
    expect(error.message).to.equal(`context "prod" is not in kubeconfig ${h.kubeconfig}; known contexts: fake, other`);
    const missing = await rejection(createClusterTarget({ kubeconfig: join(h.dir, 'nope.yaml') }));
    expect(missing.message).to.equal(`kubeconfig file ${join(h.dir, 'nope.yaml')} does not exist`);
  });

  it('a 403 on namespace creation: one line with the API server\'s reason, nothing created', async () => {
    const forbidden = await harness({ forbid: (v) => v.resource === 'namespaces' && v.verb === 'create' });
    try {
      const target = await clusterTarget(forbidden, { runId: 'e2' });
      const error = await rejection(target.up(upstreamTopology()));
      expect(error).to.be.instanceOf(TargetError);
      expect(error.message).to.match(/^creating namespace x-e2: forbidden by the API server at context "fake" \(http:\/\/127\.0\.0\.1:\d+\) \(403\): namespaces is forbidden: User "system:serviceaccount:ci:runner" cannot create resource "namespaces" in API group "" at the cluster scope; the kubeconfig user needs RBAC rights/);
      expect(runNamespaces(forbidden.fake, 'e2')).to.deep.equal([]);
      expect(forbidden.fake.requests.filter((r) => r.method === 'POST' && r.status < 300)).to.have.length(0);
    } finally {
      await forbidden.close();
    }
  });

  it('a 403 on exec: the probe fails with the reason, and down() removes everything', async () => {
    const forbidden = await harness({ forbid: (v) => v.verb === 'exec' });
    try {
      const target = await clusterTarget(forbidden, { runId: 'e3' });
      const topology = await target.up(upstreamTopology());
      const error = await rejection(target.probe(allFlows(topology, PORTS).slice(0, 1)));
      expect(error).to.be.instanceOf(TargetError);
      expect(error.message).to.match(/^exec in pod x-e3\/a could not start: Unexpected server response: 403; the probes from x\/a could not run \(exec tried 3 times\)$/);
      await target.down();
      expect(runNamespaces(forbidden.fake, 'e3')).to.deep.equal([]);
    } finally {
      await forbidden.close();
    }
  });

  it('a pod that never gets Ready: the error lists it with its status and events, and nothing is left', async () => {
    const stuck = await harness({ neverReady: (ns, name) => ns.startsWith('y-') && name === 'b' });
    try {
      const target = await clusterTarget(stuck, { runId: 'e4', readyTimeoutMs: 200, image: 'registry.example/agnhost:missing' });
      const error = await rejection(target.up(upstreamTopology()));
      expect(error).to.be.instanceOf(TargetError);
      expect(error.message).to.equal(
        'pods not Ready after 200 ms: y-e4/b (phase Pending; Ready: ContainersNotReady containers with unready status: [agnhost]; ' +
          'container agnhost waiting: ImagePullBackOff Back-off pulling image "registry.example/agnhost:missing"; ' +
          'event Failed: Failed to pull image "registry.example/agnhost:missing": not found)',
      );
      expect(runNamespaces(stuck.fake, 'e4')).to.deep.equal([]);
      expect(stuck.fake.store.pods.size).to.equal(0);
    } finally {
      await stuck.close();
    }
  });

  for (const fault of ['status-failure', 'reject', 'hang'] as const) {
    it(`an exec that fails (${fault}): retried within the round budget, then one clear error`, async () => {
      const broken = await harness({ execFault: (ns, pod) => (ns.startsWith('z-') && pod === 'c' ? fault : undefined) });
      try {
        const target = await clusterTarget(broken, { runId: 'e5', probeRounds: 2, execTimeoutMs: 200 });
        const topology = await target.up(upstreamTopology());
        const error = await rejection(target.probe(allFlows(topology, PORTS)));
        expect(error).to.be.instanceOf(TargetError);
        const reason = { 'status-failure': 'failed: container agnhost in pod c is not running', reject: 'could not start: Unexpected server response: 500', hang: 'did not finish within 200 ms' }[fault];
        expect(error.message).to.equal(`exec in pod z-e5/c ${reason}; the probes from z/c could not run (exec tried 2 times)`);
        const intoZc = broken.fake.execs.filter((e) => e.pod === 'c' && e.namespace === 'z-e5');
        expect(intoZc.length).to.equal(fault === 'reject' ? 0 : 2);
        await target.down();
        expect(runNamespaces(broken.fake, 'e5')).to.deep.equal([]);
      } finally {
        await broken.close();
      }
    });
  }

  it('refuses to adopt a namespace of the same name that another run owns', async () => {
    h.fake.store.namespaces.set('x-e6', { apiVersion: 'v1', kind: 'Namespace', metadata: h.fake.store.meta('x-e6', undefined, { labels: { team: 'someone' } }), status: { phase: 'Active' } });
    const target = await clusterTarget(h, { runId: 'e6' });
    const error = await rejection(target.up(upstreamTopology()));
    expect(error.message).to.equal('namespace x-e6 already exists and is not owned by run e6; it was left untouched');
    expect(h.fake.store.namespaces.get('x-e6')?.metadata.labels).to.deep.equal({ team: 'someone' });
    expect(h.fake.requests.filter((r) => r.method === 'DELETE' && r.path.endsWith('/x-e6'))).to.have.length(0);
    h.fake.store.namespaces.delete('x-e6');
  });
});
