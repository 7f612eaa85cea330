// `explain`: the verdict on one flow and the policies and rules behind it.
import { Command, Option } from 'commander';
import { createEngine } from '../../engine/index.js';
import { UsageError } from '../../model/errors.js';
import { formatExplanation } from '../../report/explanation.js';
import type { CliContext } from '../context.js';
import { parsePortFlag, readClusterInput } from './cluster-input.js';
import { collect } from './repeatable.js';

interface ExplainFlags {
  file: string[];
  from: string;
  to: string;
  port: string;
  external: string[];
  output: 'text' | 'json';
  ipblockPodIps: boolean;
}

export function explainCommand(ctx: CliContext): Command {
  return new Command('explain')
    .description('explain whether one flow is allowed, and which policies and rules decide it')
    .requiredOption('-f, --file <path>', 'manifest file or folder (repeatable)', collect, [])
    .requiredOption('--from <endpoint>', 'source: namespace/pod or an external host name')
    .requiredOption('--to <endpoint>', 'destination: namespace/pod or an external host name')
    .requiredOption('-p, --port <port/proto>', 'destination port, e.g. 3306/TCP')
    .option('-e, --external <name=ip>', 'an external host, e.g. backup=192.168.5.10 (repeatable)', collect, [])
    .option('--no-ipblock-pod-ips', 'ipBlock peers do not match pod IPs (implementation-defined)')
    .addOption(new Option('-o, --output <format>', 'text or json').choices(['text', 'json']).default('text'))
    .action((flags: ExplainFlags) => {
      const port = parsePortFlag(flags.port);
      if (flags.from === flags.to) throw new UsageError('--from and --to name the same endpoint');
      const { topology, policies } = readClusterInput(flags.file, flags.external, [port]);
      const engine = createEngine({ topology, policies }, { ipBlockMatchesPodIps: flags.ipblockPodIps });
      const verdict = engine.verdict({ from: flags.from, to: flags.to, port: port.port, protocol: port.protocol });
      ctx.io.out(flags.output === 'json' ? `${JSON.stringify(verdict, null, 2)}\n` : formatExplanation(verdict, policies));
    });
}
