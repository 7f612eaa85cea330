// REST handlers of the fake API server: the verbs the cluster target uses on namespaces, pods,
// events and networkpolicies, with the API server's status codes and Status bodies.
import { parse as parseYaml } from 'yaml';
import { apiServerMessage, validateDocument } from '../../src/validate/index.js';
import { isRecord, labelsMatch, mergePatch, type Store, type StoredNamespace, type StoredPod, type StoredPolicy } from './store.js';

export interface Reply {
  status: number;
  body: unknown;
}

export interface RequestInfo {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string;
  body: string;
}

export interface RouteHooks {
  /** A new pod was stored: the fake schedules its status. */
  podCreated(pod: StoredPod): void;
  /** How long a deleted namespace or pod stays (Terminating) before it is gone. */
  deleteDelayMs: number;
}

export function status(code: number, reason: string, message: string, details?: unknown): Reply {
  return { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code, ...(details ? { details } : {}) } };
}

const ok = (body: unknown, code = 200): Reply => ({ status: code, body });
const list = (kind: string, items: unknown[]): Reply => ok({ kind, apiVersion: kind === 'NetworkPolicyList' ? 'networking.k8s.io/v1' : 'v1', metadata: { resourceVersion: '1' }, items });
const notFound = (resource: string, name: string): Reply => status(404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });

type Parsed = { value: Record<string, unknown>; reply?: undefined } | { reply: Reply };

export function parseBody(info: RequestInfo): Parsed {
  try {
    const parsed: unknown = info.contentType.includes('yaml') ? parseYaml(info.body) : JSON.parse(info.body);
    return isRecord(parsed) ? { value: parsed } : { reply: status(400, 'BadRequest', 'the body is not an object') };
  } catch (error) {
    return { reply: status(400, 'BadRequest', `cannot decode the body: ${(error as Error).message}`) };
  }
}

/** The metadata of a merge patch (the only patch the fake takes on namespaces and pods). */
function mergePatchMetadata(info: RequestInfo, resource: string): Parsed {
  if (!info.contentType.includes('merge-patch')) return { reply: status(415, 'UnsupportedMediaType', `the fake supports merge patches on ${resource}, not ${info.contentType}`) };
  const parsed = parseBody(info);
  if (parsed.reply) return parsed;
  const metadata = parsed.value['metadata'];
  return { value: isRecord(metadata) ? metadata : {} };
}

/** The project's own validator stands in for the API server's (strict field validation). */
function validate(raw: Record<string, unknown>, kind: string, name: string): Reply | undefined {
  const { problems } = validateDocument(raw, { file: 'request' }, { unknownFields: 'error' });
  if (problems.length === 0) return undefined;
  const decoding = problems.filter((p) => p.reason === 'TypeMismatch' || p.reason === 'UnknownField' || p.reason === 'Syntax');
  if (decoding.length > 0) return status(400, 'BadRequest', `strict decoding error: ${decoding.map((p) => (p.reason === 'UnknownField' ? `unknown field "${p.field}"` : apiServerMessage(p))).join(', ')}`);
  const causes = problems.map((p) => ({ reason: `FieldValue${p.reason}`, message: apiServerMessage(p).slice(p.field === '' ? 0 : p.field.length + 2), field: p.field }));
  const message = `${kind}.networking.k8s.io "${name}" is invalid: ${problems.map(apiServerMessage).join(', ')}`;
  return status(422, 'Invalid', message, { name, group: 'networking.k8s.io', kind, causes });
}

export function handleNamespaces(store: Store, hooks: RouteHooks, info: RequestInfo, name: string | undefined): Reply {
  if (name === undefined) {
    if (info.method === 'GET') {
      const items = [...store.namespaces.values()].filter((n) => labelsMatch(info.query.get('labelSelector'), n.metadata.labels));
      const limit = Number(info.query.get('limit') ?? '0');
      return list('NamespaceList', limit > 0 ? items.slice(0, limit) : items);
    }
    if (info.method !== 'POST') return status(405, 'MethodNotAllowed', `${info.method} is not allowed on namespaces`);
    const parsed = parseBody(info);
    if (parsed.reply) return parsed.reply;
    const body = parsed.value;
    const meta = isRecord(body['metadata']) ? body['metadata'] : {};
    const newName = typeof meta['name'] === 'string' ? meta['name'] : '';
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(newName)) return status(422, 'Invalid', `Namespace "${newName}" is invalid: metadata.name: Invalid value`);
    if (store.namespaces.has(newName)) return status(409, 'AlreadyExists', `namespaces "${newName}" already exists`);
    const labels = { ...(meta['labels'] as Record<string, string> | undefined), 'kubernetes.io/metadata.name': newName };
    const ns: StoredNamespace = { apiVersion: 'v1', kind: 'Namespace', metadata: store.meta(newName, undefined, { labels, ...(isRecord(meta['annotations']) ? { annotations: meta['annotations'] as Record<string, string> } : {}) }), status: { phase: 'Active' } };
    store.namespaces.set(newName, ns);
    return ok(ns, 201);
  }
  const ns = store.namespaces.get(name);
  if (!ns) return notFound('namespaces', name);
  switch (info.method) {
    case 'GET':
      return ok(ns);
    case 'PATCH': {
      const patch = mergePatchMetadata(info, 'namespaces');
      if (patch.reply) return patch.reply;
      const patched = mergePatch(ns.metadata, patch.value) as StoredNamespace['metadata'];
      // The name label is the API server's, and immutable.
      ns.metadata = { ...patched, labels: { ...patched.labels, 'kubernetes.io/metadata.name': name } };
      store.touch(ns.metadata);
      return ok(ns);
    }
    case 'DELETE': {
      if (ns.status.phase !== 'Terminating') {
        ns.status.phase = 'Terminating';
        ns.metadata.deletionTimestamp = new Date().toISOString();
        setTimeout(() => store.purgeNamespace(name), hooks.deleteDelayMs);
      }
      return ok(ns);
    }
    default:
      return status(405, 'MethodNotAllowed', `${info.method} is not allowed on a namespace`);
  }
}

