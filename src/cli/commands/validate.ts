// `validate`: check manifests as the API server would, one line per problem, before they are used.
import { Command, Option } from 'commander';
import { addInputFlags, checkInput, type InputFlags } from './cluster-input.js';
import { UsageError } from '../../model/errors.js';
import { formatProblem, type Problem } from '../../validate/problem.js';
import { EXIT, type CliContext } from '../context.js';
import { collect } from './repeatable.js';

interface ValidateFlags extends InputFlags {
  strictCidr?: boolean;
  unknownFields: 'error' | 'warn' | 'ignore';
}

const HELP = `
Reads Namespace (v1), Pod (v1), NetworkPolicy (networking.k8s.io/v1) and workload (Deployment,
ReplicaSet, StatefulSet, DaemonSet: apps/v1; ReplicationController: v1; Job, CronJob: batch/v1)
objects from YAML and JSON files and folders (multi-document files and Lists included), or from a
live cluster (--kubeconfig, read-only), and checks them as the API server and kubectl do:
the NetworkPolicy validation of Kubernetes (field paths and messages as upstream's), names and
labels, and strict decoding (unknown fields, wrong types: kubectl's default). Of a workload, its
pod template's containers, ports and labels and its replicas are checked. Objects of other kinds
(Service, ConfigMap, ...) are skipped and counted; --strict rejects them.

Prints one line per problem, FILE:LINE:COLUMN: KIND namespace/name: FIELD: MESSAGE, then a summary.
Warnings (accepted, but worth a look) start with "warning:".

Exit status: 0 all valid, 1 invalid input, 2 usage error.

Examples (in a checkout of netpol-conformance):
  netpol-conformance validate -f fixtures/validation/valid/            # a folder, searched recursively
  netpol-conformance validate -f fixtures/validation/host-bits.yaml    # rejected: host bits set in a CIDR
  netpol-conformance validate -f fixtures/validation/host-bits.yaml --no-strict-cidr   # accepted with a warning, as before Kubernetes 1.36
`;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** How many distinct objects (or unreadable files/documents) the problems are about. */
function countObjects(problems: readonly Problem[]): number {
  return new Set(problems.map((p) => `${p.source.file}#${p.source.document ?? 0}#${p.kind ?? ''}#${p.object}`)).size;
}

export function validateCommand(ctx: CliContext): Command {
  const command = new Command('validate')
    .description('validate manifests as the API server would: one line per problem; exit 1 when any')
    .argument('[paths...]', 'manifest files or folders (same as -f)')
    .option('-f, --file <path>', 'manifest file or folder, searched recursively for .yaml, .yml and .json (repeatable)', collect, [])
    .option('--strict-cidr', 'reject CIDRs and IPs with host bits set, leading zeros or IPv4-mapped IPv6 (default; Kubernetes >= 1.36)')
    .option('--no-strict-cidr', 'accept them with a warning, as API servers before 1.36 did')
    .addOption(
      new Option('--unknown-fields <mode>', 'fields the schema lacks: error (kubectl --validate=strict), warn or ignore')
        .choices(['error', 'warn', 'ignore'])
        .default('error'),
    )
    .addHelpText('after', HELP);
  return addInputFlags(command, { cluster: true, analysis: false }).action(async (paths: string[], flags: ValidateFlags) => {
    const files = [...flags.file, ...paths];
    if (files.length === 0 && flags.kubeconfig === undefined && flags.context === undefined) throw new UsageError('validate needs at least one manifest: -f PATH (or a live cluster: --kubeconfig FILE)');
    const warnings: string[] = [];
    const checked = await checkInput({ ...flags, file: files }, {
      strictCidr: flags.strictCidr ?? true,
      unknownFields: flags.unknownFields,
      unmodelledKinds: flags.strict ? 'error' : 'skip',
    }, (line) => warnings.push(line));
    const problems = [...checked.problems];
    if (checked.documents === 0 && problems.length === 0) {
      problems.push({ source: { file: files.join(', ') }, object: '', field: '', reason: 'Syntax', message: 'no objects found (looked for .yaml, .yml and .json files)' });
    }
    const skipped = checked.skipped.reduce((n, s) => n + s.count, 0);
    const lines = [...problems.map(formatProblem), ...warnings, ...checked.warnings.map((w) => `warning: ${formatProblem(w)}`)];
    const warned = checked.warnings.length > 0 ? ` (${plural(checked.warnings.length, 'warning')})` : '';
    const skipText = skipped > 0 ? `; ${plural(skipped, 'object')} skipped (${checked.skipped.map((k) => `${k.count} ${k.kind}`).join(', ')}): kinds this tool does not model` : '';
    lines.push(
      problems.length === 0
        ? `${plural(checked.documents - skipped, 'object')} valid${skipText}${warned}`
        : `${plural(problems.length, 'problem')} in ${plural(countObjects(problems), 'object')}${skipText}${warned}`,
    );
    ctx.io.out(`${lines.join('\n')}\n`);
    if (problems.length > 0) ctx.exitCode = EXIT.invalid;
  });
}
