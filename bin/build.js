// The CLI built to JavaScript once, so a command starts in a fraction of a second instead of
// compiling TypeScript first. `npm run setup` and `npm test` build it; the `netpol-conformance`
// command checks before every start that the build matches the sources (path, size and mtime of
// every file under src/, steps/ and support/, and this file) and rebuilds when it does not, so a
// stale build never runs.
//
// Layout: dist/<build id>/cli.js (the command), dist/<build id>/support/*.js and steps/*.js (the
// cucumber support code, sharing its modules with cli.js through common chunks, so a run and its
// hooks see one target session), and dist/current.json naming the current build and the sources it
// was built from. A new build goes to a new folder and current.json is replaced atomically, so a
// command that is starting never sees half a build. Plain JavaScript: it must run before anything
// is built. `node bin/build.js` builds when the build is stale; `--force` always.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const CURRENT = join(DIST, 'current.json');
const SOURCE_DIRS = ['src', 'steps', 'support'];
const SOURCE_FILES = ['bin/build.js'];
/** Builds older than this that are no longer current are removed (a command may still run from one). */
const KEEP_OLD_MS = 10 * 60_000;

/** @typedef {{ dir: string, sources: Record<string, string> }} Current */

/** Every source file the build depends on, with `size:mtime`, keyed by path relative to the root. */
export function sourceStamps() {
  /** @type {Record<string, string>} */
  const stamps = {};
  const add = (/** @type {string} */ file) => {
    const stat = statSync(file);
    stamps[relative(ROOT, file).split(sep).join('/')] = `${stat.size}:${stat.mtimeMs}`;
  };
  const walk = (/** @type {string} */ dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) add(path);
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(ROOT, dir));
  for (const file of SOURCE_FILES) add(join(ROOT, file));
  return stamps;
}

/** @returns {Current | undefined} */
function readCurrent() {
  try {
    return JSON.parse(readFileSync(CURRENT, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Same files, same sizes, same modification times: nothing was added, removed or changed. */
function sameStamps(/** @type {Record<string, string>} */ a, /** @type {Record<string, string>} */ b) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The URL of the built cli.js when the build matches the sources, else undefined. */
export function currentEntry() {
  const current = readCurrent();
  if (!current) return undefined;
  const entry = join(DIST, current.dir, 'cli.js');
  if (!existsSync(entry) || !sameStamps(current.sources, sourceStamps())) return undefined;
  return pathToFileURL(entry).href;
}

/** The entry points: the command, and each support and step file under its own name. */
function entryPoints() {
  const files = (/** @type {string} */ dir) =>
    readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => ({ in: join(ROOT, dir, f), out: `${dir}/${f.slice(0, -3)}` }));
  return [
    { in: join(ROOT, 'src/cli/bundle-entry.ts'), out: 'cli' },
    // cucumber imports it by path as its snippet syntax (src/runner/support-code.ts).
    { in: join(ROOT, 'src/runner/step-hints.ts'), out: 'step-hints' },
    ...files('support'),
    ...files('steps'),
  ];
}

/** Builds into a new folder, makes it current, removes old builds. Returns the URL of cli.js. */
export async function build() {
  const sources = sourceStamps();
  const { build: esbuild } = await import('esbuild');
  const dir = `b${Date.now().toString(36)}-${process.pid}`;
  const outdir = join(DIST, dir);
  await esbuild({
    entryPoints: entryPoints(),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    logLevel: 'silent',
  });
  const tmp = join(DIST, `current.${process.pid}.json`);
  writeFileSync(tmp, `${JSON.stringify({ dir, sources })}\n`);
  renameSync(tmp, CURRENT);
  removeOldBuilds(dir);
  return pathToFileURL(join(outdir, 'cli.js')).href;
}

function removeOldBuilds(/** @type {string} */ keep) {
  for (const entry of readdirSync(DIST, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === keep) continue;
    const path = join(DIST, entry.name);
    if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS) rmSync(path, { recursive: true, force: true });
  }
}

/** The first line of an esbuild (or file system) failure, for a one-line message. */
export function firstLine(/** @type {unknown} */ error) {
  const errors = /** @type {{ errors?: { text: string, location?: { file: string, line: number } }[] }} */ (error).errors;
  const first = errors?.[0];
  if (first) return first.location ? `${first.location.file}:${first.location.line}: ${first.text}` : first.text;
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(DIST, { recursive: true });
  if (process.argv.includes('--force') || currentEntry() === undefined) {
    const start = performance.now();
    try {
      await build();
    } catch (error) {
      process.stderr.write(`netpol-conformance: building the CLI failed: ${firstLine(error)}\n`);
      process.exit(1);
    }
    process.stdout.write(`built the CLI into dist/ in ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  }
}
