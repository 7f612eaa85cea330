// Unit tests of the cluster target's pure parts: manifests, policy rewriting, the probe script and
// its parser, and where external hosts go.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { expect } from 'chai';
import type { NetworkPolicy } from '../../src/model/api.js';
import { planExternals } from '../../src/targets/cluster/externals/plan.js';
import { containerPorts, isServiceName, porterEnv, upstreamPortName } from '../../src/targets/cluster/manifests.js';
import { clusterNamespace, newRunId } from '../../src/targets/cluster/naming.js';
import { rewritePolicy } from '../../src/targets/cluster/policy-rewrite.js';
import { execCommand, outcomeOf, parseProbeOutput, probeScript } from '../../src/targets/cluster/probe-script.js';

describe('cluster manifests', () => {
  it('names ports as upstream does, plus the topology\'s own names, within the 15-character limit', () => {
    expect(upstreamPortName({ port: 80, protocol: 'TCP' })).to.equal('serve-80-tcp');
    expect(upstreamPortName({ port: 8080, protocol: 'SCTP' })).to.equal('serve-8080-sctp');
    expect(upstreamPortName({ port: 65535, protocol: 'SCTP' })).to.equal(undefined);
    expect(containerPorts([{ port: 53, protocol: 'UDP', name: 'dns' }, { port: 65535, protocol: 'SCTP' }, { port: 80, protocol: 'TCP', name: 'serve-80-tcp' }])).to.deep.equal([
      { containerPort: 53, protocol: 'UDP', name: 'dns' },
      { containerPort: 80, protocol: 'TCP', name: 'serve-80-tcp' },
      { containerPort: 53, protocol: 'UDP', name: 'serve-53-udp' },
      { containerPort: 65535, protocol: 'SCTP' },
    ]);
    expect(['http', 'a-b', 'serve-80-tcp'].every(isServiceName)).to.equal(true);
    expect(['80', 'a--b', '-a', 'a-', 'Http', 'sixteen-chars-xx'].some(isServiceName)).to.equal(false);
  });

  it('serves every port on its protocol with porter', () => {
    expect(porterEnv([{ port: 80, protocol: 'TCP' }, { port: 80, protocol: 'UDP' }, { port: 9000, protocol: 'SCTP' }, { port: 80, protocol: 'TCP', name: 'http' }])).to.deep.equal([
      { name: 'SERVE_PORT_80', value: 'tcp-80' },
      { name: 'SERVE_UDP_PORT_80', value: 'udp-80' },
      { name: 'SERVE_SCTP_PORT_9000', value: 'sctp-9000' },
    ]);
  });

  it('suffixes namespaces with the run id and refuses names that would be too long', () => {
    expect(clusterNamespace('prod', 'abc123')).to.equal('prod-abc123');
    expect(() => clusterNamespace('n'.repeat(60), 'abc123')).to.throw(/exceeds 63 characters/);
    expect(newRunId()).to.match(/^[a-z0-9]{6}$/);
  });
});

