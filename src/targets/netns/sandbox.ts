// The harness's end of the sandbox: starts `unshare` with the supervisor as PID 1 of new user,
// mount, network and PID namespaces, and talks to it over its stdin/stdout (JSON lines).
// Lifetime: the supervisor exits on stdin EOF, which also happens when this process is SIGKILLed;
// `setpriv --pdeathsig KILL` (when present) kills `unshare` with our thread and `--kill-child`
// passes that on to PID 1. Either way the kernel then tears down every namespace of the run.
import { execa, type ResultPromise } from 'execa';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../../project-root.js';
import { createInterface } from 'node:readline';
import { TargetError } from '../../model/errors.js';
import type {
  AgentRequest,
  AgentResults,
  ExecResult,
  SandboxStats,
  SupervisorReply,
  SupervisorRequest,
  SupervisorResults,
} from './protocol.js';
import { explainUnshareFailure, UNSHARE_FLAGS, type NetnsTools } from './requirements.js';
import { recordKept, RUN_MARKER, startTimeOf, type KeptSandbox } from './kept.js';

export { RUN_MARKER } from './kept.js';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type RequestBody = SupervisorRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** Node flags the agents need to run TypeScript directly (type stripping is on by default from 23.6). */
export function typeStrippingFlags(version: string = process.versions.node): string[] {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const needsFlag = major < 23 || (major === 23 && minor < 6);
  return [...(needsFlag ? ['--experimental-strip-types'] : []), '--disable-warning=ExperimentalWarning'];
}

function childOf(parentPid: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat is the parent; the command (field 2) may contain spaces, so
      // split after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parentPid) return Number(entry);
    } catch {
      // Gone while we looked.
    }
  }
  return undefined;
}

export class Sandbox {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stderrTail = '';
  private exited = false;
  /** PID of the supervisor (PID 1 inside) as this machine sees it: the target of `nsenter -t`. */
  initPid = -1;

  private constructor(
    private readonly child: ResultPromise<{ stdin: 'pipe'; stdout: 'pipe'; stderr: 'pipe'; buffer: false; reject: false }>,
    readonly runId: string,
    private readonly tools: NetnsTools,
  ) {}

  /**
   * `keep`: the sandbox outlives this process (`--keep`): the supervisor does not exit when its
   * stdin closes, and nothing ties `unshare` to this process's life.
   */
  static async start(tools: NetnsTools, runId = randomBytes(4).toString('hex'), keep = false): Promise<Sandbox> {
    // The agents run from their TypeScript sources under Node's type stripping, also for the built CLI.
    const supervisor = join(PROJECT_ROOT, 'src/targets/netns/agents/supervisor.ts');
    const unshareArgs = [...UNSHARE_FLAGS, '--', process.execPath, ...typeStrippingFlags(), supervisor, ...(keep ? ['--keep'] : [])];
    const [file, args] = tools.setpriv && !keep
      ? [tools.setpriv, ['--pdeathsig', 'KILL', '--', tools.unshare, ...unshareArgs]]
      : [tools.unshare, unshareArgs];
    const toolDirs = [...new Set([tools.ip, tools.nft, tools.mount, tools.nsenter].map((t) => dirname(t)))];
    const child = execa(file, args, {
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      reject: false,
      // A kept sandbox leaves this process's group, so a Ctrl-C of the run does not reach it.
      detached: keep,
      env: { PATH: [...toolDirs, process.env.PATH ?? ''].join(':'), [RUN_MARKER]: runId },
    });
    const sandbox = new Sandbox(child, runId, tools);
    const ready = sandbox.listen();
    await ready;
    sandbox.initPid = childOf(child.pid ?? -1) ?? -1;
    sandbox.setActive(false);
    // Recorded at once: a kept sandbox of a run that is interrupted can still be found and removed.
    if (keep) sandbox.record([]);
    return sandbox;
  }

