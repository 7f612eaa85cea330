// Contract tests of the cluster target's probes: batching (one exec per source pod per round),
// bounded re-probing, reproduce commands, and agreement with the spec on policy effects. The first
// two also run on the test bed (NETPOL_CLUSTER_TESTS=testbed: real execs through the API server and
// the kubelet into agnhost, kube-router enforcing); the rest need the fake's data plane and faults.
import { after, before, describe, it } from 'node:test';
import { expect } from 'chai';
import { allFlows, createEngine } from '../../src/engine/index.js';
import { observedReachability, type Observation, type Reachability } from '../../src/model/verdicts.js';
import type { NetworkPolicy } from '../../src/model/api.js';
import { backendKind, clusterUnderTest, type ClusterUnderTest } from './backend.js';
import { clusterTarget, fakeExternals, harness, PORTS, targetOn, upstreamTopology, type Harness } from './helpers.js';

const policies: NetworkPolicy[] = [
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'x-from-y-http', namespace: 'x' },
    spec: {
      podSelector: { matchLabels: { pod: 'a' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }], ports: [{ port: 'http' }] }],
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'z-egress-none', namespace: 'z' },
    spec: { podSelector: { matchLabels: { pod: 'c' } }, policyTypes: ['Egress'] },
  },
];

function reach(observations: readonly Observation[]): Reachability[] {
  return observations.map(observedReachability);
}

describe(`cluster target: probes (${backendKind()})`, () => {
  let c: ClusterUnderTest;
  before(async () => {
    c = await clusterUnderTest();
  });
  after(async () => c.close());

  it('probes a 9-pod, 2-port matrix with one exec per source pod, each running all its probes', async () => {
    const target = await targetOn(c, { runId: 'p1' });
    const topology = await target.up(upstreamTopology());
    const flows = allFlows(topology, PORTS);
    expect(flows).to.have.length(144);
    const mark = c.execs.length;
    const observations = await target.probe(flows);
    const execs = c.execs.slice(mark);
    expect(execs).to.have.length(9);
    expect(new Set(execs.map((e) => `${e.namespace}/${e.pod}`)).size).to.equal(9);
    for (const exec of execs) {
      expect(exec.container).to.equal('agnhost');
      expect(exec.protocol).to.equal('v5.channel.k8s.io');
      expect(exec.command.slice(0, 2)).to.deep.equal(['/bin/sh', '-c']);
      const connects = (exec.command[2] ?? '').match(/\/agnhost connect \S+ --timeout=1s --protocol=tcp/g) ?? [];
      expect(connects).to.have.length(16); // 8 destinations x 2 ports
      expect(exec.command[2]).to.match(/&\n/).and.match(/\nwait$/); // in parallel, then wait for all
    }
    expect(observations.every((o) => o.kind === 'probe' && o.outcome === 'connected' && o.attempts === 1)).to.equal(true);
    await target.down();
  });

  it('sees the policies the engine sees, with the namespace selector rewritten to the run namespace', async () => {
    const target = await targetOn(c, { runId: 'p2' });
    const topology = await target.up(upstreamTopology());
    await target.apply(policies);
    const flows = allFlows(topology, PORTS);
    const engine = createEngine({ topology, policies });
    const expected = flows.map((f): Reachability => (engine.isAllowed(f) ? 'allowed' : 'denied'));
    // A real policy agent takes a moment: disagreeing flows are re-probed within the round budget.
    const observations = await target.probe(flows, { expected });
    expect(reach(observations)).to.deep.equal(expected);
    // Sanity: the policies do bite (y may reach x/a on http only; z/c reaches nobody).
    expect(expected.filter((r) => r === 'denied').length).to.be.greaterThan(20);
    const denied = observations.find((o) => o.flow.from === 'x/b' && o.flow.to === 'x/a' && o.flow.port === 80);
    // The fake drops denied packets; kube-router (the test bed) rejects them, so agnhost says REFUSED.
    const deniedAs = c.kind === 'fake' ? 'timeout' : 'refused';
    expect(denied).to.include({ kind: 'probe', outcome: deniedAs });
    expect(denied?.kind === 'probe' ? denied.detail : '').to.equal(deniedAs.toUpperCase());
    const xa = topology.pods.find((p) => p.namespace === 'x' && p.name === 'a');
    expect(denied?.kind === 'probe' ? denied.reproduce : '').to.equal(
      `kubectl --context fake --kubeconfig ${c.kubeconfig} exec -n x-p2 b -c agnhost -- /agnhost connect ${xa?.ip}:80 --timeout=1s --protocol=tcp`,
    );
    await target.down();
  });
});

