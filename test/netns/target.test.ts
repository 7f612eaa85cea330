// The netns target with real packets: the x/y/z model plus the lesson's backup server, policies
// enforced by each pod's nftables table, probes from pods and from the external host. Every test
// starts with up() on the same topology, which also exercises reuse (no policies, labels reset).
import { after, before, describe, it } from 'node:test';
import { expect } from 'chai';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { UnknownEndpointError } from '../../src/model/errors.js';
import type { Flow, Observation, ProbeOutcome, Reachability } from '../../src/model/verdicts.js';
import type { Topology } from '../../src/model/topology.js';
import type { NetnsTarget } from '../../src/targets/netns/index.js';
import { netnsUnavailable, netpol, xyzTopology } from './support.js';

const unavailable = await netnsUnavailable();

/** `x/a -> y/b 80/TCP` */
function flow(text: string): Flow {
  const m = /^(\S+) -> (\S+) (\d+)\/(TCP|UDP|SCTP)$/.exec(text);
  if (!m) throw new Error(`test bug: "${text}"`);
  return { from: m[1] ?? '', to: m[2] ?? '', port: Number(m[3]), protocol: m[4] as Flow['protocol'] };
}

async function hostView(): Promise<{ netns: string; links: string[] }> {
  const netns = (await execa('ip', ['netns', 'list'])).stdout;
  const links = (await execa('ip', ['-o', 'link', 'show'])).stdout.split('\n').map((l) => l.split(':')[1]?.trim() ?? '');
  return { netns, links };
}

