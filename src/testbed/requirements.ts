// What the test bed needs from the machine, checked before anything is built or started; each
// failure is one line naming what is missing and how to get it (exit 3).
import { execa } from 'execa';
import { TargetError } from '../model/errors.js';
import { findOnPath } from '../find-on-path.js';

/** Go 1.26 or newer builds the test bed (k8s.io/kubernetes v1.37 requires it). */
export const GO_MINIMUM = [1, 26] as const;

/** Host tools (Debian package in brackets): the node's network and kube-router's data plane. */
export const HOST_TOOLS = {
  ip: 'iproute2',
  iptables: 'iptables',
  'iptables-save': 'iptables',
  'iptables-restore': 'iptables',
  ipset: 'ipset',
  nsenter: 'util-linux',
  setpriv: 'util-linux',
  'apt-get': 'apt',
  'dpkg-deb': 'dpkg',
} as const;

/** Why the test bed cannot be built here (no Go, too old), or undefined. */
export async function goUnavailable(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const go = findOnPath('go', env['PATH']);
  if (!go) return 'Go is not on PATH: the test bed is built from Go modules (install Go 1.26 or newer, https://go.dev/dl/)';
  const result = await execa(go, ['env', 'GOVERSION'], { reject: false, env });
  const match = /^go(\d+)\.(\d+)/.exec(result.stdout.trim());
  if (result.exitCode !== 0 || !match) return `cannot tell the Go version (go env GOVERSION: ${(result.stderr || result.stdout).trim() || 'no output'})`;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major < GO_MINIMUM[0] || (major === GO_MINIMUM[0] && minor < GO_MINIMUM[1])) {
    return `Go ${major}.${minor} is too old: the test bed needs Go ${GO_MINIMUM.join('.')} or newer`;
  }
  return undefined;
}

/** Why the test bed cannot run here (not root, tools missing), or undefined. */
export function hostUnavailable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.platform !== 'linux') return `the test bed runs on Linux only (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'the test bed needs root: it creates namespaces, cgroups and mounts for its node';
  const missing = Object.entries(HOST_TOOLS).filter(([tool]) => findOnPath(tool, env['PATH'] ?? '') === undefined);
  if (missing.length === 0) return undefined;
  const packages = [...new Set(missing.map(([, pkg]) => pkg))];
  return `missing on PATH: ${missing.map(([tool]) => tool).join(', ')}; install the Debian package${packages.length > 1 ? 's' : ''} ${packages.join(' ')} (apt-get install ${packages.join(' ')})`;
}

export async function requireBuildable(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const why = hostUnavailable(env) ?? (await goUnavailable(env));
  if (why !== undefined) throw new TargetError(why);
}
