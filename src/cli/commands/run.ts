// `run`: the features on one target, cucumber's progress output, HTML and JUnit reports, and the
// conformance summary per tag. `npm run conformance` runs every feature on the default target.
import { Command } from 'commander';
import { formatKept } from '../../report/kept.js';
import { formatSummary } from '../../report/summary.js';
import { targetLabel } from '../../targets/spec.js';
import { EXIT, type CliContext } from '../context.js';
import { addConformanceReportFlags, parseImplementation, writeConformanceReport, type ConformanceReportFlags } from './conformance-report-flags.js';
import { checkFeaturePaths, checkFormat, checkTagExpression, CUCUMBER_FORMATS } from './suite-flags.js';
import { addTargetFlags, targetSpecFrom, type TargetFlags } from './target-flags.js';
import { collect } from './repeatable.js';

interface RunFlags extends TargetFlags, ConformanceReportFlags {
  tags?: string;
  name: string[];
  format: string[];
  reports?: string;
  failFast?: boolean;
}

export function runCommand(ctx: CliContext): Command {
  const command = new Command('run')
    .description('run features (default: all of features/) on a target and print the conformance summary')
    .argument('[paths...]', 'feature files or folders')
    .option('-t, --tags <expression>', 'only scenarios matching this cucumber tag expression, e.g. "@ingress and not @sctp"')
    .option('-n, --name <regexp>', 'only scenarios whose name matches (repeatable)', collect, [])
    .option('-f, --format <name>', `cucumber console format: ${CUCUMBER_FORMATS.join(', ')} (repeatable)`, collect, [])
    .option('--reports <dir>', 'where the HTML and JUnit reports go (default: reports/<target>)')
    .option('--fail-fast', 'stop at the first failing scenario');
  addTargetFlags(addConformanceReportFlags(command)).action(async (paths: string[], flags: RunFlags) => {
    const spec = targetSpecFrom(flags);
    checkFeaturePaths(paths);
    flags.format.forEach(checkFormat);
    if (flags.tags !== undefined) await checkTagExpression(flags.tags);
    const implementation = flags.conformanceReport !== undefined ? parseImplementation(flags, targetLabel(spec)) : undefined;
    // cucumber is loaded only when features run, not for every command.
    const { runSuite } = await import('../../runner/run-suite.js');
    const result = await runSuite({
      target: spec,
      paths,
      ...(flags.tags !== undefined ? { tags: flags.tags } : {}),
      names: flags.name,
      formats: flags.format.length > 0 ? flags.format : ['progress'],
      ...(flags.reports !== undefined ? { reportsDir: flags.reports } : {}),
      ...(flags.failFast ? { failFast: true } : {}),
    });
    ctx.io.out(formatSummary(result));
    if (result.kept) ctx.io.err(formatKept(result.kept));
    if (flags.conformanceReport !== undefined && implementation !== undefined) {
      const written = writeConformanceReport(flags.conformanceReport, result.scenarios, implementation);
      ctx.io.out(written ? `Conformance report (upstream format): ${written}\n` : 'No upstream conformance test ran: no conformance report written\n');
    }
    if (result.scenarios.length === 0 && (result.unparsed ?? []).length === 0) ctx.io.err('netpol-conformance: no scenario ran: check the paths and --tags\n');
    ctx.exitCode = result.success && result.scenarios.length > 0 ? EXIT.ok : EXIT.invalid;
  });
  return command;
}
