// What the netns target needs from the machine, checked before anything is built: the tools on
// PATH (also in /usr/sbin and /sbin, which a normal user's PATH often lacks), user namespaces that
// `unshare` may create, and nf_tables usable inside them. Each failure is one line naming what is
// missing and how to get it.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { delimiter } from 'node:path';
import { findOnPath } from '../../find-on-path.js';
import { TargetError } from '../../model/errors.js';

export interface NetnsTools {
  unshare: string;
  ip: string;
  nft: string;
  mount: string;
  /** Enters a pod's network namespace for agents and `nft` (lighter than `ip netns exec`). */
  nsenter: string;
  /** Optional: makes the sandbox die with the harness's thread even before stdin EOF is read. */
  setpriv?: string;
}

const REQUIRED = ['unshare', 'nsenter', 'ip', 'nft', 'mount'] as const;
const OPTIONAL = ['setpriv'] as const;
const DEBIAN_PACKAGE: Record<(typeof REQUIRED)[number], string> = {
  unshare: 'util-linux',
  nsenter: 'util-linux',
  ip: 'iproute2',
  nft: 'nftables',
  mount: 'mount',
};
const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

export function searchDirs(pathEnv: string | undefined, systemDirs: readonly string[] = SYSTEM_DIRS): string[] {
  const dirs = (pathEnv ?? '').split(delimiter).filter(Boolean);
  return [...dirs, ...systemDirs.filter((d) => !dirs.includes(d))];
}

/** Finds the tools, or throws one TargetError naming every missing one and its Debian package. */
export function findTools(pathEnv: string | undefined = process.env.PATH, systemDirs: readonly string[] = SYSTEM_DIRS): NetnsTools {
  const dirs = searchDirs(pathEnv, systemDirs).join(delimiter);
  const found = new Map<string, string>();
  const missing: (typeof REQUIRED)[number][] = [];
  for (const name of REQUIRED) {
    const file = findOnPath(name, dirs);
    if (file) found.set(name, file);
    else missing.push(name);
  }
  if (missing.length > 0) {
    const packages = [...new Set(missing.map((m) => DEBIAN_PACKAGE[m]))].join(' ');
    throw new TargetError(
      `the netns target needs ${missing.join(', ')}, not found on PATH or in ${systemDirs.join(', ') || '(no system dirs)'}: install with \`apt-get install ${packages}\``,
    );
  }
  for (const name of OPTIONAL) {
    const file = findOnPath(name, dirs);
    if (file) found.set(name, file);
  }
  const get = (name: string): string => found.get(name) ?? '';
  return {
    unshare: get('unshare'),
    ip: get('ip'),
    nft: get('nft'),
    mount: get('mount'),
    nsenter: get('nsenter'),
    ...(found.has('setpriv') ? { setpriv: get('setpriv') } : {}),
  };
}

/** The flags `unshare` gets: user (root mapped to us), mount, network and PID namespaces. */
export const UNSHARE_FLAGS = ['--user', '--map-root-user', '--mount', '--net', '--pid', '--fork', '--kill-child', '--mount-proc'];

/** Turns an `unshare` failure into the one line a person can act on. */
export function explainUnshareFailure(stderr: string): string {
  const line = stderr.trim().split('\n').find((l) => l.includes('unshare')) ?? stderr.trim().split('\n')[0] ?? '';
  return (
    `the netns target cannot create its private namespaces (${line || 'unshare failed'}): ` +
    'allow user namespaces (sysctl user.max_user_namespaces=10000 kernel.unprivileged_userns_clone=1, ' +
    'or kernel.apparmor_restrict_unprivileged_userns=0) or run as root'
  );
}

/**
 * Checks, without building anything visible, that a throwaway sandbox can be created and that
 * nftables works inside it (the kernel may lack nf_tables, or refuse it in a user namespace).
 */
export async function checkNetnsSupport(pathEnv: string | undefined = process.env.PATH): Promise<NetnsTools> {
  if (process.platform !== 'linux') throw new TargetError(`the netns target needs Linux network namespaces; this is ${process.platform}`);
  const tools = findTools(pathEnv);
  const table = 'table inet netpol_check { chain input { type filter hook input priority filter; ct state established accept; }; }\n';
  const result = await execa(tools.unshare, [...UNSHARE_FLAGS, tools.nft, '-f', '-'], { input: table, reject: false });
  if (result.exitCode === 0) return tools;
  const stderr = result.stderr || result.message || `exit code ${result.exitCode}`;
  if (/unshare|mount/i.test(stderr.split('\n')[0] ?? '')) throw new TargetError(explainUnshareFailure(stderr));
  throw new TargetError(
    `nftables does not work inside a user namespace here (nft: ${stderr.trim().split('\n')[0] ?? ''}): the kernel needs nf_tables with conntrack and reject (CONFIG_NF_TABLES, NFT_CT, NFT_REJECT)`,
  );
}

/**
 * Why SCTP is lacking, or undefined when it could be supported. Node.js cannot open SCTP sockets,
 * so even a kernel with SCTP would need a probe helper this target does not have.
 */
export function sctpLackingReason(): string {
  if (!existsSync('/proc/sys/net/sctp')) return 'this kernel has no SCTP support (no /proc/sys/net/sctp; module sctp not loaded or not built)';
  return 'Node.js has no SCTP sockets, so the netns endpoint agents serve and probe TCP and UDP only';
}

/** Why this kernel cannot give endpoints IPv6 addresses, or undefined when it can. */
export function ipv6LackingReason(procSys = '/proc/sys/net/ipv6'): string | undefined {
  if (!existsSync(procSys)) return 'this kernel has no IPv6 (no /proc/sys/net/ipv6: booted with ipv6.disable=1, or built without it)';
  return undefined;
}
