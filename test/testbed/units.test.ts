// The test bed's TypeScript side without a test bed: the kubeconfig extension, where external
// hosts go, what the machine must have (stand-in `go` and `apt-get` on PATH), the build stamp,
// and the command's usage errors. No Go build, namespace or process of the test bed is made here.
import { after, before, describe, it } from 'node:test';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { main } from '../../src/cli/main.js';
import { kubeconfigFiles, testbedContext } from '../../src/targets/cluster/testbed-context.js';
import { placeExternals } from '../../src/targets/cluster/externals/testbed-provider.js';
import { goUnavailable, hostUnavailable } from '../../src/testbed/requirements.js';
import { sourceStamp, upToDate, writeStamp, BINARIES } from '../../src/testbed/build.js';
import { debsComplete, fetchDebs } from '../../src/testbed/debs.js';

const EXTENSION = { runDir: '/x/run', agnhostImage: 'netpol-testbed.local/agnhost:2.66.1', podCidr: '10.244.0.0/16', serviceCidr: '10.96.0.0/16', nodeIp: '172.30.0.2' };

function kubeconfig(extension: unknown): string {
  const ext = extension === undefined ? '' : `\n    extensions:\n    - name: netpol-conformance.testbed\n      extension: ${JSON.stringify(extension)}`;
  return `apiVersion: v1\nkind: Config\nclusters:\n- name: tb\n  cluster: {server: https://127.0.0.1:1}\nusers:\n- name: tb\n  user: {}\ncontexts:\n- name: netpol-testbed\n  context:\n    cluster: tb\n    user: tb${ext}\n- name: other\n  context: {cluster: tb, user: tb}\ncurrent-context: netpol-testbed\n`;
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'netpol-testbed-units-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const bin = join(dir, `bin-${name}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(bin);
  writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(bin, name), 0o755);
  return bin;
}

describe('the test bed context in a kubeconfig', () => {
  it('reads the extension of the named context, with the SCTP reason when there is one', () => {
    const file = join(dir, 'kc-ext.yaml');
    writeFileSync(file, kubeconfig({ ...EXTENSION, sctp: 'no SCTP here' }));
    expect(testbedContext([file], 'netpol-testbed')).to.deep.equal({ ...EXTENSION, sctp: 'no SCTP here' });
    expect(testbedContext([file], 'other')).to.equal(undefined);
  });

  it('is absent without the extension, with a field missing, or when the file does not exist', () => {
    const plain = join(dir, 'kc-plain.yaml');
    writeFileSync(plain, kubeconfig(undefined));
    expect(testbedContext([plain], 'netpol-testbed')).to.equal(undefined);
    const partial = join(dir, 'kc-partial.yaml');
    writeFileSync(partial, kubeconfig({ ...EXTENSION, runDir: '' }));
    expect(testbedContext([partial], 'netpol-testbed')).to.equal(undefined);
    expect(testbedContext([join(dir, 'missing.yaml')], 'netpol-testbed')).to.equal(undefined);
  });

  it('looks in --kubeconfig, else every file of KUBECONFIG, else ~/.kube/config', () => {
    expect(kubeconfigFiles('/a/kc', { KUBECONFIG: '/b:/c' })).to.deep.equal(['/a/kc']);
    expect(kubeconfigFiles(undefined, { KUBECONFIG: '/b:/c' })).to.deep.equal(['/b', '/c']);
    expect(kubeconfigFiles(undefined, {})[0]).to.match(/\.kube\/config$/);
  });
});

describe('external hosts on the test bed', () => {
  it('keep their declared address where they can; others get a node address and the reason', () => {
    const placed = placeExternals(
      [
        { name: 'backup', ip: '192.168.5.10', ports: [] },
        { name: 'gw', ip: '192.168.5.1', ports: [] },
        { name: 'inpods', ip: '10.244.3.3', ports: [] },
        { name: 'onnode', ip: '172.30.0.9', ports: [] },
      ],
      EXTENSION,
    );
    expect(placed.map((p) => [p.host.name, p.ip, p.gateway])).to.deep.equal([
      ['backup', '192.168.5.10', '192.168.5.254'],
      ['gw', '192.168.5.1', '192.168.5.254'],
      ['inpods', '172.30.0.100', '172.30.0.2'],
      ['onnode', '172.30.0.101', '172.30.0.2'],
    ]);
    expect(placed[2]?.note).to.contain('10.244.0.0/16');
    expect(placed[3]?.note).to.contain('172.30.0.0/24');
  });
});

