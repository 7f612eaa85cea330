// The netns target (issue 4): real packets through a kernel-enforced dataplane on this machine,
// inside one private user, mount, network and PID namespace that dies with the harness.
import type { TargetOptions } from '../index.js';
import type { Target } from '../target.js';
import { NetnsTarget, type NetnsTargetOptions } from './netns-target.js';
import { checkNetnsSupport } from './requirements.js';

export { NetnsTarget, type NetnsTargetOptions } from './netns-target.js';
export { checkNetnsSupport } from './requirements.js';

/** Checks the machine (tools, user namespaces, nftables) and throws one clear TargetError if it cannot. */
export async function createNetnsTarget(options: TargetOptions & NetnsTargetOptions): Promise<Target> {
  const tools = await checkNetnsSupport();
  return new NetnsTarget(tools, options);
}
