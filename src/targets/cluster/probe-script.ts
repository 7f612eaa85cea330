// One exec per source pod per round: a shell script that runs every probe of that pod in parallel
// with `agnhost connect` (upstream's prober) and prints one marker line per probe with its exit
// status and its message (agnhost prints TIMEOUT, REFUSED, DNS, OTHER or UNKNOWN on failure).
import type { ProbeOutcome } from '../../model/verdicts.js';
import type { Protocol } from '../../model/api.js';

export const MARKER = '@@netpol';

export interface ProbeCommand {
  /** Destination address (IPv4 or IPv6) and port. */
  host: string;
  port: number;
  protocol: Protocol;
  timeoutSeconds: number;
}

export interface ProbeResult {
  outcome: ProbeOutcome;
  exitCode?: number;
  detail?: string;
}

export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The agnhost command line of one probe (also what a person runs to reproduce it). */
export function connectArgs(probe: ProbeCommand): string[] {
  return ['/agnhost', 'connect', hostPort(probe.host, probe.port), `--timeout=${probe.timeoutSeconds}s`, `--protocol=${probe.protocol.toLowerCase()}`];
}

/**
 * `sh -c` script running all probes concurrently. Every argument is an address, a number or a
 * fixed word, so nothing needs quoting; globbing is off so a message word like `*` stays literal.
 */
export function probeScript(probes: readonly ProbeCommand[]): string {
  const lines = ['set -f'];
  probes.forEach((probe, index) => {
    lines.push(
      `( out=$(${connectArgs(probe).join(' ')} 2>&1); rc=$?; printf '${MARKER} ${index} %s %s\\n' "$rc" "$(printf '%s ' $out)" ) &`,
    );
  });
  lines.push('wait');
  return lines.join('\n');
}

export function execCommand(probes: readonly ProbeCommand[]): string[] {
  return ['/bin/sh', '-c', probeScript(probes)];
}

const LINE = new RegExp(`^${MARKER} (\\d+) (\\d+) ?(.*)$`);

export function outcomeOf(exitCode: number, message: string): ProbeOutcome {
  if (exitCode === 0) return 'connected';
  if (message.startsWith('REFUSED')) return 'refused';
  if (message.startsWith('TIMEOUT')) return 'timeout';
  return 'error';
}

/** Results in probe order; a probe without a marker line is an error (the shell lost it). */
export function parseProbeOutput(stdout: string, count: number): ProbeResult[] {
  const results: (ProbeResult | undefined)[] = new Array<ProbeResult | undefined>(count).fill(undefined);
  for (const raw of stdout.split('\n')) {
    const match = LINE.exec(raw.trim());
    if (!match) continue;
    const index = Number(match[1]);
    const exitCode = Number(match[2]);
    const message = (match[3] ?? '').trim();
    if (index >= count) continue;
    const outcome = outcomeOf(exitCode, message);
    results[index] = { outcome, exitCode, ...(message !== '' ? { detail: message } : {}) };
  }
  return results.map((r) => r ?? { outcome: 'error', detail: 'the probe printed no result line' });
}
