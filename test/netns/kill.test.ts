// The sandbox must vanish with the harness, even when the harness is SIGKILLed mid-run: a child
// harness builds the x/y/z dataplane and probes in a loop; we kill only the harness's own process
// and then look, from /proc and `ip`, for anything of the run: its processes (they carry the run
// marker in their environment), its namespaces (by inode), named namespaces and interfaces.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { execa } from 'execa';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { RUN_MARKER } from '../../src/targets/netns/sandbox.js';
import { netnsUnavailable } from './support.js';

const unavailable = await netnsUnavailable();
const HARNESS = fileURLToPath(new URL('./fixtures/kill-harness.ts', import.meta.url));
const NS_KINDS = ['user', 'mnt', 'net', 'pid'] as const;

function pids(): number[] {
  return readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number);
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // gone, or not ours to read
  }
}

function link(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/** Processes whose environment carries this run's marker. */
function runProcesses(runId: string): number[] {
  return pids().filter((pid) => read(`/proc/${pid}/environ`)?.split('\0').includes(`${RUN_MARKER}=${runId}`));
}

/** When a process started, in clock ticks since boot (/proc/PID/stat, field 22). */
function startTicks(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields ? Number(fields[19]) : undefined;
}

/** Now, in the same clock ticks (the kernel's USER_HZ, 100 on Linux). */
function nowTicks(): number {
  return Math.floor(Number(read('/proc/uptime')?.split(' ')[0] ?? 0) * 100);
}

/**
 * Processes that started before `startedBefore` inside any of the given namespaces
 * (`user:[4026532]`-style links). The kernel gives a freed namespace's number to the next
 * namespace created, so a sandbox started after the kill, by another test on this machine, may
 * show the same links: its processes are not this run's.
 */
function processesIn(namespaces: ReadonlySet<string>, startedBefore = Number.POSITIVE_INFINITY): number[] {
  return pids().filter((pid) => NS_KINDS.some((kind) => namespaces.has(link(`/proc/${pid}/ns/${kind}`) ?? '')) && (startTicks(pid) ?? 0) <= startedBefore);
}

async function hostView(): Promise<string> {
  const netns = (await execa('ip', ['netns', 'list'])).stdout;
  const links = (await execa('ip', ['-o', 'link', 'show'])).stdout
    .split('\n')
    .map((l) => l.split(':')[1]?.trim())
    .join(' ');
  return `netns: [${netns}] links: [${links}]`;
}

/** The kernel tears a namespace down asynchronously after its last process exits: poll, bounded. */
async function until(done: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}

async function killMidRun(mode: 'with-pdeathsig' | 'stdin-only'): Promise<void> {
  const before = await hostView();
  const harness = execa(process.execPath, ['--import', 'tsx', HARNESS, mode], { stdout: 'pipe', stderr: 'pipe', reject: false, buffer: false });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: harness.stdout }).once('line', resolve);
    void harness.then((r) => reject(new Error(`harness exited early: ${r.stderr ?? ''}`)));
  });
  const info = JSON.parse(first) as { initPid: number; runId: string; harnessPid: number; setpriv: boolean };
  expect(info.harnessPid).to.equal(harness.pid);
  expect(info.setpriv).to.equal(mode === 'with-pdeathsig');

  const namespaces = new Set(NS_KINDS.map((kind) => link(`/proc/${info.initPid}/ns/${kind}`) ?? 'missing'));
  const alive = runProcesses(info.runId);
  // setpriv/unshare, the supervisor, one agent per pod and one for the external host.
  expect(alive.length, 'processes of the run while it is alive').to.be.at.least(1 + 9 + 1);
  expect(alive).to.include(info.initPid);
  expect(processesIn(namespaces).length).to.be.at.least(10);

  // Only the harness's own process: the sandbox must notice by itself.
  const killedAt = nowTicks();
  process.kill(info.harnessPid, 'SIGKILL');
  await harness;
  await until(() => runProcesses(info.runId).length === 0 && processesIn(namespaces, killedAt).length === 0, 10_000);

  expect(runProcesses(info.runId), 'processes of the run left behind').to.deep.equal([]);
  expect(processesIn(namespaces, killedAt), 'processes left in the run’s namespaces').to.deep.equal([]);
  expect(await hostView()).to.equal(before);
}

describe('netns sandbox after the harness is SIGKILLed', { skip: unavailable ?? false }, () => {
  it('leaves no process, namespace, named namespace or interface (setpriv --pdeathsig and stdin EOF)', async () => {
    await killMidRun('with-pdeathsig');
  });

  it('also when stdin EOF is the only signal (no setpriv)', async () => {
    await killMidRun('stdin-only');
  });
});
