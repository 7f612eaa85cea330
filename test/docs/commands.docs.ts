// Every command the docs show works after the README's set-up, typed into a user's shell: the
// machine's own node and npm on PATH (not the Node 24 that `npm test` runs under), in the checkout.
// A command that needs a cluster must, on a machine without one, stop with exit 3 and one line
// saying why; one that needs the netns sandbox the same where the sandbox cannot be built. A
// synopsis line (`[--target sim|netns]`, `FILE...`) cannot run: every flag it names must exist.
// A command whose comment says `# fails` or `# exit N` must exit so; a fuzz run of more than 20
// cases runs 20 (the title says so). A benchmark file run alone (`sh scripts/with-node.sh tsx
// bench/X.ts`) takes minutes, as `npm run bench` does: the file and every flag it is shown with
// must exist (./static-checks.ts). TypeScript files run through scripts/with-node.sh, never
// `npx tsx`: that would run them on the user's node, which may be older than the Node 22 they need.
// No command may print npm's warnings or a stack trace. A command shown in several places runs
// once, for all of them (the title names each place). Two commands run at a time unless one
// writes what the other reads or writes (./command-schedule.ts); conflicting ones keep the docs'
// order. `npm test` runs this as a stage of its own (scripts/test.sh), after the unit tests.
import { after, before, describe, it } from 'node:test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { netnsUnavailable } from '../netns/support.js';
import { userEnv } from '../support/user-shell.js';
import { accessOf, Schedule, type Access } from './command-schedule.js';
import { documentedCommands, isSynopsis, promisedExit, type DocumentedCommand } from './documented-commands.js';
import { checkScript, checkSynopsis, isScript } from './static-checks.js';

const NETNS_UNAVAILABLE = await netnsUnavailable();
const dockerRuns = spawnSync('sh', ['-c', 'docker info'], { env: userEnv(), stdio: 'ignore' }).status === 0;
/** With a docker engine or a kubeconfig the cluster commands would really create or use clusters: not from a test. */
const CLUSTER_AT_HAND = dockerRuns || process.env.KUBECONFIG !== undefined || existsSync(join(homedir(), '.kube/config'));

/** What a run must end with: an exit code (0 unless the docs' comment says otherwise), or exit 3 and one line where the machine cannot. */
type Expected = { exit: number } | 'environment';
type Plan = { kind: 'run'; expect: Expected } | { kind: 'synopsis' } | { kind: 'script' } | { kind: 'server' } | { kind: 'skip'; reason: string };

/** Fuzz runs longer than this many cases are run with this many: the full run takes minutes (bench/netns.ts runs 200). */
const FUZZ_CASES = 20;

/** The command as the test runs it: a long fuzz run shortened to FUZZ_CASES cases. */
function asRun(text: string): string {
  return text.replace(/(\bfuzz\b.*--cases )(\d+)/, (whole, head: string, cases: string) => (Number(cases) > FUZZ_CASES ? `${head}${FUZZ_CASES}` : whole));
}

function plan(command: DocumentedCommand): Plan {
  const text = command.text;
  if (text === 'npm test') return { kind: 'skip', reason: 'npm test is what runs this test' };
  if (text.startsWith('npm run bench')) return { kind: 'skip', reason: 'the benchmark takes minutes; it is run on its own' };
  if (isScript(text)) return { kind: 'script' };
  if (isSynopsis(text)) return { kind: 'synopsis' };
  if (text.startsWith('npm run fake-apiserver')) return { kind: 'server' };
  // The test bed builds for minutes, needs root and Go, and every command of docs/testbed.md uses
  // it: `npm run test:testbed` (CI, after npm test) runs that flow from up to down.
  if (/\btestbed (up|down|status)\b|netpol-testbed|\.testbed\/|npm run test:testbed/.test(text)) return { kind: 'skip', reason: 'uses the test bed, which npm run test:testbed builds, starts and runs these commands on' };
  const cluster = /--target cluster|\bcluster (up|down)\b/.test(text) && !text.includes('--kubeconfig');
  if (cluster) return CLUSTER_AT_HAND ? { kind: 'skip', reason: 'this machine has a docker engine or a kubeconfig: this test creates and uses no real cluster' } : { kind: 'run', expect: 'environment' };
  const exit = { exit: promisedExit(command.comment) ?? 0 };
  if (text.includes('--target netns')) return { kind: 'run', expect: NETNS_UNAVAILABLE === undefined ? exit : 'environment' };
  return { kind: 'run', expect: exit };
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function shell(text: string, timeoutMs = 300_000): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', text], { cwd: PROJECT_ROOT, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    const timer = setTimeout(() => process.kill(-(child.pid ?? 0), 'SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts a documented server in the background; resolves once it printed its first line. */
async function startServer(text: string): Promise<() => Promise<void>> {
  const child = spawn('sh', ['-c', text], { cwd: PROJECT_ROOT, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
      if (output.includes('kubeconfig')) resolve();
    });
    child.stderr.on('data', (c: Buffer) => void (output += c.toString()));
    child.on('exit', (code) => reject(new Error(`${text} exited ${code}: ${output}`)));
  });
  return async () => {
    const closed = new Promise((resolve) => child.on('close', resolve));
    process.kill(-(child.pid ?? 0), 'SIGINT');
    await closed;
  };
}

function checkClean(command: DocumentedCommand, r: Result): void {
  const all = `${r.stdout}\n${r.stderr}`;
  expect(all, `${command.where}: npm warnings`).to.not.match(/npm warn/i);
  expect(all, `${command.where}: a stack trace`).to.not.match(/^\s+at .+:\d+:\d+\)?$/m);
}

