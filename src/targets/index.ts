// Creates a target from its command-line name: `sim`, `netns`, `cluster` or `cluster:CONTEXT`.
// Real targets are imported lazily so `sim` never loads their dependencies.
import { UsageError } from '../model/errors.js';
import type { EngineFault } from '../engine/options.js';
import type { Target } from './target.js';
import type { ClusterSettings } from './cluster/settings.js';

export const TARGET_NAMES = ['sim', 'netns', 'cluster'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export interface TargetOptions {
  /** sim: whether ipBlock peers match pod IPs (implementation-defined; upstream expects yes). */
  ipBlockMatchesPodIps?: boolean;
  /** sim: simulate a known plugin bug (src/engine/options.ts ENGINE_FAULTS); never for conformance runs. */
  fault?: EngineFault;
  /** cluster: kubeconfig context and file. */
  context?: string;
  kubeconfig?: string;
  /** cluster: agnhost image, run id, waits and probe rounds (src/targets/cluster/settings.ts). */
  cluster?: ClusterSettings;
  /** netns: reject (default) or drop denied packets (drop exercises timeouts). */
  denyAction?: 'reject' | 'drop';
}

export interface TargetSpec {
  name: TargetName;
  options: TargetOptions;
}

/** Parses `sim`, `netns`, `cluster` or `cluster:CONTEXT`. */
export function parseTargetSpec(text: string, options: TargetOptions = {}): TargetSpec {
  const [name, context] = text.split(':', 2) as [string, string | undefined];
  if (!(TARGET_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`unknown target "${text}"; choose one of ${TARGET_NAMES.join(', ')} (or cluster:CONTEXT)`);
  }
  if (context !== undefined && name !== 'cluster') throw new UsageError(`target "${name}" takes no ":CONTEXT"`);
  return { name: name as TargetName, options: context ? { ...options, context } : options };
}

export async function createTarget(spec: TargetSpec): Promise<Target> {
  switch (spec.name) {
    case 'sim': {
      const { createSimTarget } = await import('./sim/sim-target.js');
      return createSimTarget(spec.options);
    }
    case 'netns': {
      const { createNetnsTarget } = await import('./netns/index.js');
      return createNetnsTarget(spec.options);
    }
    case 'cluster': {
      const { createClusterTarget } = await import('./cluster/index.js');
      return createClusterTarget(spec.options);
    }
  }
}
