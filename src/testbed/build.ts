// Builds the test bed's binaries with one `go build` (one multi-call binary for every upstream
// component, plus agnhost and pause, statically linked for the images), reporting progress from
// `go build -v`, and skips the build when nothing it depends on changed since the last one.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { TargetError } from '../model/errors.js';

/** The packages built: testbed/cmd/testbed, testbed/cmd/pause and upstream's agnhost. */
export const GO_PACKAGES = ['./cmd/testbed', './cmd/pause', 'k8s.io/kubernetes/test/images/agnhost'] as const;
export const GO_FLAGS = ['-trimpath', '-ldflags=-s -w'] as const;
export const BINARIES = ['testbed', 'pause', 'agnhost'] as const;

function goFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...goFiles(path));
    else if (entry.name.endsWith('.go') || entry.name === 'go.mod' || entry.name === 'go.sum') out.push(path);
  }
  return out.sort();
}

/** What the binaries depend on: the Go version, the flags and every source file of the module. */
export async function sourceStamp(module: string, env: NodeJS.ProcessEnv): Promise<string> {
  const hash = createHash('sha256');
  const version = await execa('go', ['env', 'GOVERSION'], { env, reject: false });
  hash.update(`${version.stdout.trim()}\n${GO_FLAGS.join(' ')}\n${GO_PACKAGES.join(' ')}\n`);
  for (const file of goFiles(module)) hash.update(`${relative(module, file)}\n`).update(readFileSync(file));
  return hash.digest('hex');
}

export function stampFile(bin: string): string {
  return join(bin, '.stamp');
}

export function upToDate(bin: string, stamp: string): boolean {
  return BINARIES.every((b) => existsSync(join(bin, b))) && existsSync(stampFile(bin)) && readFileSync(stampFile(bin), 'utf8') === stamp;
}

/** `go build -v` in the module; one progress line every `everyMs`. Returns the time it took. */
export async function goBuild(module: string, bin: string, env: NodeJS.ProcessEnv, log: (line: string) => void, everyMs = 20_000): Promise<number> {
  const started = Date.now();
  const buildEnv = { ...env, CGO_ENABLED: '0' };
  const listed = await execa('go', ['list', '-deps', ...GO_PACKAGES], { cwd: module, env: buildEnv, reject: false });
  if (listed.exitCode !== 0) throw new TargetError(`go list in ${module} failed: ${listed.stderr.trim().split('\n').at(-1) ?? ''}`);
  const total = listed.stdout.trim().split('\n').length;
  let compiled = 0;
  const errors: string[] = [];
  const child = execa('go', ['build', '-v', ...GO_FLAGS, '-o', `${bin}/`, ...GO_PACKAGES], { cwd: module, env: buildEnv, reject: false, stdout: 'ignore', lines: false });
  let last = Date.now();
  child.stderr?.setEncoding('utf8');
  let pending = '';
  child.stderr?.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (/^[\w.\-/]+$/.test(line.trim())) compiled++;
      else if (line.trim() !== '') errors.push(line.trim());
    }
    if (Date.now() - last >= everyMs) {
      last = Date.now();
      log(`building: ${compiled} of at most ${total} packages compiled (${Math.round((Date.now() - started) / 1000)} s)`);
    }
  });
  const result = await child;
  if (result.exitCode !== 0) {
    const first = errors.find((e) => !e.startsWith('#')) ?? errors[0] ?? 'no message';
    throw new TargetError(`go build in ${module} failed: ${first}`);
  }
  return Date.now() - started;
}

export function writeStamp(bin: string, stamp: string): void {
  writeFileSync(stampFile(bin), stamp);
}