async function runPlanned(command: DocumentedCommand, expected: Expected, text = asRun(command.text)): Promise<void> {
  const r = await shell(text);
  const said = `${command.where}: \`${text}\` exited ${r.code}\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`;
  if (expected !== 'environment') {
    expect(r.code, said).to.equal(expected.exit);
  } else {
    expect(r.code, said).to.equal(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines, `${command.where}: one line saying why`).to.have.length(1);
    expect(lines[0]).to.match(/^netpol-conformance: /);
  }
  checkClean(command, r);
}

const COMMANDS = documentedCommands(PROJECT_ROOT);

/** A command line shown in several places: where each is, and the first (which runs it). */
interface Shown {
  command: DocumentedCommand;
  places: string[];
}

/** The same text with the same promise (exit code) is one command, wherever the docs show it. */
function dedupe(commands: readonly DocumentedCommand[]): Map<DocumentedCommand, Shown | undefined> {
  const first = new Map<string, Shown>();
  const result = new Map<DocumentedCommand, Shown | undefined>();
  for (const command of commands) {
    const key = `${command.text}\u0000${promisedExit(command.comment) ?? 0}`;
    const seen = first.get(key);
    if (seen) {
      seen.places.push(command.where);
      result.set(command, undefined);
    } else {
      const shown = { command, places: [command.where] };
      first.set(key, shown);
      result.set(command, shown);
    }
  }
  return result;
}

/** Files and folders git does not know and does not ignore (what a documented command may leave: generated/, shop.html, ...). */
function untracked(): Set<string> {
  const listed = spawnSync('git', ['ls-files', '--others', '--exclude-standard', '--directory'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  return new Set(listed.stdout.split('\n').filter((l) => l !== ''));
}

/** The ```sh block a command is in, unique across files (undefined for a command in prose). */
function blockOf(command: DocumentedCommand): string | undefined {
  return command.block === undefined ? undefined : `${command.where.slice(0, command.where.lastIndexOf(':'))}:${command.block}`;
}

/** The server a command of its block uses (a server line above it), if any. */
function serverAbove(i: number): DocumentedCommand | undefined {
  const command = COMMANDS[i];
  if (!command || blockOf(command) === undefined) return undefined;
  return COMMANDS.slice(0, i).find((c) => blockOf(c) === blockOf(command) && plan(c).kind === 'server');
}

const SHOWN = dedupe(COMMANDS.filter((_, i) => serverAbove(i) === undefined));
const schedule = new Schedule();

/** Whether a command runs with nothing else (./command-schedule.ts): an npm script that rewrites the checkout. */
const runsAlone = (command: DocumentedCommand): boolean => plan(command).kind === 'run' && accessOf(asRun(command.text)).alone;

/**
 * The commands in the docs' order, except that those that run alone come first: where the docs
 * show them does not matter to them (they set up or rewrite the checkout, the same every time),
 * and anywhere else each would stop both lanes until everything before it ended. A command shown
 * again further up runs there; one that uses the server of its block runs with it.
 */
const ORDER = [...COMMANDS.entries()]
  .flatMap(([i, command]) => {
    const shown = SHOWN.get(command);
    return shown ? [{ i, command, shown }] : [];
  })
  .sort((a, b) => Number(runsAlone(b.command)) - Number(runsAlone(a.command)));

describe('every command the docs show', { concurrency: 2 }, () => {
  // The commands write into the checkout, as they would for a user; the test leaves it as it found it.
  let existing: Set<string> = new Set();
  before(() => {
    existing = untracked();
  });
  after(() => {
    for (const path of untracked()) if (!existing.has(path)) rmSync(join(PROJECT_ROOT, path), { recursive: true, force: true });
  });

  it('finds the commands of README.md and docs/*.md', () => {
    expect(COMMANDS.length).to.be.at.least(20);
    expect(COMMANDS.map((c) => c.text)).to.include('npm run setup && npm run conformance');
  });

  for (const { i, command, shown } of ORDER) {
    const p = plan(command);
    const title = `${shown.places.join(', ')}: ${command.text}`;
    if (p.kind === 'skip') {
      it(title, { skip: p.reason }, () => undefined);
    } else if (p.kind === 'synopsis') {
      it(`${title} (synopsis: its flags exist)`, () => checkSynopsis(command));
    } else if (p.kind === 'script') {
      it(`${title} (a benchmark, run by npm run bench: the file and its flags exist)`, () => checkScript(command));
    } else if (p.kind === 'run') {
      const slot = schedule.add(accessOf(asRun(command.text)));
      const how = p.expect === 'environment' ? 'exit 3, one line' : p.expect.exit === 0 ? 'succeeds' : `exit ${p.expect.exit}, as the docs say`;
      const shortened = asRun(command.text) === command.text ? '' : `, run with --cases ${FUZZ_CASES}`;
      it(`${title} (${how}${shortened})`, () => slot.run(() => runPlanned(command, p.expect)));
    } else {
      const users = COMMANDS.filter((c, j) => j > i && blockOf(c) === blockOf(command));
      const access = [command, ...users].map((c) => accessOf(c.text));
      const slot = schedule.add(access.reduce((a, b): Access => ({ alone: a.alone || b.alone, reads: [...a.reads, ...b.reads], writes: [...a.writes, ...b.writes] })));
      it(`${title}, then ${users.map((u) => u.text).join('; ')}`, () =>
        slot.run(async () => {
          const dir = mkdtempSync(join(tmpdir(), 'netpol-docs-'));
          const stop = await startServer(command.text.replaceAll('/tmp/fake', dir));
          try {
            for (const user of users) await runPlanned(user, { exit: promisedExit(user.comment) ?? 0 }, user.text.replaceAll('/tmp/fake', dir));
          } finally {
            await stop();
            rmSync(dir, { recursive: true, force: true });
          }
        }),
      );
    }
  }
});
