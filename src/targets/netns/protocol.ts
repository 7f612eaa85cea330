// Messages of the two control channels of the netns target, one JSON object per line:
//   harness <-> supervisor (PID 1 of the sandbox, stdin/stdout of `unshare`)
//   supervisor <-> endpoint agent (one per pod or external-host namespace, its stdin/stdout).
// Types only: the agent files import this with `import type`, which Node's type stripping erases,
// so the agents stay runnable with plain `node` and no loader.

export type ServedProtocol = 'TCP' | 'UDP';

export interface ServedPort {
  port: number;
  protocol: ServedProtocol;
}

export interface ProbeCheck {
  ip: string;
  port: number;
  protocol: ServedProtocol;
  timeoutMs: number;
}

export type CheckOutcome = 'connected' | 'refused' | 'timeout' | 'error';

export interface CheckResult {
  outcome: CheckOutcome;
  elapsedMs: number;
  detail?: string;
}

/** Requests an endpoint agent answers (the supervisor adds the `id`). */
export type AgentRequest =
  | { op: 'serve'; ports: ServedPort[] }
  | { op: 'probe'; checks: ProbeCheck[] };

export interface ServeResult {
  listening: ServedPort[];
  /** Ports that could not be opened, with the error (e.g. EADDRINUSE). */
  failed: { port: ServedPort; error: string }[];
}

export interface AgentResults {
  serve: ServeResult;
  probe: CheckResult[];
}

export type AgentReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** What the harness asks the supervisor. */
export type SupervisorRequest =
  | { id: number; op: 'exec'; file: string; args: string[]; input?: string }
  /** `netns`: the path of the namespace file to enter. */
  | { id: number; op: 'agent-start'; agent: string; netns: string }
  | { id: number; op: 'agent-stop'; agent: string }
  | { id: number; op: 'agent-call'; agent: string; request: AgentRequest }
  | { id: number; op: 'stats' };

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ProcessCost {
  /** PID inside the sandbox. */
  pid: number;
  command: string;
  rssKiB: number;
  /** Proportional set size: shared pages (the node binary) divided among the processes sharing them. */
  pssKiB: number;
  privateKiB: number;
}

export interface SandboxStats {
  processes: ProcessCost[];
  /** Agent name -> PID inside the sandbox. */
  agents: Record<string, number>;
}

export interface SupervisorResults {
  exec: ExecResult;
  'agent-start': { pid: number };
  'agent-stop': null;
  'agent-call': unknown;
  stats: SandboxStats;
}

export type SupervisorReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string }
  /** Sent once, unsolicited, when the sandbox is ready. */
  | { ready: true; pid: number };
