// Runs one command in a pod over the exec WebSocket and collects stdout, stderr and the exit status
// (the V1Status on channel 3), with a deadline so a hung exec cannot stall a probe round.
import { Writable } from 'node:stream';
import { Exec, type KubeConfig, type V1Status } from '@kubernetes/client-node';

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export class ExecFailure extends Error {}

class Collector extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    callback();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export function exitCodeOf(status: V1Status): number | undefined {
  if (status.status === 'Success') return 0;
  if (status.reason !== 'NonZeroExitCode') return undefined;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = Number(cause?.message);
  return Number.isInteger(code) ? code : undefined;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}

export interface PodExecutor {
  exec(namespace: string, pod: string, container: string, command: string[], timeoutMs: number): Promise<ExecResult>;
}

export function createPodExecutor(kc: KubeConfig): PodExecutor {
  const api = new Exec(kc);
  return {
    async exec(namespace, pod, container, command, timeoutMs) {
      const stdout = new Collector();
      const stderr = new Collector();
      let settle: { resolve: (s: V1Status | undefined) => void; reject: (e: Error) => void } | undefined;
      const finished = new Promise<V1Status | undefined>((resolve, reject) => (settle = { resolve, reject }));
      let socket: Awaited<ReturnType<Exec['exec']>>;
      try {
        socket = await api.exec(namespace, pod, container, command, stdout, stderr, null, false, (status) => settle?.resolve(status));
      } catch (error) {
        throw new ExecFailure(`exec in pod ${namespace}/${pod} could not start: ${errorText(error)}`, { cause: error });
      }
      // A socket that closes without a status (v4/v5 always send one) means the exec was cut off.
      socket.on('close', () => settle?.resolve(undefined));
      socket.on('error', (error) => settle?.reject(new ExecFailure(`exec in pod ${namespace}/${pod} failed: ${errorText(error)}`)));
      const timer = setTimeout(() => {
        settle?.reject(new ExecFailure(`exec in pod ${namespace}/${pod} did not finish within ${timeoutMs} ms`));
        socket.terminate();
      }, timeoutMs);
      try {
        const status = await finished;
        if (status === undefined) throw new ExecFailure(`exec in pod ${namespace}/${pod} ended without an exit status`);
        const exitCode = exitCodeOf(status);
        if (exitCode === undefined) {
          throw new ExecFailure(`exec in pod ${namespace}/${pod} failed: ${status.message ?? status.reason ?? 'unknown failure'}`);
        }
        return { stdout: stdout.text(), stderr: stderr.text(), exitCode };
      } finally {
        clearTimeout(timer);
        if (socket.readyState === socket.OPEN) socket.close();
      }
    },
  };
}