describe('what the test bed needs from the machine', () => {
  it('names Go when it is missing or too old, and accepts Go 1.26', async () => {
    expect(await goUnavailable({ PATH: join(dir, 'nowhere') })).to.match(/^Go is not on PATH/);
    const old = script('go', 'echo go1.25.3');
    expect(await goUnavailable({ PATH: `${old}:/usr/bin:/bin` })).to.equal('Go 1.25 is too old: the test bed needs Go 1.26 or newer');
    const current = script('go', 'echo go1.26.8');
    expect(await goUnavailable({ PATH: `${current}:/usr/bin:/bin` })).to.equal(undefined);
  });

  it('names every missing host tool and its Debian package in one line', () => {
    const why = hostUnavailable({ PATH: join(dir, 'nowhere') });
    if (process.getuid?.() !== 0) {
      expect(why).to.match(/needs root/);
      return;
    }
    expect(why).to.equal('missing on PATH: ip, iptables, iptables-save, iptables-restore, ipset, nsenter, setpriv, apt-get, dpkg-deb; install the Debian packages iproute2 iptables ipset util-linux apt dpkg (apt-get install iproute2 iptables ipset util-linux apt dpkg)');
  });

  it('says to run apt-get update when apt cannot find the packages, and unpacks nothing', async () => {
    const apt = script('apt-get', 'echo "E: Unable to locate package busybox-static" >&2; exit 100');
    const debs = join(dir, 'debs');
    const saved = process.env['PATH'];
    process.env['PATH'] = `${apt}:${saved ?? ''}`;
    try {
      let error: unknown;
      await fetchDebs(debs, () => undefined).catch((e: unknown) => (error = e));
      expect(String(error)).to.contain('apt-get download containerd runc containernetworking-plugins busybox-static failed: E: Unable to locate package busybox-static (run apt-get update first)');
    } finally {
      process.env['PATH'] = saved;
    }
    expect(debsComplete(debs)).to.equal(false);
  });
});

describe('the build stamp', () => {
  it('changes with any Go source and is up to date only with every binary present', async () => {
    const module = join(dir, 'module');
    const bin = join(dir, 'stamp-bin');
    mkdirSync(join(module, 'cmd'), { recursive: true });
    mkdirSync(bin);
    writeFileSync(join(module, 'go.mod'), 'module x\n');
    writeFileSync(join(module, 'cmd', 'main.go'), 'package main\n');
    const env = { PATH: `${script('go', 'echo go1.26.8')}:/usr/bin:/bin` };
    const first = await sourceStamp(module, env);
    expect(await sourceStamp(module, env)).to.equal(first);
    writeStamp(bin, first);
    expect(upToDate(bin, first)).to.equal(false); // no binaries yet
    for (const b of BINARIES) writeFileSync(join(bin, b), '');
    expect(upToDate(bin, first)).to.equal(true);
    writeFileSync(join(module, 'cmd', 'main.go'), 'package main\n// changed\n');
    const second = await sourceStamp(module, env);
    expect(second).to.not.equal(first);
    expect(upToDate(bin, second)).to.equal(false);
  });
});

describe('testbed command', () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const saved = process.env['NETPOL_TESTBED_DIR'];
    process.env['NETPOL_TESTBED_DIR'] = join(dir, 'home');
    try {
      const code = await main(['testbed', ...args], { out: (t) => void out.push(t), err: (t) => void err.push(t) });
      return { code, out: out.join(''), err: err.join('') };
    } finally {
      if (saved === undefined) delete process.env['NETPOL_TESTBED_DIR'];
      else process.env['NETPOL_TESTBED_DIR'] = saved;
    }
  };

  it('status and down when nothing runs: exit 3 and 0, one line each', async () => {
    expect(await run(['status'])).to.deep.include({ code: 3, err: 'netpol-conformance: not running\n' });
    expect(await run(['down'])).to.deep.include({ code: 0, err: 'testbed: the test bed is not running\n' });
  });

  it('rejects impossible component lists, bad numbers and a missing CRD directory before doing anything', async () => {
    expect((await run(['up', '--components', 'node'])).err).to.contain('--components "node": control-plane is always needed');
    expect((await run(['up', '--components', 'control-plane,kube-router'])).err).to.contain('kube-router needs the node');
    expect((await run(['up', '--components', 'control-plane,dns'])).err).to.contain('choose from control-plane, node, kube-router');
    expect((await run(['up', '--port', '70000'])).err).to.contain('--port "70000": give a whole number from 0 to 65535');
    const crds = await run(['up', '--crds', join(dir, 'no-such-dir')]);
    expect(crds.code).to.equal(2);
    expect(crds.err).to.contain('no such directory');
  });
});
