// Sandboxes kept after their run (`--keep`), so a person can enter them: each is recorded in a
// file of the machine's temporary folder; `cleanup --target netns` kills what the records name.
// A record is trusted only while its process still carries the run's marker and start time, so a
// reused process id is never killed.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Environment variable every process of a run carries (inherited), so leftovers can be found. */
export const RUN_MARKER = 'NETPOL_NETNS_RUN';

export interface KeptSandbox {
  runId: string;
  /** The supervisor, PID 1 of the sandbox, as the machine sees it: `nsenter -t` enters through it. */
  initPid: number;
  /** Its start time (field 22 of /proc/PID/stat), to tell it from a later process with its PID. */
  startTime: string;
  /** The command prefix that enters the sandbox. */
  enter: string;
  /** The pod namespaces in it, for the message. */
  namespaces: string[];
  created: string;
}

export function keptDir(): string {
  return join(tmpdir(), 'netpol-conformance-netns-kept');
}

export function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function carriesMarker(pid: number, marker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(marker);
  } catch {
    return false;
  }
}

export function recordKept(kept: KeptSandbox): void {
  mkdirSync(keptDir(), { recursive: true });
  writeFileSync(join(keptDir(), `${kept.runId}.json`), `${JSON.stringify(kept, null, 2)}\n`);
}

/** Every recorded sandbox, and whether it still runs. */
export function listKept(): { kept: KeptSandbox; alive: boolean }[] {
  let files: string[];
  try {
    files = readdirSync(keptDir()).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.flatMap((file) => {
    try {
      const kept = JSON.parse(readFileSync(join(keptDir(), file), 'utf8')) as KeptSandbox;
      const alive = startTimeOf(kept.initPid) === kept.startTime && carriesMarker(kept.initPid, `${RUN_MARKER}=${kept.runId}`);
      return [{ kept, alive }];
    } catch {
      return [];
    }
  });
}

/** Kills the kept sandboxes (all, or the one of `runId`) and forgets them. */
export function removeKept(options: { runId?: string; dryRun?: boolean } = {}): { removed: KeptSandbox[]; gone: KeptSandbox[] } {
  const removed: KeptSandbox[] = [];
  const gone: KeptSandbox[] = [];
  for (const { kept, alive } of listKept()) {
    if (options.runId !== undefined && kept.runId !== options.runId) continue;
    (alive ? removed : gone).push(kept);
    if (options.dryRun) continue;
    // PID 1 of the sandbox's PID namespace: when it dies, the kernel ends every process in it, and
    // with them every namespace, veth and mount of the run.
    if (alive) process.kill(kept.initPid, 'SIGKILL');
    rmSync(join(keptDir(), `${kept.runId}.json`), { force: true });
  }
  return { removed, gone };
}
