// The agnhost and pause images (and the external hosts' root file system), packed by the
// testbed binary from the binaries just built and Debian's static busybox.
import { join } from 'node:path';
import { execa } from 'execa';
import { TargetError } from '../model/errors.js';
import { FROM_DEBS } from './debs.js';
import type { TestbedPaths } from './paths.js';

export async function buildImages(paths: TestbedPaths, log: (line: string) => void): Promise<void> {
  log('packing the agnhost and pause images');
  const result = await execa(
    join(paths.bin, 'testbed'),
    ['images', '--agnhost', join(paths.bin, 'agnhost'), '--pause', join(paths.bin, 'pause'), '--busybox', join(paths.debs, FROM_DEBS.busybox), '--out', paths.images],
    { reject: false },
  );
  if (result.exitCode !== 0) throw new TargetError(`packing the images failed: ${result.stderr.trim().split('\n').at(-1) ?? ''}`);
}
