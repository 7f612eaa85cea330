#!/usr/bin/env node
// The `netpol-conformance` command. On a node older than 22 it runs itself again with the Node 24
// that the set-up installed into .tools/, passes signals on to it and exits as it does. Then it
// runs the CLI built to JavaScript (bin/build.js), rebuilding it first when the sources changed
// since the last build; when it cannot build, it runs the sources through tsx and says so.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  const node24 = fileURLToPath(new URL('../.tools/node_modules/.bin/node', import.meta.url));
  if (!existsSync(node24)) {
    process.stderr.write(`netpol-conformance: needs Node >= 22 (this is ${process.version}); run npm run setup first\n`);
    process.exit(3);
  }
  const child = spawn(node24, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  const forward = (/** @type {NodeJS.Signals} */ signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  // Whoever signals this process (a terminal's Ctrl-C, kill) means the child: it gets the signal
  // too, and this process ends only when the child has ended.
  for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'])) process.on(signal, () => forward(signal));
  child.on('error', (error) => {
    process.stderr.write(`netpol-conformance: cannot start ${node24}: ${error.message}\n`);
    process.exit(3);
  });
  child.on('exit', (code, signal) => {
    if (signal === null) process.exit(code ?? 1);
    // Die of the same signal, so a shell sees the same status (130 for SIGINT).
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
} else {
  // V8 keeps the compiled code of the CLI and its libraries on disk: later starts skip compiling.
  (await import('node:module')).enableCompileCache?.();
  const { build, currentEntry, firstLine } = await import('./build.js');
  let entry = currentEntry();
  if (entry === undefined) {
    try {
      entry = await build();
    } catch (error) {
      process.stderr.write(`netpol-conformance: the sources changed since the CLI was built and rebuilding failed (${firstLine(error)}); running the sources through tsx\n`);
      const { register } = await import('tsx/esm/api');
      register();
      entry = new URL('../src/cli/main.ts', import.meta.url).href;
    }
  }
  const { main } = await import(entry);
  process.exitCode = await main(process.argv.slice(2));
}

