// Validates a lesson's manifests as the API server would (src/validate through the loader), one
// line per problem, naming the file, line, object and field.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { hasTemplates } from '../model/templates.js';
import { checkManifests } from '../validate/loader.js';
import { formatProblem, type Problem } from '../validate/problem.js';

/**
 * Each file is checked on its own: lessons often keep variants of one policy (same name, different
 * spec) in separate files, which are only duplicates when loaded together. Files with address
 * templates (`{{ip x/a}}`) are skipped: they only become manifests against a built topology, and
 * the scenario that applies them validates them then.
 */
export function manifestProblems(files: readonly string[], cwd: string = process.cwd()): string[] {
  const lines: string[] = [];
  for (const file of files) {
    if (usesTemplates(file)) continue;
    for (const problem of checkManifests([file]).problems) lines.push(formatProblem(shown(problem, cwd)));
  }
  return lines;
}

function usesTemplates(file: string): boolean {
  try {
    return hasTemplates(readFileSync(file, 'utf8'));
  } catch {
    return false; // unreadable: checkManifests says so
  }
}

function shown(problem: Problem, cwd: string): Problem {
  return { ...problem, source: { ...problem.source, file: relative(cwd, problem.source.file) || problem.source.file } };
}
