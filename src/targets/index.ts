// Creates a target from its spec (src/targets/spec.ts). Each target's code is imported only when
// that target is created, so a run on sim never loads the netns sandbox or the Kubernetes client.
import type { ClusterTarget } from './cluster/cluster-target.js';
import type { NetnsTarget } from './netns/netns-target.js';
import type { SimTarget } from './sim/sim-target.js';
import type { TargetSpec } from './spec.js';
import type { Target } from './target.js';

/** The class each target name creates, so callers that need a target's extras keep its type. */
export interface TargetsByName {
  sim: SimTarget;
  netns: NetnsTarget;
  cluster: ClusterTarget;
}

export async function createTarget<S extends TargetSpec>(spec: S): Promise<TargetsByName[S['name']]>;
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

/** Whether this machine can run the netns target: throws one clear TargetError when it cannot. */
export async function checkNetnsSupport(): Promise<void> {
  const { checkNetnsSupport } = await import('./netns/requirements.js');
  await checkNetnsSupport();
}
