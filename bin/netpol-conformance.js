#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so there is no build step to forget. On a node
// older than 22 it re-runs itself with the Node 24 that the set-up installed into .tools/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  const node24 = fileURLToPath(new URL('../.tools/node_modules/.bin/node', import.meta.url));
  if (!existsSync(node24)) {
    process.stderr.write(`netpol-conformance: needs Node >= 22 (this is ${process.version}); run npm run setup first\n`);
    process.exit(3);
  }
  const child = spawnSync(node24, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
