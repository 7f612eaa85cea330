// The repository root: cucumber.js, steps/, support/ and the project's fixtures/ live there. Found
// by walking up to package.json, so it is the same from the sources (src/) and from the built CLI
// (dist/<build>/, see bin/build.js).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`netpol-conformance: no package.json above ${start}`);
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