  /** Reads replies; resolves once the supervisor says it is ready. */
  private listen(): Promise<void> {
    const stdout = this.child.stdout;
    const stderr = this.child.stderr;
    stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000);
    });
    return new Promise((resolve, reject) => {
      let ready = false;
      createInterface({ input: stdout }).on('line', (line) => {
        const reply = JSON.parse(line) as SupervisorReply;
        if ('ready' in reply) {
          ready = true;
          return resolve();
        }
        const pending = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (this.pending.size === 0) this.setActive(false);
        if (!pending) return;
        if (reply.ok) pending.resolve(reply.value);
        else pending.reject(new TargetError(`netns sandbox: ${reply.error}`));
      });
      void this.child.then(() => {
        this.exited = true;
        const why = this.stderrTail.trim();
        // Before ready, a failure is unshare's (user namespaces refused, ...); later it is a crash,
        // whose most telling line is the error itself rather than the Node.js version footer.
        const lines = why.split('\n');
        const telling = lines.filter((l) => /error/i.test(l)).at(-1) ?? lines.at(-1) ?? '';
        const error = new TargetError(!ready && /unshare/.test(why) ? explainUnshareFailure(why) : `the netns sandbox exited: ${telling || 'no message'}`);
        reject(error);
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
      });
    });
  }

  /**
   * While no request is outstanding the sandbox must not keep the harness alive: a harness that
   * ends without calling down() closes the pipe by exiting, and the sandbox follows it.
   */
  private setActive(active: boolean): void {
    // The pipes are net.Socket instances at runtime, which can be (un)referenced.
    const streams = [this.child.stdin, this.child.stdout, this.child.stderr] as unknown as { ref(): void; unref(): void }[];
    for (const s of streams) {
      if (active) s.ref();
      else s.unref();
    }
    if (active) this.child.nodeChildProcess.ref();
    else this.child.nodeChildProcess.unref();
  }

  get alive(): boolean {
    return !this.exited;
  }

  private request<K extends RequestBody['op']>(body: Extract<RequestBody, { op: K }>): Promise<SupervisorResults[K]> {
    if (this.exited) return Promise.reject(new TargetError('the netns sandbox is not running (down() was called or it died)'));
    const id = this.nextId++;
    this.setActive(true);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.stdin.write(`${JSON.stringify({ ...body, id })}\n`);
    });
  }

  exec(file: string, args: string[], input?: string): Promise<ExecResult> {
    return this.request({ op: 'exec', file, args, ...(input !== undefined ? { input } : {}) });
  }

  /** Runs a command in the sandbox and throws a TargetError with its first error line if it fails. */
  async run(file: string, args: string[], input?: string): Promise<string> {
    const result = await this.exec(file, args, input);
    if (result.exitCode !== 0) {
      const line = result.stderr.trim().split('\n').slice(0, 3).join(' | ') || `exit code ${result.exitCode}`;
      throw new TargetError(`netns sandbox: \`${file} ${args.join(' ')}\` failed: ${line}`);
    }
    return result.stdout;
  }

  async startAgent(agent: string, netns: string): Promise<number> {
    return (await this.request({ op: 'agent-start', agent, netns })).pid;
  }

  async stopAgent(agent: string): Promise<void> {
    await this.request({ op: 'agent-stop', agent });
  }

  async call<K extends AgentRequest['op']>(agent: string, request: Extract<AgentRequest, { op: K }>): Promise<AgentResults[K]> {
    return (await this.request({ op: 'agent-call', agent, request })) as AgentResults[K];
  }

  stats(): Promise<SandboxStats> {
    return this.request({ op: 'stats' });
  }

  /** The prefix that runs a command inside this sandbox from a shell on the machine (for people). */
  enterCommand(): string {
    return `${this.tools.nsenter} -t ${this.initPid} -U -m -n -p --preserve-credentials`;
  }

  /**
   * Leaves a kept sandbox running: closes the pipe (a `--keep` supervisor stays), lets this process
   * exit without it, and returns the record `cleanup --target netns` removes it by.
   */
  detach(namespaces: readonly string[]): KeptSandbox {
    this.child.stdin.end();
    this.setActive(false);
    this.exited = true;
    return this.record(namespaces);
  }

  private record(namespaces: readonly string[]): KeptSandbox {
    const kept: KeptSandbox = {
      runId: this.runId,
      initPid: this.initPid,
      startTime: startTimeOf(this.initPid) ?? '',
      enter: this.enterCommand(),
      namespaces: [...namespaces],
      created: new Date().toISOString(),
    };
    recordKept(kept);
    return kept;
  }

  /** Closes the pipe; the supervisor exits and the kernel removes everything. Idempotent. */
  async close(): Promise<void> {
    if (this.exited) return;
    this.setActive(true);
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.child;
    clearTimeout(timer);
    this.exited = true;
  }
}
