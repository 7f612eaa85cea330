// The netns target: real packets through a kernel-enforced dataplane on this machine,
// inside one private user, mount, network and PID namespace that dies with the harness.
import type { NetnsOptions } from '../spec.js';
import { NetnsTarget } from './netns-target.js';
import { checkNetnsSupport } from './requirements.js';

export { NetnsTarget } from './netns-target.js';

/** Checks the machine (tools, user namespaces, nftables) and throws one clear TargetError if it cannot. */
export async function createNetnsTarget(options: NetnsOptions): Promise<NetnsTarget> {
  const tools = await checkNetnsSupport();
  return new NetnsTarget(tools, options);
}
