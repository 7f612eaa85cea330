// `testbed up|down|status`: builds what is missing, starts the supervisor (detached, so the test
// bed outlives this command; `down` or the death of --owner-pid stops it), and follows its
// status.json, printing each step as the node comes up.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TargetError } from '../model/errors.js';
import { BINARIES, goBuild, sourceStamp, upToDate, writeStamp } from './build.js';
import { FROM_DEBS, fetchDebs } from './debs.js';
import { testbedPaths, type TestbedPaths } from './paths.js';
import { hostUnavailable, requireBuildable } from './requirements.js';
import { buildImages } from './images.js';
import { ALL_COMPONENTS, type Component } from './components.js';


export interface SupervisorStatus {
  phase: 'starting' | 'ready' | 'failed' | 'stopped';
  message: string;
  pid: number;
  nodePid?: number;
  apiPort?: number;
  kubeconfig?: string;
  context: string;
  components: string[];
  started: string;
  steps: string[];
}

export interface UpOptions {
  components?: readonly Component[];
  /** Host loopback port for the API server (0: any free port). */
  port?: number;
  /** Stop the test bed when this process exits. */
  ownerPid?: number;
  /** Directories whose CustomResourceDefinitions (*.yaml) are installed once the API server is up. */
  crds?: readonly string[];
  timeoutMs?: number;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  paths?: TestbedPaths;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function readStatus(paths: TestbedPaths = testbedPaths()): SupervisorStatus | undefined {
  const file = join(paths.run, 'status.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SupervisorStatus;
  } catch {
    return undefined;
  }
}

/** The status when a supervisor is alive, else undefined. */
export function runningStatus(paths: TestbedPaths = testbedPaths()): SupervisorStatus | undefined {
  const status = readStatus(paths);
  return status && (status.phase === 'starting' || status.phase === 'ready') && alive(status.pid) ? status : undefined;
}

/** Builds binaries and images when their sources changed; fetches the Debian packages once. */
export async function prepare(paths: TestbedPaths, log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await requireBuildable(env);
  mkdirSync(paths.bin, { recursive: true });
  await fetchDebs(paths.debs, log);
  const stamp = await sourceStamp(paths.module, env);
  if (!upToDate(paths.bin, stamp)) {
    log(`building ${BINARIES.join(', ')} from Go modules (a cold build takes several minutes)`);
    const ms = await goBuild(paths.module, paths.bin, env, log);
    log(`built in ${Math.round(ms / 1000)} s`);
    await buildImages(paths, log);
    writeStamp(paths.bin, stamp);
  } else if (!existsSync(join(paths.images, 'agnhost.tar'))) {
    await buildImages(paths, log);
  }
}

export async function testbedUp(options: UpOptions): Promise<SupervisorStatus> {
  const paths = options.paths ?? testbedPaths(options.env);
  const env = options.env ?? process.env;
  const running = runningStatus(paths);
  if (running?.phase === 'ready') {
    options.log(`already running (supervisor pid ${running.pid})`);
    return running;
  }
  if (running) throw new TargetError(`a test bed is starting already (supervisor pid ${running.pid}); wait for it or run "testbed down"`);
  const why = hostUnavailable(env);
  if (why !== undefined) throw new TargetError(why);
  await prepare(paths, options.log, env);
  const components = options.components ?? ALL_COMPONENTS;
  mkdirSync(paths.home, { recursive: true });
  const out = openSync(join(paths.home, 'supervisor.out'), 'w');
  const args = ['supervise', '--dir', paths.run, '--images', paths.images, '--cni-bin', join(paths.debs, FROM_DEBS.cniBin), '--components', components.join(','), '--port', String(options.port ?? 0)];
  if (options.ownerPid !== undefined) args.push('--owner-pid', String(options.ownerPid));
  for (const dir of options.crds ?? []) args.push('--crds', resolve(dir));
  const pathVar = [join(paths.debs, 'usr/bin'), join(paths.debs, 'usr/sbin'), env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin'].join(':');
  const child = spawn(join(paths.bin, 'testbed'), args, { detached: true, stdio: ['ignore', out, out], env: { ...env, PATH: pathVar } });
  child.unref();
  return follow(paths, child.pid ?? 0, options);
}

async function follow(paths: TestbedPaths, pid: number, options: UpOptions): Promise<SupervisorStatus> {
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  let printed = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const status = readStatus(paths);
    if (status && status.pid === pid) {
      for (const step of status.steps.slice(printed)) options.log(step);
      printed = status.steps.length;
      if (status.phase === 'ready') return status;
      if (status.phase === 'failed' || status.phase === 'stopped') throw new TargetError(`the test bed did not start: ${status.message} (logs: ${join(paths.run, 'logs')})`);
    }
    if (!alive(pid)) {
      const out = existsSync(join(paths.home, 'supervisor.out')) ? readFileSync(join(paths.home, 'supervisor.out'), 'utf8').trim().split('\n').at(-1) : '';
      throw new TargetError(`the test bed's supervisor exited: ${out || 'no message'} (logs: ${join(paths.run, 'logs')})`);
    }
    if (Date.now() > deadline) {
      await testbedDown({ paths, log: options.log });
      throw new TargetError(`the test bed was not ready within ${Math.round((options.timeoutMs ?? 600_000) / 1000)} s; stopped it (logs: ${join(paths.run, 'logs')})`);
    }
  }
}

/** Stops the supervisor (the node and everything in it dies with it); keeps only the logs. */
export async function testbedDown(options: { paths?: TestbedPaths; log: (line: string) => void; timeoutMs?: number }): Promise<boolean> {
  const paths = options.paths ?? testbedPaths();
  const status = readStatus(paths);
  let stopped = false;
  if (status && alive(status.pid) && status.phase !== 'stopped') {
    process.kill(status.pid, 'SIGTERM');
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    while (alive(status.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(status.pid)) process.kill(status.pid, 'SIGKILL');
    stopped = true;
  }
  if (existsSync(paths.run)) {
    for (const entry of readdirSync(paths.run)) if (entry !== 'logs') rmSync(join(paths.run, entry), { recursive: true, force: true });
  }
  options.log(stopped ? `stopped the test bed (logs kept in ${join(paths.run, 'logs')})` : 'the test bed is not running');
  return stopped;
}
