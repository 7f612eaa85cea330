// `compare`: one suite (or the given features) on several targets, then reports/compare.md,
// compare.html and compare.json. Divergences from sim (the spec) are the headline.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { UsageError } from '../../model/errors.js';
import { compareHtml } from '../../report/compare-html.js';
import { compareJson } from '../../report/compare-json.js';
import { compareMarkdown } from '../../report/compare-md.js';
import { buildComparison, type Comparison } from '../../report/compare-model.js';
import type { RunSuiteOptions, SuiteResult } from '../../runner/run-suite.js';
import { targetLabel, type TargetSpec } from '../../targets/spec.js';
import { EXIT, type CliContext } from '../context.js';
import { parseImplementation, writeConformanceReport } from './conformance-report-flags.js';
import { checkFeaturePaths, checkTagExpression } from './suite-flags.js';
import { targetSpecsFrom } from './target-flags.js';
import { collect } from './repeatable.js';

interface CompareFlags {
  target: string[];
  tags?: string;
  kubeconfig?: string;
  ipblockPodIps: boolean;
  drop?: boolean;
  reports: string;
  strict?: boolean;
}

/** The three report files, written side by side. Returns their paths. */
export function writeComparison(dir: string, comparison: Comparison): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ['compare.md', compareMarkdown(comparison)],
    ['compare.html', compareHtml(comparison, dir)],
    ['compare.json', compareJson(comparison)],
  ];
  return files.map(([name, text]) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  });
}

/** A conformance report per target that ran upstream tests: `conformance-<target>.yaml` beside the comparison. */
function conformanceReports(dir: string, results: readonly SuiteResult[]): { target: string; file: string }[] {
  return results.flatMap((result) => {
    const file = `conformance-${result.target.replace(/[^a-z0-9.-]+/gi, '_')}.yaml`;
    const written = writeConformanceReport(join(dir, file), result.scenarios, parseImplementation({ contact: [] }, result.target));
    return written ? [{ target: result.target, file }] : [];
  });
}

export type SuiteRunner = (options: RunSuiteOptions) => Promise<SuiteResult>;
export type Preflight = (specs: readonly TargetSpec[]) => Promise<void>;

/** Creates each target (which checks its tools, permissions or cluster) and tears it down again. */
async function startAndStop(specs: readonly TargetSpec[]): Promise<void> {
  const { createTarget } = await import('../../targets/index.js');
  for (const spec of specs) {
    const target = await createTarget(spec);
    await target.down();
  }
}

/** `suite` and `preflight` stand in for runSuite and the target checks in tests. */
export function compareCommand(ctx: CliContext, suite?: SuiteRunner, preflight?: Preflight): Command {
  return new Command('compare')
    .description('run the suite on several targets and write reports/compare.{md,html,json}: scenario x target, divergences from sim first')
    .argument('[paths...]', 'feature files or folders (default: all of features/)')
    .option('--target <name>', 'a target: sim, netns, cluster or cluster:CONTEXT (repeat, at least twice)', collect, [])
    .option('-t, --tags <expression>', 'only scenarios matching this cucumber tag expression')
    .option('--kubeconfig <file>', 'kubeconfig for the cluster targets (default: $KUBECONFIG or ~/.kube/config)')
    .option('--no-ipblock-pod-ips', 'sim, netns: ipBlock peers do not match pod IPs (as Cilium); implementation-defined')
    .option('--drop', 'netns: drop denied packets instead of rejecting them (probes then time out)')
    .option('--reports <dir>', 'where the comparison goes', 'reports')
    .option('--strict', 'exit 1 when any target diverges from sim')
    .action(async (paths: string[], flags: CompareFlags) => {
      if (flags.target.length < 2) throw new UsageError('give at least two --target options to compare, e.g. --target sim --target cluster:kind-calico');
      const specs: TargetSpec[] = targetSpecsFrom(flags.target, {
        ipblockPodIps: flags.ipblockPodIps,
        ...(flags.drop ? { drop: true } : {}),
        ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
      });
      const seen = new Set<string>();
      for (const t of flags.target) {
        if (seen.has(t)) throw new UsageError(`--target ${t} is given twice`);
        seen.add(t);
      }
      checkFeaturePaths(paths);
      if (flags.tags !== undefined) await checkTagExpression(flags.tags);
      // Every target must be able to start before any runs: a cluster that cannot be reached is
      // found out now, not after the whole suite ran on the others.
      await (preflight ?? startAndStop)(specs);
      const run = suite ?? (await import('../../runner/run-suite.js')).runSuite;
      const results: SuiteResult[] = [];
      for (const target of specs) {
        ctx.io.err(`running on ${targetLabel(target)}...\n`);
        const statesDir = join(resolve(flags.reports), 'states', targetLabel(target).replace(/[^a-z0-9.-]+/gi, '_'));
        const result = await run({ target, paths, quiet: true, statesDir, ...(flags.tags !== undefined ? { tags: flags.tags } : {}) });
        const c = buildComparison([result]).totals[0];
        ctx.io.err(`  ${result.target}: ${c?.passed ?? 0} passed, ${c?.failed ?? 0} failed, ${c?.skipped ?? 0} skipped${c?.other ? `, ${c.other} other` : ''}\n`);
        results.push(result);
      }
      if (results.every((r) => r.scenarios.length === 0)) throw new UsageError('no scenario ran on any target: check the paths and --tags');
      const comparison = buildComparison(results);
      const reports = conformanceReports(resolve(flags.reports), results);
      if (reports.length > 0) comparison.conformanceReports = reports;
      const files = writeComparison(resolve(flags.reports), comparison);
      const baseline = comparison.baseline !== undefined ? comparison.targets[comparison.baseline] : undefined;
      ctx.io.out(
        baseline === undefined
          ? 'no sim baseline among the targets: no divergences computed\n'
          : `${comparison.divergences.length} divergence${comparison.divergences.length === 1 ? '' : 's'} from ${baseline}\n`,
      );
      for (const d of comparison.divergences) ctx.io.out(`  ${d.target}: ${d.row.name} (${d.row.uri}:${d.row.line}) ${d.baseline} on ${baseline}, ${d.status} here\n`);
      for (const file of files) ctx.io.out(`wrote ${file}\n`);
      ctx.exitCode = flags.strict && comparison.divergences.length > 0 ? EXIT.invalid : EXIT.ok;
    });
}
