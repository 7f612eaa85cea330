// SIGINT stops a run and everything it started. Directly: `node bin/netpol-conformance.js` on the
// machine's node (which, when older than 22, hands over to the Node 24 in .tools/) gets SIGINT on
// its own PID, as `kill -INT` sends it. Under npx: a terminal's Ctrl-C signals the process group.
// Either way the command exits as interrupted (130 or the signal) and nothing of the run (Node 24,
// the netns sandbox, its agents) is left running. A netns run is used because it runs long enough
// to be interrupted and starts processes of its own.
import { describe, it } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { RUN_MARKER } from '../../src/targets/netns/sandbox.js';
import { netnsUnavailable } from '../netns/support.js';
import { descendants, environment, startTime, stillRunning, until } from '../support/processes.js';
import { userEnv, userNode } from '../support/user-shell.js';

const unavailable = (await netnsUnavailable()) ?? (userNode() === undefined ? 'no node on PATH' : undefined);

interface Interrupted {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  leftBehind: number[];
}

/** Starts the command in its own process group, waits until its sandbox runs, interrupts it. */
async function interrupt(argv: string[], how: 'pid' | 'group'): Promise<Interrupted> {
  const reports = mkdtempSync(join(tmpdir(), 'netpol-signals-'));
  const [file = '', ...args] = argv;
  const child: ChildProcess = spawn(file, [...args, '--reports', reports], { cwd: PROJECT_ROOT, env: userEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const pid = child.pid ?? -1;
  try {
    const sandboxUp = await until(() => descendants(pid).some((p) => environment(p)?.some((v) => v.startsWith(`${RUN_MARKER}=`))), 60_000);
    expect(sandboxUp, `the run started its sandbox: ${output}`).to.equal(true);
    const started = new Map(descendants(pid).map((p) => [p, startTime(p) ?? '']));
    if (how === 'pid') process.kill(pid, 'SIGINT');
    else process.kill(-pid, 'SIGINT');
    const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, 20_000, undefined).unref());
    const result = await Promise.race([exited, timeout]);
    expect(result, 'the command ended within 20 s of SIGINT').to.not.equal(undefined);
    await until(() => stillRunning(started).length === 0, 10_000);
    return { code: result?.code ?? null, signal: result?.signal ?? null, output, leftBehind: stillRunning(started) };
  } finally {
    try {
      process.kill(-pid, 'SIGKILL'); // whatever a failed test left in the group
    } catch {
      // the group is gone: nothing was left
    }
    rmSync(reports, { recursive: true, force: true });
  }
}

const interruptedStatus = (r: Interrupted): boolean => r.signal === 'SIGINT' || r.code === 130;

describe('SIGINT stops a run', { skip: unavailable ?? false }, () => {
  it('sent to the PID of `node bin/netpol-conformance.js` on the machine’s node: the run ends, nothing is left', async () => {
    const r = await interrupt([userNode() ?? 'node', 'bin/netpol-conformance.js', 'run', '--target', 'netns', 'features/conformance'], 'pid');
    expect(interruptedStatus(r), `exit ${r.code} signal ${r.signal}`).to.equal(true);
    expect(r.leftBehind, 'processes of the run still running').to.deep.equal([]);
    expect(r.output, 'no summary: the run did not go on').to.not.match(/\d+ passed, \d+ failed/);
  });

  it('a Ctrl-C (SIGINT to the process group) under npx: the run ends, nothing is left', async () => {
    const r = await interrupt(['npx', 'netpol-conformance', 'run', '--target', 'netns', 'features/conformance'], 'group');
    expect(interruptedStatus(r), `exit ${r.code} signal ${r.signal}`).to.equal(true);
    expect(r.leftBehind).to.deep.equal([]);
    expect(r.output).to.not.match(/\d+ passed, \d+ failed/);
  });
});