describe('netns target with real packets', { skip: unavailable ?? false }, () => {
  let target: NetnsTarget;
  let topology: Topology;
  let hostBefore: { netns: string; links: string[] };

  const observe = async (texts: string[], expected?: Reachability[]): Promise<Observation[]> =>
    target.probe(texts.map(flow), expected ? { expected } : {});
  const outcomes = async (...texts: string[]): Promise<ProbeOutcome[]> =>
    (await observe(texts)).map((o) => (o.kind === 'probe' ? o.outcome : 'error'));

  before(async () => {
    hostBefore = await hostView();
    const { createNetnsTarget } = await import('../../src/targets/netns/index.js');
    target = await createNetnsTarget({});
    topology = xyzTopology();
  });
  after(async () => {
    await target?.down();
  });

  it('connects every pair without policies, on TCP and UDP, pods and the external host', async () => {
    await target.up(topology);
    expect(await outcomes('x/a -> y/b 80/TCP', 'z/c -> x/a 81/TCP', 'y/a -> z/b 80/UDP', 'backup -> x/b 80/TCP', 'x/c -> backup 80/TCP')).to.deep.equal(
      Array(5).fill('connected'),
    );
  });

  it('builds nothing the machine can see: no named namespace, no new interface', async () => {
    await target.up(topology);
    const now = await hostView();
    expect(now.netns).to.equal(hostBefore.netns);
    expect(now.links).to.deep.equal(hostBefore.links);
  });

  it('deny-all ingress refuses TCP (reset) and UDP (port unreachable); the pod can still connect out', async () => {
    await target.up(topology);
    await target.apply([netpol('x', 'deny', { podSelector: {} })]);
    expect(await outcomes('y/a -> x/a 80/TCP', 'y/a -> x/a 80/UDP', 'backup -> x/b 80/TCP', 'x/a -> y/a 80/TCP', 'x/a -> y/a 80/UDP')).to.deep.equal([
      'refused',
      'refused',
      'refused',
      'connected',
      'connected',
    ]);
  });

  it('an allowed peer gets in on the allowed port only; replies pass without a rule', async () => {
    await target.up(topology);
    await target.apply([netpol('x', 'allow-b', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }], ports: [{ port: 80 }] }] })]);
    expect(await outcomes('x/b -> x/a 80/TCP', 'x/b -> x/a 81/TCP', 'x/b -> x/a 80/UDP', 'x/c -> x/a 80/TCP', 'y/b -> x/a 80/TCP')).to.deep.equal([
      'connected',
      'refused',
      'refused',
      'refused',
      'refused',
    ]);
  });

  it('ipBlock sees the external host’s real address (no SNAT), and except carves it out', async () => {
    await target.up(topology);
    await target.apply([netpol('x', 'backup', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ ipBlock: { cidr: '192.168.5.10/32' } }] }] })]);
    expect(await outcomes('backup -> x/a 80/TCP', 'y/a -> x/a 80/TCP')).to.deep.equal(['connected', 'refused']);
    await target.apply([netpol('x', 'backup', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ ipBlock: { cidr: '192.168.5.0/24', except: ['192.168.5.10/32'] } }] }] })]);
    expect(await outcomes('backup -> x/a 80/TCP')).to.deep.equal(['refused']);
  });

  it('egress to an external host on one port; other destinations refused at the source', async () => {
    await target.up(topology);
    await target.apply([netpol('x', 'out', { podSelector: { matchLabels: { pod: 'a' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '192.168.5.0/24' } }], ports: [{ port: 80 }] }] })]);
    expect(await outcomes('x/a -> backup 80/TCP', 'x/a -> y/a 80/TCP', 'x/a -> y/a 80/UDP', 'y/a -> x/a 80/TCP')).to.deep.equal(['connected', 'refused', 'refused', 'connected']);
  });

  it('relabelling a pod or a namespace re-renders the tables that depend on it', async () => {
    await target.up(topology);
    await target.apply([
      netpol('x', 'from-b', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }, { namespaceSelector: { matchLabels: { trusted: 'yes' } } }] }] }),
    ]);
    expect(await outcomes('x/c -> x/a 80/TCP', 'z/c -> x/a 80/TCP')).to.deep.equal(['refused', 'refused']);
    const xc = topology.pods.find((p) => p.namespace === 'x' && p.name === 'c');
    await target.apply([
      { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'x', name: 'c', labels: { pod: 'b' } }, spec: { containers: [] }, status: { podIP: xc?.ip ?? '' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'z', labels: { trusted: 'yes' } } },
    ]);
    expect(await outcomes('x/c -> x/a 80/TCP', 'z/c -> x/a 80/TCP', 'y/c -> x/a 80/TCP')).to.deep.equal(['connected', 'connected', 'refused']);
  });

  it('removing the policy restores access; removing a pod removes its endpoint', async () => {
    await target.up(topology);
    await target.apply([netpol('x', 'deny', { podSelector: {} })]);
    await target.remove([{ kind: 'NetworkPolicy', namespace: 'x', name: 'deny' }]);
    expect(await outcomes('y/a -> x/a 80/TCP')).to.deep.equal(['connected']);
    await target.remove([{ kind: 'Pod', namespace: 'z', name: 'c' }]);
    const error = await target.probe([flow('x/a -> z/c 80/TCP')]).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(UnknownEndpointError);
  });

  it('up() on the same topology keeps the endpoints (same agents) and forgets policies and relabels', async () => {
    await target.up(topology);
    const agentsBefore = (await target.stats()).agents;
    await target.apply([
      netpol('x', 'deny', { podSelector: {} }),
      { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'y', name: 'a', labels: { pod: 'zzz' } }, spec: { containers: [] } },
    ]);
    await target.up(topology);
    expect((await target.stats()).agents).to.deep.equal(agentsBefore);
    expect(await outcomes('y/a -> x/a 80/TCP')).to.deep.equal(['connected']);
    await target.apply([netpol('x', 'only-a', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { pod: 'a' } } }] }] })]);
    expect(await outcomes('y/a -> x/b 80/TCP'), 'y/a has its label pod=a again').to.deep.equal(['connected']);
  });

  it('re-probes a flow that disagrees with the expectation, up to the bound, and reports each attempt count', async () => {
    await target.up(topology);
    await target.apply([netpol('x', 'deny', { podSelector: {} })]);
    const [wrong, right] = await observe(['y/a -> x/a 80/TCP', 'x/a -> y/a 80/TCP'], ['allowed', 'allowed']);
    expect(wrong).to.include({ kind: 'probe', outcome: 'refused', attempts: 3 });
    expect(right).to.include({ kind: 'probe', outcome: 'connected', attempts: 1 });
    expect(wrong?.kind === 'probe' && wrong.reproduce).to.match(/ip netns exec pod_y_a timeout 2 bash -c 'exec 3<>\/dev\/tcp\/10\.244\.1\.1\/80/);
  });

  it('gives each observation a command that repeats the probe from a shell on the machine', async () => {
    await target.up(topology);
    await target.apply([netpol('x', 'deny-a', { podSelector: { matchLabels: { pod: 'a' } } })]);
    const observations = await observe(['y/a -> x/b 80/TCP', 'y/a -> x/a 80/TCP', 'y/a -> x/b 80/UDP', 'y/a -> x/a 80/UDP']);
    const reruns = await Promise.all(
      observations.map(async (o) => {
        const command = o.kind === 'probe' ? (o.reproduce ?? 'false') : 'false';
        const r = await execa('sh', ['-c', command], { reject: false });
        return `${o.kind === 'probe' ? o.outcome : '?'}: exit ${r.exitCode} ${r.stdout.trim()}`.trim();
      }),
    );
    expect(reruns).to.deep.equal(['connected: exit 0 connected', 'refused: exit 1', 'connected: exit 0 connected', 'refused: exit 1']);
  });

  it('lacks SCTP with the kernel’s reason and reports SCTP flows as errors, never as passes', async () => {
    await target.up(topology);
    const reason = target.lacking.get('sctp');
    expect(reason).to.be.a('string');
    if (!existsSync('/proc/sys/net/sctp')) expect(reason).to.include('no SCTP');
    const [o] = await observe(['x/a -> y/a 80/SCTP']);
    expect(o).to.include({ kind: 'probe', outcome: 'error' });
  });

  it('down() ends the sandbox and is idempotent', async () => {
    await target.up(topology);
    const info = target.sandboxInfo;
    expect(info && existsSync(`/proc/${info.initPid}`)).to.equal(true);
    await target.down();
    await target.down();
    expect(existsSync(`/proc/${info?.initPid}`)).to.equal(false);
  });
});

describe('netns target in drop mode', { skip: unavailable ?? false }, () => {
  it('denied flows time out instead of being refused', async () => {
    const { createNetnsTarget } = await import('../../src/targets/netns/index.js');
    const target = await createNetnsTarget({ denyAction: 'drop', probeTimeoutMs: 200 });
    try {
      const full = xyzTopology();
      await target.up({ ...full, pods: full.pods.filter((p) => p.namespace === 'x') });
      await target.apply([netpol('x', 'deny', { podSelector: { matchLabels: { pod: 'a' } }, policyTypes: ['Ingress', 'Egress'] })]);
      const obs = await target.probe([flow('x/b -> x/a 80/TCP'), flow('x/b -> x/a 80/UDP'), flow('x/a -> x/b 80/TCP'), flow('x/b -> x/c 80/TCP')]);
      expect(obs.map((o) => (o.kind === 'probe' ? o.outcome : 'error'))).to.deep.equal(['timeout', 'timeout', 'timeout', 'connected']);
    } finally {
      await target.down();
    }
  });
});
