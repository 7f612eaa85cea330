// The flags every command that talks to a target shares: --target, --context, --kubeconfig and
// the implementation-defined choices of the sim and netns targets. They are parsed here, once, into
// a target spec that carries each target's own options and nothing else. A flag that concerns none
// of the chosen targets is a usage error: accepting it silently would let a person believe it took
// effect.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { isEngineFault, ENGINE_FAULTS } from '../../engine/options.js';
import { UsageError } from '../../model/errors.js';
import { isNetnsFault, NETNS_FAULT_NAMES, NETNS_FAULTS } from '../../targets/netns/faults.js';
import { parseTargetName, type TargetName, type TargetSpec } from '../../targets/spec.js';

export interface TargetFlags {
  target: string;
  context?: string;
  kubeconfig?: string;
  /** false with --no-ipblock-pod-ips; absent on commands without the flag. */
  ipblockPodIps?: boolean;
  simFault?: string;
  drop?: boolean;
  fault?: string;
  keep?: boolean;
  dumpRules?: string;
}

export function addTargetFlags(command: Command): Command {
  return command
    .addOption(new Option('--target <name>', 'where to run: sim, netns, cluster or cluster:CONTEXT').default('sim'))
    .option('--context <name>', 'cluster: kubeconfig context (default: the current context)')
    .option('--kubeconfig <file>', 'cluster: kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--no-ipblock-pod-ips', 'sim, netns: ipBlock peers do not match pod IPs (as Cilium); implementation-defined')
    .option('--drop', 'netns: drop denied packets instead of rejecting them (probes then time out)')
    .option('--keep', 'netns: keep the sandbox after the run, to enter it (it prints how; cleanup --target netns removes it)')
    .option('--dump-rules <dir>', "netns: write each pod's nftables ruleset, as applied, to DIR/<namespace>_<pod>.nft")
    .addOption(new Option('--fault <name>', 'netns: inject a known plugin bug into the data plane (listed below), to prove that fuzz finds bugs').choices(NETNS_FAULT_NAMES))
    .addOption(new Option('--sim-fault <fault>', `sim: simulate a known plugin bug (${Object.keys(ENGINE_FAULTS).join(', ')})`).hideHelp())
    .addHelpText('after', faultsHelp());
}

/** The faults with what each breaks, wrapped under its name so the lines stay within 80 columns. */
function faultsHelp(): string {
  const wrap = (text: string): string[] => {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
      if (line !== '' && line.length + 1 + word.length > 74) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    return [...lines, line];
  };
  const entries = NETNS_FAULT_NAMES.map((n) => [`  ${n}`, ...wrap(NETNS_FAULTS[n]).map((l) => `      ${l}`)].join('\n'));
  return `\nFaults of the netns target (--fault), each a known class of plugin bug:\n${entries.join('\n')}\n`;
}

/** The flags that were given, each with the targets it concerns. */
function givenFlags(flags: Omit<TargetFlags, 'target'>): { flag: string; targets: readonly TargetName[] }[] {
  const given: { flag: string; targets: readonly TargetName[] }[] = [];
  if (flags.ipblockPodIps === false) given.push({ flag: '--no-ipblock-pod-ips', targets: ['sim', 'netns'] });
  if (flags.drop) given.push({ flag: '--drop', targets: ['netns'] });
  if (flags.keep) given.push({ flag: '--keep', targets: ['netns'] });
  if (flags.dumpRules !== undefined) given.push({ flag: '--dump-rules', targets: ['netns'] });
  if (flags.simFault !== undefined) given.push({ flag: '--sim-fault', targets: ['sim'] });
  if (flags.fault !== undefined) given.push({ flag: '--fault', targets: ['netns'] });
  if (flags.context !== undefined) given.push({ flag: '--context', targets: ['cluster'] });
  if (flags.kubeconfig !== undefined) given.push({ flag: '--kubeconfig', targets: ['cluster'] });
  return given;
}

/** Throws when a given flag concerns none of the targets. */
export function checkFlagsConcern(flags: Omit<TargetFlags, 'target'>, targets: readonly TargetName[]): void {
  for (const { flag, targets: about } of givenFlags(flags)) {
    if (!targets.some((t) => about.includes(t))) {
      throw new UsageError(`${flag} is about the ${about.join(' and ')} target${about.length > 1 ? 's' : ''}; it does nothing on ${targets.join(', ')}`);
    }
  }
}

/** The target spec the flags describe, with the options of that target. */
export function targetSpecFrom(flags: TargetFlags): TargetSpec {
  const { name } = parseTargetName(flags.target);
  checkFlagsConcern(flags, [name]);
  return specFor(flags.target, flags);
}

/** One spec per --target (compare); each flag must concern at least one of them. */
export function targetSpecsFrom(targets: readonly string[], flags: Omit<TargetFlags, 'target'>): TargetSpec[] {
  checkFlagsConcern(flags, targets.map((t) => parseTargetName(t).name));
  return targets.map((target) => specFor(target, flags));
}

function specFor(target: string, flags: Omit<TargetFlags, 'target'>): TargetSpec {
  const fault = flags.simFault;
  if (fault !== undefined && !isEngineFault(fault)) {
    throw new UsageError(`unknown --sim-fault "${fault}"; choose one of ${Object.keys(ENGINE_FAULTS).join(', ')}`);
  }
  const { name, context } = parseTargetName(target);
  const podIps = flags.ipblockPodIps === false ? { ipBlockMatchesPodIps: false } : {};
  switch (name) {
    case 'sim':
      return { name, options: { ...podIps, ...(fault !== undefined ? { fault } : {}) } };
    case 'netns':
      return {
        name,
        options: {
          ...podIps,
          ...(flags.drop ? { denyAction: 'drop' as const } : {}),
          ...(flags.fault !== undefined && isNetnsFault(flags.fault) ? { fault: flags.fault } : {}),
          ...(flags.keep ? { keep: true } : {}),
          ...(flags.dumpRules !== undefined ? { dumpRules: resolve(flags.dumpRules) } : {}),
        },
      };
    case 'cluster': {
      const chosen = context ?? flags.context;
      return { name, options: { ...(chosen !== undefined ? { context: chosen } : {}), ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}) } };
    }
  }
}
