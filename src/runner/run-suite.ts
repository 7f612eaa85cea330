// Runs features on one target through cucumber's own API and returns what happened to every
// scenario, so commands (run, compare, curriculum check) can report on it. cucumber's formatters
// write the progress output and the HTML and JUnit reports.
import { mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';
import { Writable } from 'node:stream';
import { loadConfiguration, runCucumber, type IRunResult } from '@cucumber/cucumber/api';
import { targetLabel, type TargetSpec } from '../targets/spec.js';
import { acquireTarget, takeKept } from './target-session.js';
import type { KeptState } from '../targets/target.js';
import { builtSupport, stepHintsModule } from './support-code.js';
import { consoleFor } from './console-output.js';
import { parseFeatures, type SyntaxError } from './feature-syntax.js';
import { collectScenarios, type Envelope, type ScenarioResult } from './scenario-results.js';

export type { ScenarioResult, ScenarioStatus } from './scenario-results.js';

export { PROJECT_ROOT };

export interface RunSuiteOptions {
  target: TargetSpec;
  /** Feature files or folders; default: every feature under features/. */
  paths?: readonly string[];
  tags?: string;
  names?: readonly string[];
  /** cucumber formats for the console, e.g. `progress` or `pretty`; default `progress`. */
  formats?: readonly string[];
  /** Where the HTML and JUnit reports go; default reports/<target>. */
  reportsDir?: string;
  /** Write a JUnit report to this file (in addition to the reports folder). */
  junitFile?: string;
  /** Where failing claims write their scenario's state page; default `<reportsDir>/states` (none when quiet). */
  statesDir?: string;
  /** No console formatter, no reports folder and cucumber's output discarded (the caller reports). */
  quiet?: boolean;
  failFast?: boolean;
  stdout?: Writable;
  stderr?: Writable;
}

export interface SuiteResult {
  target: string;
  success: boolean;
  scenarios: ScenarioResult[];
  /** Feature files left out of the run because they do not parse (the run then fails). */
  unparsed?: SyntaxError[];
  /** What the target kept after the run (netns `--keep`). */
  kept?: KeptState;
  reportsDir?: string;
}

/** Support code is loaded once per process: ESM modules do not register their steps twice. */
let loadedSupport: IRunResult['support'] | undefined;

/** A stream that drops what is written to it. */
export function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

export async function runSuite(options: RunSuiteOptions): Promise<SuiteResult> {
  const label = targetLabel(options.target);
  const given = options.paths && options.paths.length > 0 ? options.paths.map((p) => resolve(p)) : [join(PROJECT_ROOT, 'features')];
  // One file with a Gherkin syntax error would abort cucumber's whole run: run the others.
  const parsed = await parseFeatures(given, process.cwd());
  const paths = parsed.errors.length > 0 ? parsed.runnable : given;
  // Create the target before cucumber starts, so a machine or cluster that cannot run it fails once,
  // with one clear line, instead of in every scenario (and before any report folder is made). The
  // features' hooks reuse this instance.
  await acquireTarget(options.target);
  const reportsDir = options.quiet ? undefined : resolve(options.reportsDir ?? join('reports', label.replace(/[^a-z0-9.-]+/gi, '_')));
  const formats: (string | [string, string])[] = options.quiet ? [] : [...(options.formats ?? ['progress'])];
  if (reportsDir) {
    mkdirSync(reportsDir, { recursive: true });
    formats.push(['html', join(reportsDir, 'cucumber.html')], ['junit', join(reportsDir, 'junit.xml')]);
  }
  if (options.junitFile) {
    mkdirSync(dirname(resolve(options.junitFile)), { recursive: true });
    formats.push(['junit', resolve(options.junitFile)]);
  }
  const statesDir = options.statesDir ?? (reportsDir ? join(reportsDir, 'states') : undefined);
  if (paths.length === 0) return { target: label, success: false, scenarios: [], unparsed: parsed.errors, ...(reportsDir ? { reportsDir } : {}) };
  // The built CLI brings compiled support code; from the sources, cucumber.js names the TypeScript.
  const compiled = builtSupport();
  // Step locations in cucumber's output then name support/ and steps/, not the compiled copies.
  if (compiled) process.setSourceMapsEnabled(true);
  const { runConfiguration } = await loadConfiguration(
    {
      // cucumber resolves the configuration file against its cwd: the user's directory, so that
      // feature paths and scenario locations read as the user typed them.
      file: compiled ? false : relative(process.cwd(), join(PROJECT_ROOT, 'cucumber.js')),
      provided: {
        ...(compiled ? { import: compiled } : {}),
        paths,
        format: formats,
        formatOptions: { snippetSyntax: stepHintsModule(PROJECT_ROOT), junit: { suiteName: `netpol-conformance (${label})` } },
        // The spec is JSON by construction: it reaches the features' hooks whole.
        worldParameters: { target: options.target, ...(statesDir !== undefined ? { statesDir: resolve(statesDir) } : {}) },
        ...(options.tags ? { tags: options.tags } : {}),
        ...(options.names && options.names.length > 0 ? { name: [...options.names] } : {}),
        ...(options.failFast ? { failFast: true } : {}),
      },
    },
    { cwd: process.cwd() },
  );
  const envelopes: Envelope[] = [];
  const result = await runCucumber(
    loadedSupport ? { ...runConfiguration, support: loadedSupport } : runConfiguration,
    {
      cwd: process.cwd(),
      // cucumber falls back to its progress formatter when given none: a quiet run discards it.
      stdout: options.quiet && !options.stdout ? discard() : consoleFor(options.stdout ?? process.stdout),
      ...(options.stderr ? { stderr: options.stderr } : {}),
    },
    (envelope) => void envelopes.push(envelope),
  );
  loadedSupport = result.support;
  const kept = takeKept();
  return {
    ...(kept ? { kept } : {}),
    target: label,
    success: result.success && parsed.errors.length === 0,
    scenarios: collectScenarios(envelopes, process.cwd()),
    unparsed: parsed.errors,
    ...(reportsDir ? { reportsDir } : {}),
  };
}