describe('policy rewriting for the cluster', () => {
  const ctx = { runId: 'r1', namespaces: new Map([['prod', 'prod-r1'], ['dev', 'dev-r1']]), boundAddresses: new Map([['192.168.5.10', '172.18.0.9']]) };
  const policy: NetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'db', namespace: 'prod', labels: { app: 'x' } },
    spec: {
      podSelector: { matchLabels: { role: 'db' } },
      ingress: [
        {
          from: [
            { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prod', env: 'prod' } }, podSelector: { matchLabels: { name: 'api' } } },
            { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['dev', 'kube-system'] }] } },
            { ipBlock: { cidr: '192.168.5.10/32' } },
            { ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.5.10/32'] } },
          ],
        },
      ],
      egress: [{ to: [{ ipBlock: { cidr: '172.16.0.0/12', except: ['192.168.5.10/32'] } }] }],
    },
  };

  it('maps namespace names of the topology only, keeps other labels, binds exact /32s of moved externals', () => {
    const { policy: out, notes } = rewritePolicy(policy, ctx);
    expect(out.metadata).to.deep.equal({ name: 'db', namespace: 'prod-r1', labels: { app: 'x', 'app.kubernetes.io/managed-by': 'netpol-conformance', 'netpol-conformance/run': 'r1' } });
    expect(out.spec.podSelector).to.deep.equal({ matchLabels: { role: 'db' } });
    expect(out.spec.ingress?.[0]?.from).to.deep.equal([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prod-r1', env: 'prod' } }, podSelector: { matchLabels: { name: 'api' } } },
      { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['dev-r1', 'kube-system'] }] } },
      { ipBlock: { cidr: '172.18.0.9/32' } },
      { ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.5.10/32'] } },
    ]);
    expect(out.spec.egress?.[0]?.to).to.deep.equal([{ ipBlock: { cidr: '172.16.0.0/12', except: ['172.18.0.9/32'] } }]);
    expect(notes).to.deep.equal([
      'ipBlock 192.168.0.0/16 covers 192.168.5.10, whose external host runs at 172.18.0.9: the cluster judges 172.18.0.9',
      'ipBlock except 192.168.5.10/32 was kept: its bound address 172.18.0.9/32 lies outside 192.168.0.0/16',
    ]);
    expect(policy.metadata.namespace).to.equal('prod'); // the input is not modified
  });
});

