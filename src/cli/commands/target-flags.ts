// The flags every command that talks to a target shares: --target, --context, --kubeconfig and
// the implementation-defined choices of the sim and netns targets. They are parsed here, once, into
// a target spec that carries each target's own options and nothing else.
import { Option, type Command } from 'commander';
import { isEngineFault, ENGINE_FAULTS } from '../../engine/options.js';
import { UsageError } from '../../model/errors.js';
import { parseTargetName, type TargetSpec } from '../../targets/spec.js';

export interface TargetFlags {
  target: string;
  context?: string;
  kubeconfig?: string;
  /** false with --no-ipblock-pod-ips; absent on commands without the flag. */
  ipblockPodIps?: boolean;
  simFault?: string;
  drop?: boolean;
}

export function addTargetFlags(command: Command): Command {
  return command
    .addOption(new Option('--target <name>', 'where to run: sim, netns, cluster or cluster:CONTEXT').default('sim'))
    .option('--context <name>', 'cluster: kubeconfig context (default: the current context)')
    .option('--kubeconfig <file>', 'cluster: kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--no-ipblock-pod-ips', 'sim, netns: ipBlock peers do not match pod IPs (as Cilium); implementation-defined')
    .option('--drop', 'netns: drop denied packets instead of rejecting them (probes then time out)')
    .addOption(new Option('--sim-fault <fault>', `sim: simulate a known plugin bug (${Object.keys(ENGINE_FAULTS).join(', ')})`).hideHelp());
}

/** The target spec the flags describe; a flag that is not about the chosen target is ignored. */
export function targetSpecFrom(flags: TargetFlags): TargetSpec {
  const fault = flags.simFault;
  if (fault !== undefined && !isEngineFault(fault)) {
    throw new UsageError(`unknown --sim-fault "${fault}"; choose one of ${Object.keys(ENGINE_FAULTS).join(', ')}`);
  }
  const { name, context } = parseTargetName(flags.target);
  const podIps = flags.ipblockPodIps === false ? { ipBlockMatchesPodIps: false } : {};
  switch (name) {
    case 'sim':
      return { name, options: { ...podIps, ...(fault !== undefined ? { fault } : {}) } };
    case 'netns':
      return { name, options: { ...podIps, ...(flags.drop ? { denyAction: 'drop' as const } : {}) } };
    case 'cluster': {
      const chosen = context ?? flags.context;
      return { name, options: { ...(chosen !== undefined ? { context: chosen } : {}), ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}) } };
    }
  }
}
