// What a user's shell has: PATH without this project's own node (.tools/) and tools
// (node_modules/.bin), which `npm test` puts first. Commands a user types run with it.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root.js';

export function userPath(pathEnv: string = process.env.PATH ?? ''): string {
  return pathEnv
    .split(delimiter)
    .filter((dir) => dir !== '' && !dir.startsWith(PROJECT_ROOT))
    .join(delimiter);
}

/** The node a user's shell runs, or undefined when PATH has none. */
export function userNode(): string | undefined {
  return userPath().split(delimiter).map((dir) => join(dir, 'node')).find((file) => existsSync(file));
}

/** The environment of a user's shell in this checkout: no npm variables of the test run. */
export function userEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_') && !key.startsWith('NODE_')));
  return { ...env, PATH: userPath() };
}
