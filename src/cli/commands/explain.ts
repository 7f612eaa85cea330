// `explain`: the verdict on one flow and the policies and rules behind it.
import { Command, Option } from 'commander';
import { createEngine } from '../../engine/index.js';
import { UsageError } from '../../model/errors.js';
import { formatExplanation } from '../../report/explanation.js';
import type { CliContext } from '../context.js';
import { addInputFlags, parsePortFlag, readClusterInput, type InputFlags } from './cluster-input.js';
import { endpointIds, servesPort } from '../../model/topology.js';
import { resolveEndpointName } from '../../model/workloads.js';
import { hostNetworkNotes } from '../../report/host-network.js';
import { collect } from './repeatable.js';

interface ExplainFlags extends InputFlags {
  from: string;
  to: string;
  port: string;
  external: string[];
  output: 'text' | 'json';
  ipblockPodIps: boolean;
}

export function explainCommand(ctx: CliContext): Command {
  const command = new Command('explain')
    .description('explain whether one flow is allowed, and which policies and rules decide it')
    .option('-f, --file <path>', 'manifest file or folder: Namespaces, Pods, workloads, NetworkPolicies; YAML or JSON (repeatable)', collect, [])
    .requiredOption('--from <endpoint>', 'source: namespace/pod (or namespace/workload) or an external host name')
    .requiredOption('--to <endpoint>', 'destination: namespace/pod (or namespace/workload) or an external host name')
    .requiredOption('-p, --port <port/proto>', 'destination port with its protocol, e.g. 3306/TCP')
    .option('-e, --external <name=ip>', 'an external host, e.g. backup=192.168.5.10 (repeatable)', collect, [])
    .option('--no-ipblock-pod-ips', 'ipBlock peers do not match pod IPs (implementation-defined)')
    .addOption(new Option('-o, --output <format>', 'text or json').choices(['text', 'json']).default('text'));
  return addInputFlags(command, { cluster: true, analysis: true }).action(async (flags: ExplainFlags) => {
    const port = parsePortFlag(flags.port);
    const { topology, policies, clusterPolicies } = await readClusterInput(flags, flags.external, [port], (line) => ctx.io.err(`${line}\n`));
    const ids = endpointIds(topology);
    const resolve = (name: string, flag: string): string => {
      const found = resolveEndpointName(ids, name);
      if ('ambiguous' in found) throw new UsageError(`${flag} "${name}" could be ${found.ambiguous.join(' or ')}: give the full name`);
      return found.id;
    };
    const from = resolve(flags.from, '--from');
    const to = resolve(flags.to, '--to');
    if (from === to) throw new UsageError('--from and --to name the same endpoint');
    const engine = createEngine({ topology, policies, clusterPolicies }, { ipBlockMatchesPodIps: flags.ipblockPodIps });
    const verdict = engine.verdict({ from, to, port: port.port, protocol: port.protocol });
    const notes = hostNetworkNotes(topology, verdict.flow);
    // Allowed by policy is not the same as reachable: the destination must also listen there.
    const served = servesPort(topology, to, port);
    if (flags.output === 'json') ctx.io.out(`${JSON.stringify({ ...verdict, served, ...(notes.length > 0 ? { notes } : {}) }, null, 2)}\n`);
    else ctx.io.out(`${formatExplanation(verdict, policies, clusterPolicies, { topology, ipBlockMatchesPodIps: flags.ipblockPodIps })}${notes.map((n) => `\n${n}\n`).join('')}`);
  });
}
