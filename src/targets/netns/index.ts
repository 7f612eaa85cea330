// The netns target: real packets through a kernel-enforced dataplane on this machine,
// inside one private user, mount, network and PID namespace that dies with the harness.
import { UsageError } from '../../model/errors.js';
import type { NetnsOptions } from '../spec.js';
import { isNetnsFault, NETNS_FAULT_NAMES } from './faults.js';
import { NetnsTarget } from './netns-target.js';
import { checkNetnsSupport } from './requirements.js';

export { NetnsTarget } from './netns-target.js';

/** Checks the machine (tools, user namespaces, nftables) and throws one clear TargetError if it cannot. */
export async function createNetnsTarget(options: NetnsOptions): Promise<NetnsTarget> {
  // The spec may come from JSON (cucumber's world parameters): a misspelt fault must not pass as none.
  const fault: string | undefined = options.fault;
  if (fault !== undefined && !isNetnsFault(fault)) throw new UsageError(`netns target: unknown fault "${fault}"; choose one of ${NETNS_FAULT_NAMES.join(', ')}`);
  const tools = await checkNetnsSupport();
  return new NetnsTarget(tools, options);
}
