// Parses features before a run: cucumber aborts a whole run on one Gherkin syntax error, so an
// unparsable file is reported on its own (file, line, message) and left out of the run instead.
import { resolve } from 'node:path';
import { loadSources } from '@cucumber/cucumber/api';

export interface SyntaxError {
  /** Absolute path of the feature file. */
  file: string;
  line: number;
  message: string;
}

export interface ParsedFeatures {
  /** Files (absolute) with at least one scenario cucumber would run, in cucumber's order. */
  runnable: string[];
  /** Scenarios per file (after Background and Examples expansion). */
  scenarios: Map<string, number>;
  errors: SyntaxError[];
}

/** `paths` as cucumber takes them: files, folders, `file.feature:12`. */
export async function parseFeatures(paths: readonly string[], cwd: string): Promise<ParsedFeatures> {
  const parsed: ParsedFeatures = { runnable: [], scenarios: new Map(), errors: [] };
  if (paths.length === 0) return parsed;
  const { plan, errors } = await loadSources({ defaultDialect: 'en', paths: [...paths], names: [], tagExpression: '', order: 'defined' }, { cwd });
  for (const pickle of plan) {
    const file = resolve(cwd, pickle.uri);
    if (!parsed.scenarios.has(file)) parsed.runnable.push(file);
    parsed.scenarios.set(file, (parsed.scenarios.get(file) ?? 0) + 1);
  }
  for (const error of errors) {
    // Messages start with `(line:column): `; the line is reported separately.
    parsed.errors.push({ file: resolve(cwd, error.uri), line: error.location.line, message: error.message.replace(/^\(\d+:\d+\):\s*/, '') });
  }
  return parsed;
}
