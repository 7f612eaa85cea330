// `testbed up|down|status`: a one-node Kubernetes built here from upstream Go modules, with
// kube-router enforcing policies (docs/testbed.md). `up` prints the kubeconfig path on stdout.
import { existsSync, statSync } from 'node:fs';
import { Command } from 'commander';
import { TargetError, UsageError } from '../../model/errors.js';
import { ALL_COMPONENTS, type Component } from '../../testbed/components.js';
import type { CliContext } from '../context.js';

interface UpFlags {
  components?: string;
  port: string;
  ownerPid?: string;
  timeout: string;
  crds: string[];
}

function parseComponents(text: string | undefined): Component[] {
  if (text === undefined) return [...ALL_COMPONENTS];
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  for (const p of parts) if (!(ALL_COMPONENTS as readonly string[]).includes(p)) throw new UsageError(`--components "${text}": choose from ${ALL_COMPONENTS.join(', ')}`);
  if (!parts.includes('control-plane')) throw new UsageError(`--components "${text}": control-plane is always needed`);
  if (parts.includes('kube-router') && !parts.includes('node')) throw new UsageError(`--components "${text}": kube-router needs the node`);
  return parts as Component[];
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${flag} "${text}": give a whole number from ${min} to ${max}`);
  return value;
}

function existingDir(flag: string, path: string): string {
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new UsageError(`${flag} "${path}": no such directory`);
  return path;
}

export function testbedCommand(ctx: CliContext): Command {
  const log = (line: string): void => ctx.io.err(`testbed: ${line}\n`);
  const command = new Command('testbed').description('a one-node Kubernetes built from upstream Go modules, with kube-router enforcing policies (needs root, Go 1.26, Debian tools)');
  command
    .command('up')
    .description('build what changed, start etcd, the control plane, a kubelet with containerd and kube-router; prints the kubeconfig path')
    .option('--components <list>', `what to start: ${ALL_COMPONENTS.join(',')} (default: all)`)
    .option('--port <n>', 'host loopback port for the API server (0: any free port)', '0')
    .option('--owner-pid <pid>', 'stop the test bed when this process exits')
    .option('--timeout <seconds>', 'how long starting may take', '600')
    .option('--crds <dir>', 'install the CustomResourceDefinitions in DIR/*.yaml, e.g. crds/network-policy-api/v1alpha2/standard (repeatable)', (dir: string, all: string[]) => [...all, dir], [] as string[])
    .action(async (flags: UpFlags) => {
      const { testbedUp } = await import('../../testbed/lifecycle.js');
      const status = await testbedUp({
        components: parseComponents(flags.components),
        port: wholeNumber('--port', flags.port, 0, 65535),
        ...(flags.ownerPid !== undefined ? { ownerPid: wholeNumber('--owner-pid', flags.ownerPid, 1, 2 ** 22) } : {}),
        timeoutMs: wholeNumber('--timeout', flags.timeout, 1, 86_400) * 1000,
        crds: flags.crds.map((dir) => existingDir('--crds', dir)),
        log,
      });
      log(`ready: run the suite with --target cluster:${status.context} --kubeconfig ${status.kubeconfig ?? ''}`);
      ctx.io.out(`${status.kubeconfig ?? ''}\n`);
    });
  command
    .command('down')
    .description('stop the test bed: every process, mount, namespace and cgroup goes; logs are kept')
    .action(async () => {
      const { testbedDown } = await import('../../testbed/lifecycle.js');
      await testbedDown({ log });
    });
  command
    .command('status')
    .description('say whether the test bed runs (exit 0 when ready, 3 otherwise)')
    .action(async () => {
      const { readStatus, runningStatus } = await import('../../testbed/lifecycle.js');
      const status = runningStatus();
      if (status?.phase === 'ready') {
        ctx.io.out(`ready: API server https://127.0.0.1:${status.apiPort ?? '?'}, context ${status.context}, kubeconfig ${status.kubeconfig ?? '?'}, components ${status.components.join(',')}, supervisor pid ${status.pid}, up since ${status.started}\n`);
        return;
      }
      if (status) throw new TargetError(`starting: ${status.message}`);
      const last = readStatus();
      throw new TargetError(last ? `not running (last: ${last.phase}: ${last.message})` : 'not running');
    });
  return command;
}