function namespaceReady(store: Store, namespace: string): Reply | undefined {
  const ns = store.namespaces.get(namespace);
  if (!ns) return notFound('namespaces', namespace);
  if (ns.status.phase === 'Terminating') return status(403, 'Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`);
  return undefined;
}

export function handlePods(store: Store, hooks: RouteHooks, info: RequestInfo, namespace: string, name: string | undefined): Reply {
  const key = `${namespace}/${name ?? ''}`;
  if (name === undefined) {
    if (info.method === 'GET') {
      return list('PodList', store.podsIn(namespace).filter((p) => labelsMatch(info.query.get('labelSelector'), p.metadata.labels)));
    }
    if (info.method !== 'POST') return status(405, 'MethodNotAllowed', `${info.method} is not allowed on pods`);
    const problem = namespaceReady(store, namespace);
    if (problem) return problem;
    const parsed = parseBody(info);
    if (parsed.reply) return parsed.reply;
    const body = parsed.value;
    const meta = isRecord(body['metadata']) ? body['metadata'] : {};
    const podName = typeof meta['name'] === 'string' ? meta['name'] : '';
    if (store.pods.has(`${namespace}/${podName}`)) return status(409, 'AlreadyExists', `pods "${podName}" already exists`);
    const spec = body['spec'] as StoredPod['spec'];
    if (!isRecord(spec) || !Array.isArray(spec.containers) || spec.containers.length === 0) return status(422, 'Invalid', `Pod "${podName}" is invalid: spec.containers: Required value`);
    const pod: StoredPod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...store.meta(podName, namespace, { labels: (meta['labels'] as Record<string, string> | undefined) ?? {} }), namespace },
      spec,
      status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [agnhost]' }] },
    };
    store.pods.set(`${namespace}/${podName}`, pod);
    hooks.podCreated(pod);
    return ok(pod, 201);
  }
  const pod = store.pods.get(key);
  if (!pod) return notFound('pods', name);
  switch (info.method) {
    case 'GET':
      return ok(pod);
    case 'PATCH': {
      const patch = mergePatchMetadata(info, 'pods');
      if (patch.reply) return patch.reply;
      if (Object.keys(patch.value).some((k) => k !== 'labels' && k !== 'annotations')) return status(422, 'Invalid', 'the fake only patches pod labels and annotations');
      pod.metadata = mergePatch(pod.metadata, patch.value) as StoredPod['metadata'];
      store.touch(pod.metadata);
      return ok(pod);
    }
    case 'DELETE':
      if (pod.metadata.deletionTimestamp === undefined) {
        pod.metadata.deletionTimestamp = new Date().toISOString();
        setTimeout(() => store.pods.get(key) === pod && store.pods.delete(key), hooks.deleteDelayMs);
      }
      return ok(pod);
    default:
      return status(405, 'MethodNotAllowed', `${info.method} is not allowed on a pod`);
  }
}

export function handleEvents(store: Store, info: RequestInfo, namespace: string): Reply {
  const field = info.query.get('fieldSelector') ?? '';
  const involved = /involvedObject\.name=([^,]+)/.exec(field)?.[1];
  return list('EventList', store.events.filter((e) => e.metadata.namespace === namespace && (involved === undefined || e.involvedObject.name === involved)));
}

