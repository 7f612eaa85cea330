// Probes: real connections from the source endpoint's agent to the destination address, all flows
// of a round in parallel. A flow whose outcome disagrees with what the caller expects is probed
// again (bounded rounds) before it is reported, so one lost datagram does not fail a scenario.
import { UnknownEndpointError } from '../../model/errors.js';
import { observedReachability, type Flow, type Observation, type Reachability } from '../../model/verdicts.js';
import { chooseFamily } from '../../model/topology.js';
import type { Dataplane, Endpoint } from './dataplane.js';
import { addressOf, buildable } from './dataplane-plan.js';
import { ipFamilyOf, type AddressFamily } from './nft-addresses.js';
import type { CheckResult, ProbeCheck, ServedProtocol } from './protocol.js';

export interface ProbeSettings {
  /** How long a connect or a datagram may wait for an answer. */
  timeoutMs: number;
  /** Attempts per flow at most (the first probe included). */
  maxAttempts: number;
  /** Pause between rounds, so a transient condition can pass. */
  retryDelayMs: number;
  /** Why SCTP flows cannot be probed. */
  sctpReason: string;
  /** Whether the sandbox is kept after the run (`--keep`): reproduce commands then work after it. */
  keep?: boolean;
}

/** The sandbox dies with the run unless it is kept: say so next to each reproduce command. */
export const REPRODUCE_WHILE_RUNNING = 'works while the run lasts; run with --keep to keep the sandbox after it';

/** A command a person can run (while the run is alive) to repeat the probe. */
export function reproduceCommand(enter: string, source: Endpoint, destIp: string, flow: Flow): string {
  const script =
    flow.protocol === 'UDP'
      ? // `read` would take a datagram one byte at a time and lose the rest: dd reads it whole.
        `exec 3<>/dev/udp/${destIp}/${flow.port}; echo probe >&3; timeout 1 dd bs=512 count=1 <&3 2>/dev/null | grep -q probe && echo connected`
      : `exec 3<>/dev/tcp/${destIp}/${flow.port} && echo connected`;
  return `${enter} ip netns exec ${source.netns} timeout 2 bash -c '${script}'`;
}

function disagrees(observed: Reachability, expected: Reachability | undefined): boolean {
  if (observed === 'unknown') return true;
  return expected !== undefined && expected !== 'unknown' && observed !== expected;
}

interface Job {
  index: number;
  flow: Flow;
  source: Endpoint;
  check: ProbeCheck;
}

export async function probeFlows(
  dataplane: Dataplane,
  flows: readonly Flow[],
  expected: readonly Reachability[] | undefined,
  settings: ProbeSettings,
): Promise<Observation[]> {
  const known = [...dataplane.endpoints.keys()];
  const lookup = (id: string): Endpoint => {
    const endpoint = dataplane.endpoints.get(id);
    if (!endpoint) throw new UnknownEndpointError(id, known);
    return endpoint;
  };
  const enter = dataplane.sandbox.enterCommand();
  const results: Observation[] = new Array(flows.length);
  const jobs: Job[] = [];
  const wantServed = new Map<string, { port: number; protocol: ServedProtocol }[]>();
  flows.forEach((flow, index) => {
    const source = lookup(flow.from);
    const dest = lookup(flow.to);
    if (flow.protocol === 'SCTP') {
      results[index] = { kind: 'probe', flow, outcome: 'error', elapsedMs: 0, attempts: 0, detail: `not probed: ${settings.sctpReason}` };
      return;
    }
    // The flow goes in one address family: the one it names, else the destination's first that the
    // source has too (model/topology.ts flowFamily); the probe connects to that address.
    const families = (e: Endpoint): AddressFamily[] => buildable(e.ips, dataplane.ipv6).map(ipFamilyOf);
    const family = chooseFamily(families(source), families(dest), flow.family);
    const address = family === undefined ? undefined : addressOf(dest, family);
    if (address === undefined) {
      const has = (e: Endpoint): string => families(e).map((f) => `IPv${f}`).join(' and ') || 'no address';
      results[index] = { kind: 'probe', flow, outcome: 'error', elapsedMs: 0, attempts: 0, detail: `not probed: ${source.id} has ${has(source)}, ${dest.id} has ${has(dest)}${flow.family ? `, and the flow is over IPv${flow.family}` : ''}` };
      return;
    }
    const protocol = flow.protocol;
    wantServed.set(dest.id, [...(wantServed.get(dest.id) ?? []), { port: flow.port, protocol }]);
    jobs.push({ index, flow, source, check: { ip: address, port: flow.port, protocol, timeoutMs: settings.timeoutMs } });
  });
  await Promise.all([...wantServed].map(([id, ports]) => dataplane.ensureServed(id, ports)));

  let pending = jobs;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, settings.retryDelayMs));
    const outcomes = await runRound(dataplane, pending);
    const again: Job[] = [];
    pending.forEach((job, i) => {
      const result = outcomes[i] ?? { outcome: 'error', elapsedMs: 0, detail: 'no result from the agent' };
      const observation: Observation = {
        kind: 'probe',
        flow: job.flow,
        outcome: result.outcome,
        elapsedMs: result.elapsedMs,
        attempts: attempt,
        ...(result.detail !== undefined ? { detail: result.detail } : {}),
        reproduce: reproduceCommand(enter, job.source, job.check.ip, job.flow),
        ...(settings.keep ? {} : { reproduceWhen: REPRODUCE_WHILE_RUNNING }),
      };
      results[job.index] = observation;
      if (attempt < settings.maxAttempts && disagrees(observedReachability(observation), expected?.[job.index])) again.push(job);
    });
    pending = again;
  }
  return results;
}

/** One round: every pending check, grouped by source agent, all in parallel. */
async function runRound(dataplane: Dataplane, jobs: readonly Job[]): Promise<CheckResult[]> {
  const bySource = new Map<string, number[]>();
  jobs.forEach((job, i) => bySource.set(job.source.id, [...(bySource.get(job.source.id) ?? []), i]));
  const outcomes: CheckResult[] = new Array(jobs.length);
  await Promise.all(
    [...bySource].map(async ([source, indexes]) => {
      const checks = indexes.map((i) => (jobs[i] as Job).check);
      const results = await dataplane.sandbox.call(source, { op: 'probe', checks });
      indexes.forEach((i, k) => {
        outcomes[i] = results[k] ?? { outcome: 'error', elapsedMs: 0, detail: 'no result from the agent' };
      });
    }),
  );
  return outcomes;
}
