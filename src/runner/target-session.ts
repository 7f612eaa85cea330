// One target per cucumber process: created on first use and torn down after the run. Creating a
// real target builds a sandbox or connects to a cluster, which must not happen per scenario.
import { createTarget, parseTargetSpec, type TargetOptions } from '../targets/index.js';
import type { Target } from '../targets/target.js';

let current: { key: string; target: Promise<Target> } | undefined;

export async function acquireTarget(spec: string, options: TargetOptions): Promise<Target> {
  const key = JSON.stringify([spec, options]);
  if (current && current.key !== key) await releaseTarget();
  if (!current) {
    const target = createTarget(parseTargetSpec(spec, options));
    current = { key, target };
    // A failed creation is reported to every scenario, not retried per scenario.
    target.catch(() => undefined);
  }
  return current.target;
}

export async function releaseTarget(): Promise<void> {
  const held = current;
  current = undefined;
  if (!held) return;
  const target = await held.target.catch(() => undefined);
  await target?.down();
}