describe('cluster target: probes (fake API server)', () => {
  let h: Harness;
  before(async () => {
    h = await harness({ enforcementLagExecs: 0 });
  });
  after(async () => h.close());

  it('re-probes only the flows that disagree, and stops once they agree (eventual consistency)', async () => {
    const lagged = await harness({ enforcementLagExecs: 9 }); // the first round still sees no policies
    try {
      const target = await clusterTarget(lagged, { runId: 'p3' });
      const topology = await target.up(upstreamTopology());
      await target.apply(policies);
      const flows = allFlows(topology, PORTS);
      const engine = createEngine({ topology, policies });
      const expected = flows.map((f): Reachability => (engine.isAllowed(f) ? 'allowed' : 'denied'));
      const observations = await target.probe(flows, { expected });
      expect(reach(observations)).to.deep.equal(expected);
      const disagreeingSources = new Set(flows.filter((_, i) => expected[i] === 'denied').map((f) => f.from));
      expect(lagged.fake.execs).to.have.length(9 + disagreeingSources.size);
      observations.forEach((o, i) => expect(o.kind === 'probe' && o.attempts).to.equal(expected[i] === 'denied' ? 2 : 1));
      await target.down();
    } finally {
      await lagged.close();
    }
  });

  it('gives up after the round budget and reports what it saw', async () => {
    const target = await clusterTarget(h, { runId: 'p4', probeRounds: 3 });
    const topology = await target.up(upstreamTopology());
    const flows = allFlows(topology, PORTS).filter((f) => f.from === 'x/a');
    const mark = h.fake.execs.length;
    const wrong: Reachability[] = flows.map((_, i) => (i === 0 ? 'denied' : 'allowed'));
    const observations = await target.probe(flows, { expected: wrong });
    expect(h.fake.execs.length - mark).to.equal(3);
    expect(h.fake.execs.slice(mark + 1).every((e) => (e.command[2]?.match(/agnhost connect/g) ?? []).length === 1)).to.equal(true);
    expect(observations[0]).to.include({ outcome: 'connected', attempts: 3 });
    expect(observations.slice(1).every((o) => o.kind === 'probe' && o.attempts === 1)).to.equal(true);
    await target.down();
  });

  it('starts no round that could not finish within the time window', async () => {
    // The pause before a second round alone exceeds the window, so there is none.
    const target = await clusterTarget(h, { runId: 'p5', probeRounds: 10, probeWindowMs: 50, reprobeDelayMs: 60 });
    const topology = await target.up(upstreamTopology());
    const flows = allFlows(topology, PORTS).filter((f) => f.from === 'x/a').slice(0, 1);
    const mark = h.fake.execs.length;
    await target.probe(flows, { expected: ['denied'] });
    expect(h.fake.execs.length - mark).to.equal(1);
    await target.down();
  });

  it('probes from and to external hosts, and reports an external that runs at another address', async () => {
    const backup = { name: 'backup', ip: '192.168.5.10', ports: [{ port: 80, protocol: 'TCP' as const }] };
    const ext = await harness({ externals: [{ ...backup, ip: '172.18.0.9' }] });
    try {
      const provider = fakeExternals(ext.fake, { rebind: { backup: '172.18.0.9' } });
      const target = await clusterTarget(ext, { runId: 'p6' }, provider);
      const topology = await target.up(upstreamTopology([{ port: 80, protocol: 'TCP' }], [backup]));
      expect(topology.externals).to.deep.equal([backup]);
      const db: NetworkPolicy = {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'db', namespace: 'x' },
        spec: {
          podSelector: { matchLabels: { pod: 'a' } },
          policyTypes: ['Ingress', 'Egress'],
          ingress: [{ from: [{ ipBlock: { cidr: '192.168.5.10/32' } }] }],
          egress: [{ to: [{ ipBlock: { cidr: '192.168.5.10/32' } }], ports: [{ port: 80 }] }],
        },
      };
      await target.apply([db]);
      expect(ext.fake.store.policies.get('x-p6/db')?.spec.ingress?.[0]?.from?.[0]?.ipBlock?.cidr).to.equal('172.18.0.9/32');
      const flows = [
        { from: 'backup', to: 'x/a', port: 80, protocol: 'TCP' as const },
        { from: 'x/a', to: 'backup', port: 80, protocol: 'TCP' as const },
        { from: 'x/b', to: 'x/a', port: 80, protocol: 'TCP' as const },
      ];
      const observations = await target.probe(flows);
      expect(reach(observations)).to.deep.equal(['allowed', 'allowed', 'denied']);
      expect(observations[0]?.kind === 'probe' ? observations[0].reproduce : '').to.match(/^docker exec netpol-ext-backup \/agnhost connect 10\.244\.\d+\.\d+:80 /);
      expect(observations[1]?.kind === 'probe' ? observations[1].detail : '').to.contain('declared at 192.168.5.10 runs at 172.18.0.9');
      expect(provider.started).to.equal(1);
      await target.up(upstreamTopology([{ port: 80, protocol: 'TCP' }], [backup]));
      expect(provider.started).to.equal(1); // unchanged externals are reused
      await target.down();
      expect(provider.stopped).to.be.greaterThan(0);
    } finally {
      await ext.close();
    }
  });

  it('lacks the external capability when external hosts cannot run, and says why', async () => {
    const target = await clusterTarget(h, { runId: 'p7' }, fakeExternals(h.fake, { unavailable: 'context "fake" is not a kind cluster' }));
    expect(target.lacking.get('external')).to.equal('context "fake" is not a kind cluster');
    const backup = { name: 'backup', ip: '192.168.5.10', ports: [{ port: 80, protocol: 'TCP' as const }] };
    // The pods still come up (scenarios that need the external are skipped by capability) ...
    const topology = await target.up(upstreamTopology(PORTS, [backup]));
    expect(topology.pods.every((p) => p.ip.startsWith('10.244.'))).to.equal(true);
    expect((await target.probe([{ from: 'x/a', to: 'x/b', port: 80, protocol: 'TCP' }]))[0]).to.include({ outcome: 'connected' });
    // ... and a probe that names it fails with the reason.
    let error: unknown;
    await target.probe([{ from: 'x/a', to: 'backup', port: 80, protocol: 'TCP' }]).catch((e: unknown) => (error = e));
    expect(String(error)).to.equal('TargetError: external host backup is not running on this cluster: context "fake" is not a kind cluster');
    await target.down();
  });
});
