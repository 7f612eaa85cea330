// The flags every command that talks to a target shares: --target, --context, --kubeconfig and
// the implementation-defined choices of the sim target.
import { Option, type Command } from 'commander';
import { isEngineFault, ENGINE_FAULTS } from '../../engine/options.js';
import { UsageError } from '../../model/errors.js';
import { parseTargetSpec, type TargetOptions, type TargetSpec } from '../../targets/index.js';

export interface TargetFlags {
  target: string;
  context?: string;
  kubeconfig?: string;
  ipblockPodIps: boolean;
  simFault?: string;
  drop?: boolean;
}

export function addTargetFlags(command: Command): Command {
  return command
    .addOption(new Option('--target <name>', 'where to run: sim, netns, cluster or cluster:CONTEXT').default('sim'))
    .option('--context <name>', 'cluster: kubeconfig context (default: the current context)')
    .option('--kubeconfig <file>', 'cluster: kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--no-ipblock-pod-ips', 'sim: ipBlock peers do not match pod IPs (as Cilium); implementation-defined')
    .option('--drop', 'netns: drop denied packets instead of rejecting them (probes then time out)')
    .addOption(new Option('--sim-fault <fault>', `sim: simulate a known plugin bug (${Object.keys(ENGINE_FAULTS).join(', ')})`).hideHelp());
}

export function targetSpecFrom(flags: TargetFlags): TargetSpec {
  if (flags.simFault !== undefined && !isEngineFault(flags.simFault)) {
    throw new UsageError(`unknown --sim-fault "${flags.simFault}"; choose one of ${Object.keys(ENGINE_FAULTS).join(', ')}`);
  }
  const options: TargetOptions = {
    ...(flags.ipblockPodIps === false ? { ipBlockMatchesPodIps: false } : {}),
    ...(flags.context !== undefined ? { context: flags.context } : {}),
    ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.drop ? { denyAction: 'drop' as const } : {}),
    ...(flags.simFault !== undefined && isEngineFault(flags.simFault) ? { fault: flags.simFault } : {}),
  };
  return parseTargetSpec(flags.target, options);
}
