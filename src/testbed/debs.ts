// The node's container runtime and CNI plugins come from Debian packages, unpacked into the
// test bed's directory with dpkg-deb (never installed: no service starts on the host, nothing
// to uninstall). busybox-static gives the agnhost image its shell and tools.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { TargetError } from '../model/errors.js';

export const DEBIAN_PACKAGES = ['containerd', 'runc', 'containernetworking-plugins', 'busybox-static'] as const;

/** Files the test bed uses from the unpacked packages (relative to the debs directory). */
export const FROM_DEBS = {
  containerd: 'usr/bin/containerd',
  ctr: 'usr/bin/ctr',
  shim: 'usr/bin/containerd-shim-runc-v2',
  runc: 'usr/sbin/runc',
  cniBin: 'usr/lib/cni',
  busybox: 'bin/busybox',
} as const;

export function debsComplete(dir: string): boolean {
  return Object.values(FROM_DEBS).every((file) => existsSync(join(dir, file))) && ['bridge', 'host-local', 'loopback'].every((p) => existsSync(join(dir, FROM_DEBS.cniBin, p)));
}

/** Downloads (apt-get download, the machine's configured mirror) and unpacks the packages once. */
export async function fetchDebs(dir: string, log: (line: string) => void): Promise<void> {
  if (debsComplete(dir)) return;
  const downloads = join(dir, '.downloads');
  rmSync(downloads, { recursive: true, force: true });
  mkdirSync(downloads, { recursive: true });
  log(`fetching Debian packages: ${DEBIAN_PACKAGES.join(', ')}`);
  const got = await execa('apt-get', ['download', ...DEBIAN_PACKAGES], { cwd: downloads, reject: false });
  if (got.exitCode !== 0) {
    const line = got.stderr.trim().split('\n').filter((l) => l.startsWith('E:')).at(0) ?? got.stderr.trim().split('\n').at(-1) ?? '';
    throw new TargetError(`apt-get download ${DEBIAN_PACKAGES.join(' ')} failed: ${line}${/Unable to locate|no installation candidate/.test(line) ? ' (run apt-get update first)' : ''}`);
  }
  for (const deb of readdirSync(downloads).filter((f) => f.endsWith('.deb'))) {
    const unpacked = await execa('dpkg-deb', ['-x', join(downloads, deb), dir], { reject: false });
    if (unpacked.exitCode !== 0) throw new TargetError(`dpkg-deb -x ${deb} failed: ${unpacked.stderr.trim()}`);
  }
  rmSync(downloads, { recursive: true, force: true });
  if (!debsComplete(dir)) throw new TargetError(`the Debian packages ${DEBIAN_PACKAGES.join(', ')} did not provide ${Object.values(FROM_DEBS).join(', ')}`);
}
