// `lint`: manifests that are valid but very likely not what was meant. One line per finding with
// file, line, object and field; exit 0 with findings, 1 with --fail-on-warning (or invalid input).
import { Command } from 'commander';
import { policyKey } from '../../model/api.js';
import { clusterPolicyId, isClusterPolicy, type ClusterPolicy } from '../../model/cluster-policy.js';
import { buildTopology } from '../../model/build-topology.js';
import { UsageError } from '../../model/errors.js';
import { formatLocation } from '../../validate/problem.js';
import { closestName } from '../../validate/schema.js';
import { addInputFlags, readObjects, type InputFlags } from './cluster-input.js';
import { LINT_CHECKS, lint, type LintPolicy, type LintWarning } from '../../lint/index.js';
import { EXIT, type CliContext } from '../context.js';
import { collect } from './repeatable.js';

interface LintFlags extends InputFlags {
  failOnWarning?: boolean;
  disable: string[];
}

/** The checks --disable names, each one of LINT_CHECKS (a typo is a usage error, with the closest name). */
function disabledChecks(names: readonly string[]): Set<string> {
  const known = Object.keys(LINT_CHECKS);
  for (const name of names) {
    if (known.includes(name)) continue;
    const closest = closestName(name, known);
    throw new UsageError(`--disable ${name}: no such check${closest ? ` (did you mean ${closest}?)` : ''}; the checks are ${known.join(', ')}`);
  }
  return new Set(names);
}

const HELP = `
Checks (each finding names its file, line, policy and field):
${Object.entries(LINT_CHECKS)
  .map(([name, { about }]) => `  ${name.padEnd(Math.max(...Object.keys(LINT_CHECKS).map((n) => n.length)) + 2)}${about}`)
  .join('\n')}

Manifests are first validated as the API server would (an ipBlock except outside its cidr, say,
is an error there, and so here). Exit status: 0 (findings are warnings), 1 with --fail-on-warning
when there is a finding, or when the input is invalid; 2 usage error.

Example (in a checkout of netpol-conformance):
  netpol-conformance lint -f examples/shop/   # a warning per finding, and per kind of object it skips
  netpol-conformance lint -f examples/shop/ --disable egress-blocks-dns   # no finding left: a warning per skipped kind
`;

export function formatLintWarning(w: LintWarning): string {
  const at = w.policy.locate?.(w.field);
  const { policy } = w.policy;
  const name = policy.kind === 'NetworkPolicy' ? `${policy.metadata.namespace}/${policy.metadata.name}` : policy.metadata.name;
  return `warning: ${formatLocation(w.policy.source, at?.line, at?.column)}: ${policy.kind} ${name}: ${w.field}: ${w.message} [${w.check}]`;
}

export function lintCommand(ctx: CliContext): Command {
  const command = new Command('lint')
    .description('warn about policies that are valid but likely wrong: selecting nothing, blocking DNS, redundant rules, ...')
    .argument('[paths...]', 'manifest files or folders (same as -f)')
    .option('-f, --file <path>', 'manifest file or folder (repeatable)', collect, [])
    .option('--fail-on-warning', 'exit 1 when there is any finding')
    .option('--disable <check>', 'leave out a check, by the name printed in brackets after each finding (repeatable)', collect, [])
    .addHelpText('after', HELP);
  return addInputFlags(command, { cluster: true, analysis: true }).action(async (paths: string[], flags: LintFlags) => {
    const files = [...flags.file, ...paths];
    const disabled = disabledChecks(flags.disable);
    const validation: string[] = [];
    // Same-priority overlaps are judged on the input's connections by a check of lint's own.
    const { loaded } = await readObjects({ ...flags, file: files }, (line) => validation.push(line), { tierOverlaps: 'leave' });
    const topology = buildTopology(loaded.map((l) => l.object));
    // Policies with the same name replace each other in file order, as `kubectl apply` would.
    const policies = new Map<string, LintPolicy>();
    const clusterPolicies = new Map<string, LintPolicy<ClusterPolicy>>();
    for (const l of loaded) {
      const where = { source: l.source, ...(l.locate ? { locate: l.locate } : {}) };
      if (l.object.kind === 'NetworkPolicy') policies.set(policyKey(l.object), { policy: l.object, ...where });
      if (isClusterPolicy(l.object)) clusterPolicies.set(clusterPolicyId(l.object), { policy: l.object, ...where });
    }
    const findings = lint({ topology, policies: [...policies.values()], clusterPolicies: [...clusterPolicies.values()] }, disabled);
    const lines = [...validation, ...findings.map(formatLintWarning)];
    const count = policies.size + clusterPolicies.size;
    lines.push(findings.length === 0 ? `${count} policies: no findings` : `${findings.length} finding${findings.length === 1 ? '' : 's'} in ${count} policies`);
    ctx.io.out(`${lines.join('\n')}\n`);
    ctx.exitCode = flags.failOnWarning && findings.length > 0 ? EXIT.invalid : EXIT.ok;
  });
}
