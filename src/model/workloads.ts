// Workloads become the endpoints their pod template would give: a StatefulSet's pods as the API
// names them (`db-0`, `db-1`, ...); any other workload one endpoint named after it, with its kind
// (`web[Deployment]`), or one per replica when asked (`web-0[Deployment]`, ...). Pods owned by a
// workload of the input (directly, or through a ReplicaSet or Job it owns) are that workload's
// pods: they are grouped under it, not counted twice, and lend it their addresses.
import type { OwnerReference, Pod, Workload } from './api.js';

export interface WorkloadOptions {
  /** One endpoint per replica (spec.replicas, a Job's parallelism) instead of one per workload. */
  replicas?: boolean;
}

/** `web[Deployment]`: the endpoint name of a workload that is not one pod. */
export function workloadEndpointName(name: string, kind: string): string {
  return `${name}[${kind}]`;
}

/** `prod/web[Deployment]` -> `prod/web`: the short form every command accepts. */
export function shortEndpointName(id: string): string {
  return id.replace(/\[[A-Za-z]+\]$/, '');
}

const key = (namespace: string, kind: string, name: string): string => `${namespace}/${kind}/${name}`;

function ownerIn(namespace: string, owners: readonly OwnerReference[] | undefined, byKey: ReadonlyMap<string, Workload>): Workload | undefined {
  for (const o of owners ?? []) {
    const found = byKey.get(key(namespace, o.kind, o.name));
    if (found) return found;
  }
  return undefined;
}

/** The outermost workload of the input that owns `w` (itself when nothing owns it). */
function rootOf(w: Workload, byKey: ReadonlyMap<string, Workload>): Workload {
  let here = w;
  for (let depth = 0; depth < 5; depth++) {
    const up = ownerIn(here.metadata.namespace, here.metadata.ownerReferences, byKey);
    if (!up) break;
    here = up;
  }
  return here;
}

function podFor(w: Workload, name: string, ip?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: w.metadata.namespace, ...(w.template.labels ? { labels: { ...w.template.labels } } : {}) },
    spec: structuredClone(w.template.spec),
    ...(ip !== undefined ? { status: { podIP: ip } } : {}),
  };
}

/** The pods a root workload stands for. */
function endpointsOf(w: Workload, owned: readonly Pod[], options: WorkloadOptions): Pod[] {
  const { name } = w.metadata;
  if (w.kind === 'StatefulSet' || options.replicas) {
    // Real pods of the workload, when the input has them, are its replicas.
    if (owned.length > 0) return [...owned];
    const count = w.kind === 'DaemonSet' ? 1 : (w.replicas ?? 1);
    return Array.from({ length: count }, (_, i) => podFor(w, w.kind === 'StatefulSet' ? `${name}-${i}` : workloadEndpointName(`${name}-${i}`, w.kind)));
  }
  return [podFor(w, workloadEndpointName(name, w.kind), owned.find((p) => p.status?.podIP)?.status?.podIP)];
}

/** A pod of the result, and the workload it stands for (none for a pod of the input no workload owns). */
export interface ExpandedPod {
  pod: Pod;
  workload?: Workload;
}

/**
 * Pods and workloads in, pods out: each root workload replaced by its endpoints, the pods it owns
 * folded into it, every other pod kept.
 */
export function expandWorkloads(pods: readonly Pod[], workloads: readonly Workload[], options: WorkloadOptions = {}): ExpandedPod[] {
  const byKey = new Map(workloads.map((w) => [key(w.metadata.namespace, w.kind, w.metadata.name), w]));
  const owned = new Map<Workload, Pod[]>();
  const free: Pod[] = [];
  for (const pod of pods) {
    const owner = ownerIn(pod.metadata.namespace, pod.metadata.ownerReferences, byKey);
    if (!owner) {
      free.push(pod);
      continue;
    }
    const root = rootOf(owner, byKey);
    owned.set(root, [...(owned.get(root) ?? []), pod]);
  }
  const roots = workloads.filter((w) => rootOf(w, byKey) === w);
  const fromWorkloads = roots.flatMap((w) => endpointsOf(w, [...(owned.get(w) ?? [])].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)), options).map((pod) => ({ pod, workload: w })));
  return [...free.map((pod) => ({ pod })), ...fromWorkloads];
}

/**
 * The endpoint a name given on the command line means: itself, or the one endpoint whose short
 * form it is (`prod/web` for `prod/web[Deployment]`). Unknown names come back unchanged (the
 * engine reports them with the known ones); a short form that fits several is ambiguous.
 */
export function resolveEndpointName(ids: readonly string[], name: string): { id: string } | { ambiguous: string[] } {
  if (ids.includes(name)) return { id: name };
  const matches = ids.filter((id) => shortEndpointName(id) === name);
  if (matches.length > 1) return { ambiguous: matches };
  return { id: matches[0] ?? name };
}
