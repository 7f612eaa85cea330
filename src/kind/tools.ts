// The external programs `cluster up|down` drive (through execa), and one clear line when any is
// missing: which, and where to get it.
import { execa } from 'execa';
import { findOnPath } from '../find-on-path.js';
import { TargetError } from '../model/errors.js';

export const TOOLS = {
  docker: 'https://docs.docker.com/engine/install/',
  kind: 'https://kind.sigs.k8s.io/docs/user/quick-start/#installation',
  kubectl: 'https://kubernetes.io/docs/tasks/tools/#kubectl',
  helm: 'https://helm.sh/docs/intro/install/',
} as const;
export type Tool = keyof typeof TOOLS;

export function requireTools(tools: readonly Tool[], env: NodeJS.ProcessEnv = process.env): void {
  const missing = tools.filter((t) => findOnPath(t, env['PATH']) === undefined);
  if (missing.length === 0) return;
  const how = missing.map((t) => `${t} (${TOOLS[t]})`).join(', ');
  throw new TargetError(`missing on PATH: ${how}; install ${missing.length === 1 ? 'it' : 'them'} and retry`);
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs a command; `check` (the default) turns a non-zero exit into one line naming the command. */
export type Runner = (file: string, args: readonly string[], options?: { input?: string; check?: boolean }) => Promise<CommandResult>;

export function createRunner(env: NodeJS.ProcessEnv = process.env, log?: (line: string) => void): Runner {
  return async (file, args, options = {}) => {
    log?.(`$ ${[file, ...args].join(' ')}`);
    const result = await execa(file, [...args], { env, extendEnv: false, reject: false, ...(options.input !== undefined ? { input: options.input } : {}) });
    const outcome = { stdout: result.stdout ?? '', stderr: result.stderr ?? '', exitCode: result.exitCode ?? -1 };
    if ((options.check ?? true) && outcome.exitCode !== 0) {
      const detail = (outcome.stderr.trim().split('\n').at(-1) ?? '').trim() || result.shortMessage;
      throw new TargetError(`${file} ${args.slice(0, 3).join(' ')} failed (exit ${outcome.exitCode}): ${detail}`);
    }
    return outcome;
  };
}

/** docker is installed but is its engine running? kind needs it. */
export async function requireDockerEngine(run: Runner): Promise<void> {
  const info = await run('docker', ['info', '--format', '{{.ServerVersion}}'], { check: false });
  if (info.exitCode !== 0) {
    const why = (info.stderr.trim().split('\n').at(-1) ?? '').trim();
    throw new TargetError(`docker is installed but its engine does not answer (docker info: ${why || `exit ${info.exitCode}`}); start Docker and retry`);
  }
}
