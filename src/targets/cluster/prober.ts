// Probe rounds. Round one probes every flow; later rounds re-probe only the flows that disagree
// with the caller's expectation (enforcement is eventually consistent) or whose exec failed, until
// the round budget or the time window is used up. Each round costs one exec per source endpoint.
import { TargetError } from '../../model/errors.js';
import { observedReachability, type Flow, type Observation, type Reachability } from '../../model/verdicts.js';
import { ExecFailure } from './exec-runner.js';
import { mapPool, sleep } from './pool.js';
import type { ProbeCommand, ProbeResult } from './probe-script.js';

export interface PlannedProbe {
  flow: Flow;
  /** Endpoint id that runs the probe. */
  source: string;
  command: ProbeCommand;
  reproduce: string;
  notes: readonly string[];
}

/** Runs the probes of one source endpoint in one exec; throws ExecFailure when the exec itself fails. */
export type BatchRunner = (source: string, probes: readonly ProbeCommand[]) => Promise<ProbeResult[]>;

export interface RoundSettings {
  probeRounds: number;
  probeWindowMs: number;
  reprobeDelayMs: number;
  execConcurrency: number;
}

interface FlowState {
  attempts: number;
  result?: ProbeResult;
  elapsedMs: number;
}

function observation(p: PlannedProbe, s: FlowState & { result: ProbeResult }): Observation {
  const detail = [s.result.detail, ...p.notes].filter((d): d is string => d !== undefined && d !== '').join('; ');
  return {
    kind: 'probe',
    flow: p.flow,
    outcome: s.result.outcome,
    elapsedMs: s.elapsedMs,
    attempts: s.attempts,
    ...(detail !== '' ? { detail } : {}),
    reproduce: p.reproduce,
  };
}

function agrees(result: ProbeResult, expected: Reachability | undefined): boolean {
  if (expected === undefined || expected === 'unknown') return true;
  return observedReachability({ kind: 'probe', flow: { from: '', to: '', port: 0, protocol: 'TCP' }, outcome: result.outcome, elapsedMs: 0, attempts: 0 }) === expected;
}

export async function probeInRounds(
  planned: readonly PlannedProbe[],
  expected: readonly Reachability[] | undefined,
  run: BatchRunner,
  settings: RoundSettings,
): Promise<Observation[]> {
  const states: FlowState[] = planned.map(() => ({ attempts: 0, elapsedMs: 0 }));
  const started = Date.now();
  let pending = planned.map((_, i) => i);
  const failures = new Map<string, ExecFailure>();
  const tries = new Map<string, number>();
  for (let round = 1; pending.length > 0; round++) {
    const groups = new Map<string, number[]>();
    for (const i of pending) {
      const source = planned[i]?.source ?? '';
      groups.set(source, [...(groups.get(source) ?? []), i]);
    }
    failures.clear();
    await mapPool([...groups], settings.execConcurrency, async ([source, indices]) => {
      const begin = Date.now();
      tries.set(source, (tries.get(source) ?? 0) + 1);
      try {
        const results = await run(source, indices.map((i) => (planned[i] as PlannedProbe).command));
        const elapsedMs = Date.now() - begin;
        indices.forEach((i, k) => {
          const state = states[i] as FlowState;
          state.attempts++;
          state.elapsedMs = elapsedMs;
          state.result = results[k] ?? { outcome: 'error', detail: 'no result' };
        });
      } catch (error) {
        if (!(error instanceof ExecFailure)) throw error;
        failures.set(source, error);
      }
    });
    pending = pending.filter((i) => {
      const state = states[i] as FlowState;
      const source = planned[i]?.source ?? '';
      return failures.has(source) || !state.result || !agrees(state.result, expected?.[i]);
    });
    const elapsed = Date.now() - started;
    if (pending.length === 0 || round >= settings.probeRounds || elapsed + settings.reprobeDelayMs >= settings.probeWindowMs) break;
    await sleep(settings.reprobeDelayMs);
  }
  const [failedSource, failure] = [...failures].find(([source]) => planned.some((p, i) => p.source === source && !states[i]?.result)) ?? [];
  if (failure) {
    throw new TargetError(`${failure.message}; the probes from ${failedSource} could not run (exec tried ${tries.get(failedSource ?? '') ?? 0} times)`, { cause: failure });
  }
  return planned.map((p, i) => observation(p, states[i] as FlowState & { result: ProbeResult }));
}