export function handlePolicies(store: Store, info: RequestInfo, namespace: string, name: string | undefined): Reply {
  const key = `${namespace}/${name ?? ''}`;
  const dryRun = info.query.get('dryRun') === 'All';
  if (name === undefined) {
    if (info.method === 'GET') return list('NetworkPolicyList', store.policiesIn(namespace));
    if (info.method !== 'POST') return status(405, 'MethodNotAllowed', `${info.method} is not allowed on networkpolicies`);
    const problem = namespaceReady(store, namespace);
    if (problem) return problem;
    const parsed = parseBody(info);
    if (parsed.reply) return parsed.reply;
    const body = parsed.value;
    const meta = isRecord(body['metadata']) ? body['metadata'] : {};
    const policyName = typeof meta['name'] === 'string' ? meta['name'] : '';
    const invalid = validate(body, 'NetworkPolicy', policyName);
    if (invalid) return invalid;
    if (store.policies.has(`${namespace}/${policyName}`)) return status(409, 'AlreadyExists', `networkpolicies.networking.k8s.io "${policyName}" already exists`);
    const policy = stored(store, body, namespace, policyName, info.query.get('fieldManager') ?? 'unknown', 'Update');
    if (!dryRun) {
      store.policies.set(`${namespace}/${policyName}`, policy);
      store.policyGeneration++;
    }
    return ok(policy, 201);
  }
  const existing = store.policies.get(key);
  switch (info.method) {
    case 'GET':
      return existing ? ok(existing) : notFound('networkpolicies.networking.k8s.io', name);
    case 'PATCH': {
      if (info.contentType !== 'application/apply-patch+yaml') return status(415, 'UnsupportedMediaType', `the fake applies NetworkPolicies server-side only, not ${info.contentType}`);
      const manager = info.query.get('fieldManager');
      if (!manager) return status(400, 'BadRequest', 'PATCH /apply requires fieldManager');
      if (!existing) {
        const problem = namespaceReady(store, namespace);
        if (problem) return problem;
      }
      const parsed = parseBody(info);
      if (parsed.reply) return parsed.reply;
      const body = parsed.value;
      const invalid = validate(body, 'NetworkPolicy', name);
      if (invalid) return invalid;
      const policy = stored(store, body, namespace, name, manager, 'Apply');
      if (!dryRun) {
        store.policies.set(key, policy);
        store.policyGeneration++;
      }
      return ok(policy, existing ? 200 : 201);
    }
    case 'DELETE':
      if (!existing) return notFound('networkpolicies.networking.k8s.io', name);
      store.policies.delete(key);
      store.policyGeneration++;
      return ok({ kind: 'Status', apiVersion: 'v1', status: 'Success', details: { name, kind: 'networkpolicies' } });
    default:
      return status(405, 'MethodNotAllowed', `${info.method} is not allowed on a networkpolicy`);
  }
}

function stored(store: Store, body: Record<string, unknown>, namespace: string, name: string, manager: string, operation: string): StoredPolicy {
  const meta = isRecord(body['metadata']) ? body['metadata'] : {};
  const metadata = { ...store.meta(name, namespace, { labels: (meta['labels'] as Record<string, string> | undefined) ?? {} }), namespace, managedFields: [{ manager, operation }] };
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec: (body['spec'] as StoredPolicy['spec'] | undefined) ?? {} };
}

const WORKLOAD_RESOURCES: Record<string, { apiVersion: string; kind: string }> = {
  deployments: { apiVersion: 'apps/v1', kind: 'Deployment' },
  replicasets: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  statefulsets: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  daemonsets: { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  replicationcontrollers: { apiVersion: 'v1', kind: 'ReplicationController' },
  jobs: { apiVersion: 'batch/v1', kind: 'Job' },
  cronjobs: { apiVersion: 'batch/v1', kind: 'CronJob' },
};

/** Lists a reader of a live cluster asks for: every namespace's pods and policies, and workloads (all or one namespace's). */
export const READ_ONLY_LIST = /^\/(?:api\/v1|apis\/(?:apps|batch|networking\.k8s\.io)\/v1)(?:\/namespaces\/([^/]+))?\/(pods|networkpolicies|deployments|replicasets|statefulsets|daemonsets|replicationcontrollers|jobs|cronjobs)$/;

export function handleReadOnlyList(store: Store, namespace: string | undefined, resource: string): Reply {
  const inScope = (meta: { namespace?: string }): boolean => namespace === undefined || meta.namespace === namespace;
  if (resource === 'pods') return list('PodList', [...store.pods.values()].filter((p) => inScope(p.metadata)));
  if (resource === 'networkpolicies') return list('NetworkPolicyList', [...store.policies.values()].filter((p) => inScope(p.metadata)));
  const type = WORKLOAD_RESOURCES[resource];
  if (!type) return status(404, 'NotFound', `no resource ${resource}`);
  // A real API server's list items carry no apiVersion and kind: the list's kind says them.
  const items = store.workloads.filter((w) => w.kind === type.kind && inScope(w.metadata)).map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
  return ok({ kind: `${type.kind}List`, apiVersion: type.apiVersion, metadata: { resourceVersion: '1' }, items });
}
