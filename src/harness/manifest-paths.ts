// Where a step looks for a manifest it names: the feature file's folder first (a lesson folder
// holds its own manifests), then the current directory, then the project's root (the project's
// own features name fixtures/... wherever they are run from).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';

/** The places a step looks for a path, in order. */
export function candidatePaths(featureFile: string, path: string, cwd: string): string[] {
  return [...new Set([resolve(dirname(featureFile), path), resolve(cwd, path), resolve(PROJECT_ROOT, path)])];
}

/** The file or directory the step will read, or undefined when there is none. */
export function resolveReference(featureFile: string, path: string, cwd: string): string | undefined {
  return candidatePaths(featureFile, path, cwd).find((candidate) => existsSync(candidate));
}
