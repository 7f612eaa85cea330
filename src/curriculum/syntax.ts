// Parses the lessons' features before the run: cucumber aborts a whole run on one Gherkin syntax
// error, so an unparsable lesson is reported on its own line and left out of the run instead.
import { resolve } from 'node:path';
import { loadSources } from '@cucumber/cucumber/api';

export interface FeatureSyntax {
  /** Scenarios cucumber would run (after Background and Examples expansion). */
  scenarios: number;
  errors: { line: number; message: string }[];
}

export async function parseFeatures(features: readonly string[], cwd: string): Promise<Map<string, FeatureSyntax>> {
  const byFeature = new Map<string, FeatureSyntax>(features.map((f) => [f, { scenarios: 0, errors: [] }]));
  if (features.length === 0) return byFeature;
  const { plan, errors } = await loadSources(
    { defaultDialect: 'en', paths: [...features], names: [], tagExpression: '', order: 'defined' },
    { cwd },
  );
  const entry = (uri: string): FeatureSyntax | undefined => byFeature.get(resolve(cwd, uri));
  for (const pickle of plan) {
    const found = entry(pickle.uri);
    if (found) found.scenarios++;
  }
  for (const error of errors) {
    // Messages start with `(line:column): `; the line is reported separately.
    entry(error.uri)?.errors.push({ line: error.location.line, message: error.message.replace(/^\(\d+:\d+\):\s*/, '') });
  }
  return byFeature;
}
