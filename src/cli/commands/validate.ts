// `validate`: check manifests as the API server would, one line per problem, before they are used.
import { Command, Option } from 'commander';
import { checkManifests } from '../../validate/loader.js';
import { UsageError } from '../../model/errors.js';
import { formatProblem, type Problem } from '../../validate/problem.js';
import { EXIT, type CliContext } from '../context.js';
import { collect } from './repeatable.js';

interface ValidateFlags {
  file: string[];
  strictCidr?: boolean;
  unknownFields: 'error' | 'warn' | 'ignore';
}

const HELP = `
Reads Namespace (v1), Pod (v1) and NetworkPolicy (networking.k8s.io/v1) objects from YAML files and
folders (multi-document files and Lists included) and checks them as the API server and kubectl do:
the NetworkPolicy validation of Kubernetes (field paths and messages as upstream's), names and
labels, and strict decoding (unknown fields, wrong types: kubectl's default).

Prints one line per problem, FILE:LINE:COLUMN: KIND namespace/name: FIELD: MESSAGE, then a summary.
Warnings (accepted, but worth a look) start with "warning:".

Exit status: 0 all valid, 1 invalid input, 2 usage error.

Examples:
  netpol-conformance validate -f fixtures/lessons/network-policies/
  netpol-conformance validate -f policy.yaml --no-strict-cidr   # as a Kubernetes < 1.36 API server
`;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** How many distinct objects (or unreadable files/documents) the problems are about. */
function countObjects(problems: readonly Problem[]): number {
  return new Set(problems.map((p) => `${p.source.file}#${p.source.document ?? 0}#${p.kind ?? ''}#${p.object}`)).size;
}

export function validateCommand(ctx: CliContext): Command {
  return new Command('validate')
    .description('validate manifests as the API server would: one line per problem; exit 1 when any')
    .argument('[paths...]', 'manifest files or folders (same as -f)')
    .option('-f, --file <path>', 'manifest file or folder, searched recursively for .yaml/.yml (repeatable)', collect, [])
    .option('--strict-cidr', 'reject CIDRs and IPs with host bits set, leading zeros or IPv4-mapped IPv6 (default; Kubernetes >= 1.36)')
    .option('--no-strict-cidr', 'accept them with a warning, as API servers before 1.36 did')
    .addOption(
      new Option('--unknown-fields <mode>', 'fields the schema lacks: error (kubectl --validate=strict), warn or ignore')
        .choices(['error', 'warn', 'ignore'])
        .default('error'),
    )
    .addHelpText('after', HELP)
    .action((paths: string[], flags: ValidateFlags) => {
      const files = [...flags.file, ...paths];
      if (files.length === 0) throw new UsageError('validate needs at least one manifest: -f PATH');
      const checked = checkManifests(files, {
        strictCidr: flags.strictCidr ?? true,
        unknownFields: flags.unknownFields,
      });
      const problems = [...checked.problems];
      if (checked.documents === 0 && problems.length === 0) {
        problems.push({ source: { file: files.join(', ') }, object: '', field: '', reason: 'Syntax', message: 'no objects found (looked for .yaml and .yml files)' });
      }
      const lines = [...problems.map(formatProblem), ...checked.warnings.map((w) => `warning: ${formatProblem(w)}`)];
      const warnings = checked.warnings.length > 0 ? ` (${plural(checked.warnings.length, 'warning')})` : '';
      lines.push(
        problems.length === 0
          ? `${plural(checked.objects.length, 'object')} valid${warnings}`
          : `${plural(problems.length, 'problem')} in ${plural(countObjects(problems), 'object')}${warnings}`,
      );
      ctx.io.out(`${lines.join('\n')}\n`);
      if (problems.length > 0) ctx.exitCode = EXIT.invalid;
    });
}
