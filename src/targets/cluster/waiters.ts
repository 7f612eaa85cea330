// Bounded waits: pods becoming Ready (with the API's reasons when they do not) and objects going away.
import type { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import { TargetError } from '../../model/errors.js';
import { isNotFound } from './kube.js';
import { sleep } from './pool.js';

export interface PodRef {
  namespace: string;
  name: string;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

export function isPodReady(pod: V1Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') && (pod.status?.podIP ?? '') !== '';
}

/** Why a pod is not ready, from its status: phase, unready conditions, container states. */
export function podProblems(pod: V1Pod | undefined): string[] {
  if (!pod) return ['not found'];
  const problems: string[] = [`phase ${pod.status?.phase ?? 'unknown'}`];
  for (const c of pod.status?.conditions ?? []) {
    if (c.status !== 'True' && (c.reason || c.message)) problems.push(`${c.type}: ${[c.reason, c.message].filter(Boolean).join(' ')}`);
  }
  for (const s of pod.status?.containerStatuses ?? []) {
    const waiting = s.state?.waiting;
    const terminated = s.state?.terminated;
    if (waiting) problems.push(`container ${s.name} waiting: ${[waiting.reason, waiting.message].filter(Boolean).join(' ')}`);
    else if (terminated) problems.push(`container ${s.name} terminated: ${terminated.reason ?? ''} exit ${terminated.exitCode}`);
    else if (!s.ready) problems.push(`container ${s.name} not ready (restarts ${s.restartCount})`);
  }
  return problems;
}

async function recentEvents(core: CoreV1Api, ref: PodRef): Promise<string[]> {
  try {
    const list = await core.listNamespacedEvent({ namespace: ref.namespace, fieldSelector: `involvedObject.name=${ref.name}` });
    return list.items
      .filter((e) => e.type !== 'Normal')
      .slice(-3)
      .map((e) => `event ${e.reason ?? ''}: ${(e.message ?? '').trim()}`);
  } catch {
    return []; // Events are a courtesy; the pod's own status already says it is not ready.
  }
}

/**
 * Polls until every pod is Ready with an IP. On timeout the error lists each pod that is not,
 * with its status and recent warning events, in one line.
 */
export async function waitPodsReady(core: CoreV1Api, refs: readonly PodRef[], timeoutMs: number, pollMs: number, label: string): Promise<Map<string, V1Pod>> {
  const ready = new Map<string, V1Pod>();
  const key = (r: PodRef): string => `${r.namespace}/${r.name}`;
  const deadline = Date.now() + timeoutMs;
  const last = new Map<string, V1Pod | undefined>();
  for (;;) {
    const namespaces = [...new Set(refs.filter((r) => !ready.has(key(r))).map((r) => r.namespace))];
    for (const namespace of namespaces) {
      const list = await core.listNamespacedPod({ namespace, labelSelector: label });
      for (const pod of list.items) {
        const k = `${namespace}/${pod.metadata?.name ?? ''}`;
        last.set(k, pod);
        if (isPodReady(pod)) ready.set(k, pod);
      }
    }
    const pending = refs.filter((r) => !ready.has(key(r)));
    if (pending.length === 0) return ready;
    if (Date.now() >= deadline) {
      const described = await Promise.all(
        pending.map(async (r) => `${key(r)} (${[...podProblems(last.get(key(r))), ...(await recentEvents(core, r))].join('; ')})`),
      );
      throw new TargetError(`pods not Ready after ${formatDuration(timeoutMs)}: ${described.join(', ')}`);
    }
    await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())));
  }
}

/** Polls `read` until it answers 404; `what` names the object in the timeout error. */
export async function waitGone(read: () => Promise<unknown>, what: string, timeoutMs: number, pollMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await read();
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    if (Date.now() >= deadline) throw new TargetError(`${what} still exists ${formatDuration(timeoutMs)} after it was deleted`);
    await sleep(pollMs);
  }
}
