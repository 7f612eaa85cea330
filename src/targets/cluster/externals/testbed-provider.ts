// External hosts of the test bed (docs/testbed.md): each one is a network namespace inside the
// node's, attached by a veth to the node's bridge at its declared address, with the agnhost
// image's files as its root (chroot), serving its ports with `agnhost porter`. The node routes
// between it and the pods, so packets cross kube-router's rules as they would on a real node.
// Everything runs inside the node's namespaces (nsenter), and dies with the test bed.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { TargetError } from '../../../model/errors.js';
import type { ExternalHost } from '../../../model/topology.js';
import { porterEnv } from '../manifests.js';
import { sleep } from '../pool.js';
import type { TestbedContext } from '../testbed-context.js';
import { planExternals } from './plan.js';
import type { ExternalContext, ExternalEndpoint, ExternalHostProvider } from './provider.js';

/** The node's own network (testbed/internal/layout): hosts that cannot keep their address go here. */
const NODE_BRIDGE = 'tb0';
const NODE_SUBNET = '172.30.0.0/24';
const FALLBACK_BASE = '172.30.0.';
const FALLBACK_FIRST = 100;

export interface Placed {
  host: ExternalHost;
  ip: string;
  gateway: string;
  note?: string;
}

function nodePid(runDir: string): number | undefined {
  try {
    const status = JSON.parse(readFileSync(join(runDir, 'status.json'), 'utf8')) as { phase?: string; nodePid?: number };
    if (status.phase !== 'ready' || typeof status.nodePid !== 'number') return undefined;
    process.kill(status.nodePid, 0);
    return status.nodePid;
  } catch {
    return undefined;
  }
}

/** Where each host goes: its declared address on the node's bridge, or a fallback address with the reason. */
export function placeExternals(hosts: readonly ExternalHost[], tb: TestbedContext): Placed[] {
  const plan = planExternals(hosts, { podCidr: tb.podCidr, serviceCidr: tb.serviceCidr, takenSubnets: [NODE_SUBNET] });
  const placed: Placed[] = plan.networks.flatMap((n) => n.hosts.map((h) => ({ host: h.host, ip: h.ip, gateway: n.gateway })));
  plan.unbound.forEach((u, i) => {
    placed.push({ host: u.host, ip: `${FALLBACK_BASE}${FALLBACK_FIRST + i}`, gateway: tb.nodeIp, note: u.reason });
  });
  return placed;
}

export function createTestbedExternals(tb: TestbedContext): ExternalHostProvider {
  const rootfs = join(tb.runDir, '..', 'images', 'rootfs');
  const porters: ChildProcess[] = [];
  let namespaces: string[] = [];
  let gateways: string[] = [];
  let pid = 0;
  const inNode = (args: readonly string[]) => ['-t', String(pid), '-m', '-n', '-p', '--', ...args];
  const node = async (script: string, check = true): Promise<void> => {
    const result = await execa('nsenter', inNode(['sh', '-c', script]), { reject: false });
    if (check && result.exitCode !== 0) throw new TargetError(`external hosts on the test bed: ${result.stderr.trim().split('\n').at(-1) ?? ''} (running: ${script})`);
  };

  return {
    async unavailable(ctx: ExternalContext) {
      // nsenter, setpriv and ip were there when the test bed started (testbed up checks them).
      if (!existsSync(join(rootfs, 'agnhost'))) return `the test bed's external-host files are missing (${rootfs}); run "netpol-conformance testbed up" again`;
      if (nodePid(tb.runDir) === undefined) return `the test bed of context "${ctx.context}" is not running (${tb.runDir})`;
      return undefined;
    },

    async start(hosts, ctx) {
      const found = nodePid(tb.runDir);
      if (found === undefined) throw new TargetError(`the test bed of context "${ctx.context}" is not running`);
      pid = found;
      const placed = placeExternals(hosts, tb);
      const endpoints: ExternalEndpoint[] = [];
      for (const [index, p] of placed.entries()) {
        const ns = `ext-${ctx.runId}-${index}`;
        const veth = `vx${index}-${ctx.runId}`.slice(0, 15);
        namespaces.push(ns);
        if (!gateways.includes(p.gateway) && p.gateway !== tb.nodeIp) {
          gateways.push(p.gateway);
          await node(`ip addr add ${p.gateway}/24 dev ${NODE_BRIDGE}`);
        }
        await node([
          `ip netns add ${ns}`,
          `ip link add ${veth} type veth peer name eth0 netns ${ns}`,
          `ip link set ${veth} master ${NODE_BRIDGE} up`,
          `ip -n ${ns} link set lo up`,
          `ip -n ${ns} addr add ${p.ip}/24 dev eth0`,
          `ip -n ${ns} link set eth0 up`,
          `ip -n ${ns} route add default via ${p.gateway}`,
        ].join(' && '));
        const env = Object.fromEntries(porterEnv(p.host.ports).map((e) => [e.name, e.value ?? '']));
        // setpriv: porter dies with nsenter, and nsenter with this process or stop().
        const porter = spawn('nsenter', inNode(['setpriv', '--pdeathsig', 'KILL', '--', 'ip', 'netns', 'exec', ns, 'chroot', rootfs, '/agnhost', 'porter']), {
          env: { PATH: process.env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin', ...env },
          stdio: 'ignore',
        });
        porters.push(porter);
        const run = async (command: string[], timeoutMs: number) => {
          const r = await execa('nsenter', inNode(['ip', 'netns', 'exec', ns, 'chroot', rootfs, ...command]), { reject: false, timeout: timeoutMs });
          if (r.timedOut) throw new TargetError(`exec in external host ${p.host.name} did not finish within ${timeoutMs} ms`);
          return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? -1 };
        };
        await waitServing(p.host, run);
        endpoints.push({
          name: p.host.name,
          declaredIp: p.host.ip,
          ip: p.ip,
          ...(p.note !== undefined ? { note: `external host ${p.host.name} declared at ${p.host.ip} runs at ${p.ip}: ${p.note}; its /32 is bound to ${p.ip}` } : {}),
          exec: run,
          reproduce: (args) => `nsenter ${inNode(['ip', 'netns', 'exec', ns, 'chroot', rootfs, ...args]).join(' ')}`,
        });
      }
      return endpoints;
    },

    async stop() {
      for (const porter of porters.splice(0)) porter.kill('SIGKILL');
      if (pid === 0 || nodePid(tb.runDir) !== pid) {
        namespaces = [];
        gateways = [];
        return; // the test bed is gone, and everything with it
      }
      const script = [...namespaces.map((ns) => `ip netns del ${ns}`), ...gateways.map((g) => `ip addr del ${g}/24 dev ${NODE_BRIDGE}`)];
      namespaces = [];
      gateways = [];
      if (script.length > 0) await node(script.join('; '), false);
    },
  };
}

/** porter needs a moment after start; probing before it listens would report false denials. */
async function waitServing(host: ExternalHost, run: (command: string[], timeoutMs: number) => Promise<{ exitCode: number }>): Promise<void> {
  const tcp = host.ports.find((p) => p.protocol === 'TCP');
  if (!tcp) return;
  for (let attempt = 0; attempt < 40; attempt++) {
    const r = await run(['/agnhost', 'connect', `127.0.0.1:${tcp.port}`, '--timeout=1s', '--protocol=tcp'], 5_000);
    if (r.exitCode === 0) return;
    await sleep(250);
  }
  throw new TargetError(`external host ${host.name} does not serve ${tcp.port}/TCP after 10 s`);
}