describe('the batched probe script', () => {
  it('runs every probe in the background with its own marker, then waits', () => {
    const script = probeScript([
      { host: '10.244.1.5', port: 80, protocol: 'TCP', timeoutSeconds: 1 },
      { host: 'fd00::5', port: 53, protocol: 'UDP', timeoutSeconds: 2 },
    ]);
    expect(script.split('\n')).to.deep.equal([
      'set -f',
      `( out=$(/agnhost connect 10.244.1.5:80 --timeout=1s --protocol=tcp 2>&1); rc=$?; printf '@@netpol 0 %s %s\\n' "$rc" "$(printf '%s ' $out)" ) &`,
      `( out=$(/agnhost connect [fd00::5]:53 --timeout=2s --protocol=udp 2>&1); rc=$?; printf '@@netpol 1 %s %s\\n' "$rc" "$(printf '%s ' $out)" ) &`,
      'wait',
    ]);
    expect(execCommand([]).slice(0, 2)).to.deep.equal(['/bin/sh', '-c']);
  });

  it('reads agnhost\'s verdicts in any order and flags probes that printed nothing', () => {
    const out = ['noise', '@@netpol 2 1 REFUSED ', '@@netpol 0 0 ', '@@netpol 1 1 TIMEOUT: read udp: i/o timeout', '@@netpol 9 0 '].join('\n');
    expect(parseProbeOutput(out, 4)).to.deep.equal([
      { outcome: 'connected', exitCode: 0 },
      { outcome: 'timeout', exitCode: 1, detail: 'TIMEOUT: read udp: i/o timeout' },
      { outcome: 'refused', exitCode: 1, detail: 'REFUSED' },
      { outcome: 'error', detail: 'the probe printed no result line' },
    ]);
    expect(outcomeOf(1, 'DNS: no such host')).to.equal('error');
  });

  for (const shell of ['dash', 'bash']) {
    it(`is a script a real POSIX shell runs (${shell}), with a stand-in agnhost`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'netpol-probe-script-'));
      try {
        // The stand-in answers like agnhost connect: nothing and 0, or a message on stderr and 1.
        const agnhost = join(dir, 'agnhost');
        writeFileSync(agnhost, ['#!/bin/sh', 'case "$2" in', '  10.0.0.1:80) exit 0 ;;', '  10.0.0.2:80) echo REFUSED >&2; exit 1 ;;', '  *) printf \'TIMEOUT: dial *\\n  tcp\\n\' >&2; exit 1 ;;', 'esac', ''].join('\n'));
        chmodSync(agnhost, 0o755);
        const probes = ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((host) => ({ host, port: 80, protocol: 'TCP' as const, timeoutSeconds: 1 }));
        const script = probeScript(probes).replaceAll('/agnhost ', `${agnhost} `);
        const { stdout } = await execa(shell, ['-c', script], { cwd: dir });
        expect(parseProbeOutput(stdout, 3)).to.deep.equal([
          { outcome: 'connected', exitCode: 0 },
          { outcome: 'refused', exitCode: 1, detail: 'REFUSED' },
          { outcome: 'timeout', exitCode: 1, detail: 'TIMEOUT: dial * tcp' },
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('maps agnhost\'s failure words to outcomes', () => {
    expect(outcomeOf(1, 'OTHER: permission denied')).to.equal('error');
  });
});

describe('external host placement', () => {
  const host = (name: string, ip: string) => ({ name, ip, ports: [{ port: 80, protocol: 'TCP' as const }] });
  const ctx = { podCidr: '10.244.0.0/16', serviceCidr: '10.96.0.0/16', takenSubnets: ['172.18.0.0/16', 'fc00:f853:ccd:e793::/64'] };

  it('gives each declared address a network for its /24 with a gateway that is not declared', () => {
    const plan = planExternals([host('backup', '192.168.5.10'), host('gw', '192.168.5.1'), host('other', '192.168.7.20')], ctx);
    expect(plan.networks).to.deep.equal([
      { subnet: '192.168.5.0/24', gateway: '192.168.5.254', hosts: [{ host: host('backup', '192.168.5.10'), ip: '192.168.5.10' }, { host: host('gw', '192.168.5.1'), ip: '192.168.5.1' }] },
      { subnet: '192.168.7.0/24', gateway: '192.168.7.1', hosts: [{ host: host('other', '192.168.7.20'), ip: '192.168.7.20' }] },
    ]);
    expect(plan.unbound).to.deep.equal([]);
  });

  it('says why an address cannot be used', () => {
    const plan = planExternals([host('a', '10.244.3.3'), host('b', '172.18.0.50'), host('c', '127.0.0.1'), host('d', 'fd00::1'), host('e', '10.96.0.10')], ctx);
    expect(plan.networks).to.deep.equal([]);
    expect(plan.unbound.map((u) => [u.host.name, u.reason])).to.deep.equal([
      ['a', '10.244.3.3 lies inside the cluster network 10.244.0.0/16'],
      ['b', 'its subnet 172.18.0.0/24 overlaps the docker network 172.18.0.0/16'],
      ['c', '127.0.0.1 cannot be given to a container'],
      ['d', 'fd00::1 is not an IPv4 address'],
      ['e', '10.96.0.10 lies inside the cluster network 10.96.0.0/16'],
    ]);
  });
});

describe('cluster settings from the environment', () => {
  it('reads the agnhost image and the waits, and rejects nonsense in one line', async () => {
    const { settingsFromEnv } = await import('../../src/targets/cluster/index.js');
    expect(settingsFromEnv({ NETPOL_AGNHOST_IMAGE: 'mirror.example/agnhost:2.66.1', NETPOL_PROBE_ROUNDS: '5', NETPOL_PROBE_WINDOW_MS: '20000', NETPOL_READY_TIMEOUT_MS: '600000' })).to.deep.equal({
      image: 'mirror.example/agnhost:2.66.1',
      readyTimeoutMs: 600000,
      probeRounds: 5,
      probeWindowMs: 20000,
    });
    expect(settingsFromEnv({})).to.deep.equal({});
    expect(() => settingsFromEnv({ NETPOL_PROBE_ROUNDS: 'three' })).to.throw('NETPOL_PROBE_ROUNDS="three": give a whole number of at least 1');
  });
});
