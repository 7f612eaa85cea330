// One target per cucumber process: created on first use and torn down after the run. Creating a
// real target builds a sandbox or connects to a cluster, which must not happen per scenario. The
// spec is JSON (src/targets/spec.ts), so its text, keys sorted, is a complete key: a different
// option is a different target.
import { createTarget } from '../targets/index.js';
import type { TargetSpec } from '../targets/spec.js';
import type { KeptState, Target } from '../targets/target.js';

let current: { key: string; target: Promise<Target> } | undefined;

export async function acquireTarget(spec: TargetSpec): Promise<Target> {
  const key = stableJson(spec);
  if (current && current.key !== key) await releaseTarget();
  if (!current) {
    const target = createTarget(spec);
    current = { key, target };
    // A failed creation is reported to every scenario, not retried per scenario.
    target.catch(() => undefined);
  }
  return current.target;
}

/** JSON with object keys sorted, so the same spec always gives the same key. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** What the last released target kept (netns `--keep`), until takeKept() hands it on. */
let kept: KeptState | undefined;

export async function releaseTarget(): Promise<void> {
  const held = current;
  current = undefined;
  if (!held) return;
  const target = await held.target.catch(() => undefined);
  await target?.down();
  kept = target?.kept;
}

export function takeKept(): KeptState | undefined {
  const taken = kept;
  kept = undefined;
  return taken;
}
