// PID 1 of the sandbox (`unshare -Urmnp --fork --kill-child ... node supervisor.ts`). It runs the
// commands the harness sends (ip, nft), starts one endpoint agent per pod or external-host namespace
// and relays messages to them. It exits when its stdin (a pipe from the harness) closes, which the
// kernel also reports when the harness is SIGKILLed; as PID 1 of the PID namespace, its exit kills
// every process in the sandbox, and with the last process gone the kernel frees every namespace,
// veth and bind mount the run created. Runs under plain `node` (type stripping).
import { execa } from 'execa';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type {
  AgentReply,
  AgentRequest,
  ExecResult,
  ProcessCost,
  SandboxStats,
  SupervisorReply,
  SupervisorRequest,
} from '../protocol.js';

interface Agent {
  child: ChildProcess;
  nextId: number;
  pending: Map<number, (reply: AgentReply) => void>;
  stderr: string;
}

const agents = new Map<string, Agent>();
const agentScript = new URL('./endpoint-agent.ts', import.meta.url).pathname;
const nodeFlags = process.execArgv.filter((flag) => flag.includes('strip-types') || flag.startsWith('--disable-warning'));
const agentArgs = await agentCommandLine();

/**
 * Agents get their code as plain JavaScript (`-e`), stripped of types once here: a Node process
 * that strips types itself loads the TypeScript parser and costs about twice the memory.
 */
async function agentCommandLine(): Promise<string[]> {
  // An agent holds a few sockets: a small young generation and one V8 worker thread are plenty.
  const lean = ['--max-semi-space-size=1', '--v8-pool-size=1'];
  const { stripTypeScriptTypes } = (await import('node:module')) as { stripTypeScriptTypes?: (code: string) => string };
  if (!stripTypeScriptTypes) return [...lean, ...nodeFlags, agentScript];
  const code = stripTypeScriptTypes(readFileSync(agentScript, 'utf8'));
  return [...lean, '--input-type=module', '--eval', code];
}

function send(message: SupervisorReply): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function exec(file: string, args: string[], input: string | undefined): Promise<ExecResult> {
  const result = await execa(file, args, { input: input ?? '', reject: false, stripFinalNewline: false });
  // No exit code means the command never ran (not found, killed): report execa's message instead.
  const stderr = result.exitCode === undefined ? (result.message ?? 'did not run') : result.stderr;
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr };
}

/** `netns` is the path of the namespace file (`/var/run/netns/NAME`). */
function startAgent(name: string, netns: string): Promise<{ pid: number }> {
  if (agents.has(name)) throw new Error(`agent ${name} already runs`);
  // nsenter enters the namespace and execs node in place: one process per endpoint. (`ip netns
  // exec` would also remount /sys, which costs twice as much and the agent does not need.)
  const child = spawn('nsenter', [`--net=${netns}`, process.execPath, ...agentArgs], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const agent: Agent = { child, nextId: 1, pending: new Map(), stderr: '' };
  agents.set(name, agent);
  child.stderr?.on('data', (chunk: Buffer) => {
    agent.stderr = (agent.stderr + chunk.toString()).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const reply = JSON.parse(line) as AgentReply;
      if (reply.id === 0) {
        resolve({ pid: child.pid ?? -1 });
        return;
      }
      agent.pending.get(reply.id)?.(reply);
      agent.pending.delete(reply.id);
    });
    child.on('exit', (code, signal) => {
      agents.delete(name);
      const why = `endpoint agent ${name} exited (${signal ?? `code ${code}`}): ${agent.stderr.trim().split('\n').at(-1) ?? ''}`;
      reject(new Error(why));
      for (const settle of agent.pending.values()) settle({ id: -1, ok: false, error: why });
      agent.pending.clear();
    });
  });
}

function callAgent(name: string, request: AgentRequest): Promise<unknown> {
  const agent = agents.get(name);
  if (!agent) throw new Error(`no endpoint agent ${name}`);
  const id = agent.nextId++;
  return new Promise((resolve, reject) => {
    agent.pending.set(id, (reply) => (reply.ok ? resolve(reply.value) : reject(new Error(reply.error))));
    agent.child.stdin?.write(`${JSON.stringify({ ...request, id })}\n`);
  });
}

function stopAgent(name: string): Promise<null> {
  const agent = agents.get(name);
  if (!agent) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => agent.child.kill('SIGKILL'), 2000);
    agent.child.once('exit', () => {
      clearTimeout(timer);
      resolve(null);
    });
    agent.child.stdin?.end();
  });
}

function kib(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

/** Memory of every process in the sandbox (our /proc is the sandbox's own: --mount-proc). */
function stats(): SandboxStats {
  const processes: ProcessCost[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const rollup = readFileSync(`/proc/${entry}/smaps_rollup`, 'utf8');
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      const privateKiB = kib(rollup, 'Private_Clean') + kib(rollup, 'Private_Dirty');
      processes.push({ pid: Number(entry), command, rssKiB: kib(rollup, 'Rss'), pssKiB: kib(rollup, 'Pss'), privateKiB });
    } catch {
      // The process exited while we looked.
    }
  }
  return { processes, agents: Object.fromEntries([...agents].map(([name, a]) => [name, a.child.pid ?? -1])) };
}

async function handle(request: SupervisorRequest): Promise<unknown> {
  switch (request.op) {
    case 'exec':
      return exec(request.file, request.args, request.input);
    case 'agent-start':
      return startAgent(request.agent, request.netns);
    case 'agent-stop':
      return stopAgent(request.agent);
    case 'agent-call':
      return callAgent(request.agent, request.request);
    case 'stats':
      return stats();
  }
}

/**
 * `ip netns add` creates files under /run/netns; the directory is on the machine's /run, so without
 * a private tmpfs the names would be visible (and left behind) outside the sandbox.
 */
async function privateRun(): Promise<void> {
  const targets = new Set(['/run']);
  try {
    targets.add(realpathSync('/var/run'));
  } catch {
    // No /var/run at all: /run is enough.
  }
  for (const dir of targets) await execa('mount', ['-t', 'tmpfs', '-o', 'mode=0755', 'netpol-netns', dir]);
}

await privateRun();
const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  if (line.trim() === '') return;
  const request = JSON.parse(line) as SupervisorRequest;
  Promise.resolve()
    .then(() => handle(request))
    .then(
      (value) => send({ id: request.id, ok: true, value: value ?? null }),
      (error: unknown) => send({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
});
// The harness is gone (closed the pipe, exited, or was killed): take the whole sandbox with us,
// unless the run asked to keep it (`--keep`): then it stays for a person to enter, until
// `cleanup --target netns` kills this process. Replies then have no reader: ignore that.
const keep = process.argv.includes('--keep');
process.stdout.on('error', () => undefined);
input.on('close', () => {
  if (!keep) process.exit(0);
});
send({ ready: true, pid: process.pid });
