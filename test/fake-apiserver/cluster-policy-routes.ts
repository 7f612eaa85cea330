// REST handlers of the fake API server for the cluster-scoped policy kinds (custom resources of
// policy.networking.k8s.io): list with label selectors, get, create (with dry run), server-side
// apply, delete, and the API group in discovery. Validation is the project's own, standing in for
// the CRDs the real API server would evaluate.
import { apiServerMessage, validateDocument } from '../../src/validate/index.js';
import { parseBody, status, type Reply, type RequestInfo } from './routes.js';
import { isRecord, labelsMatch, type Store, type StoredClusterPolicy } from './store.js';

export const POLICY_KINDS: Record<string, { kind: StoredClusterPolicy['kind']; version: string }> = {
  clusternetworkpolicies: { kind: 'ClusterNetworkPolicy', version: 'v1alpha2' },
  adminnetworkpolicies: { kind: 'AdminNetworkPolicy', version: 'v1alpha1' },
  baselineadminnetworkpolicies: { kind: 'BaselineAdminNetworkPolicy', version: 'v1alpha1' },
};

const GROUP = 'policy.networking.k8s.io';

/** GET /apis: the groups the fake serves, policy.networking.k8s.io with the configured versions. */
export function apiGroupList(policyVersions: readonly string[]): Reply {
  const group = (name: string, versions: readonly string[]) => ({
    name,
    versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${name}/${versions[0] ?? ''}`, version: versions[0] ?? '' },
  });
  const groups = [group('networking.k8s.io', ['v1']), ...(policyVersions.length > 0 ? [group(GROUP, policyVersions)] : [])];
  return { status: 200, body: { kind: 'APIGroupList', apiVersion: 'v1', groups } };
}

function invalid(body: Record<string, unknown>, kind: string, name: string, plural: string): Reply | undefined {
  const { problems } = validateDocument(body, { file: 'request' }, { unknownFields: 'error' });
  if (problems.length === 0) return undefined;
  const decoding = problems.filter((p) => p.reason === 'TypeMismatch' || p.reason === 'UnknownField');
  if (decoding.length > 0) return status(400, 'BadRequest', `strict decoding error: ${decoding.map((p) => (p.reason === 'UnknownField' ? `unknown field "${p.field}"` : apiServerMessage(p))).join(', ')}`);
  const causes = problems.map((p) => ({ reason: `FieldValue${p.reason}`, message: apiServerMessage(p).slice(p.field === '' ? 0 : p.field.length + 2), field: p.field }));
  return status(422, 'Invalid', `${kind}.${GROUP} "${name}" is invalid: ${problems.map(apiServerMessage).join(', ')}`, { name, group: GROUP, kind: plural, causes });
}

function stored(store: Store, body: Record<string, unknown>, kind: StoredClusterPolicy['kind'], version: string, name: string): StoredClusterPolicy {
  const meta = isRecord(body['metadata']) ? body['metadata'] : {};
  const labels = (meta['labels'] as Record<string, string> | undefined) ?? {};
  const annotations = meta['annotations'] as Record<string, string> | undefined;
  return { apiVersion: `${GROUP}/${version}`, kind, metadata: store.meta(name, undefined, { labels, ...(annotations ? { annotations } : {}) }), spec: isRecord(body['spec']) ? body['spec'] : {} };
}

export function handleClusterPolicies(store: Store, info: RequestInfo, version: string, plural: string, name: string | undefined): Reply {
  const resource = POLICY_KINDS[plural];
  if (!resource || resource.version !== version) return status(404, 'NotFound', `the server could not find the requested resource (${info.method} ${info.path})`);
  const key = `${plural}/${name ?? ''}`;
  const notFound = (): Reply => status(404, 'NotFound', `${plural}.${GROUP} "${name ?? ''}" not found`, { name, group: GROUP, kind: plural });
  if (name === undefined) {
    if (info.method === 'GET') {
      const items = [...store.clusterPolicies.entries()].filter(([k, p]) => k.startsWith(`${plural}/`) && labelsMatch(info.query.get('labelSelector'), p.metadata.labels)).map(([, p]) => p);
      return { status: 200, body: { apiVersion: `${GROUP}/${version}`, kind: `${resource.kind}List`, metadata: { resourceVersion: '1' }, items } };
    }
    if (info.method !== 'POST') return status(405, 'MethodNotAllowed', `${info.method} is not allowed on ${plural}`);
    const parsed = parseBody(info);
    if (parsed.reply) return parsed.reply;
    const body = parsed.value;
    const meta = isRecord(body['metadata']) ? body['metadata'] : {};
    const newName = typeof meta['name'] === 'string' ? meta['name'] : '';
    const problem = invalid(body, resource.kind, newName, plural);
    if (problem) return problem;
    if (store.clusterPolicies.has(`${plural}/${newName}`)) return status(409, 'AlreadyExists', `${plural}.${GROUP} "${newName}" already exists`);
    const object = stored(store, body, resource.kind, version, newName);
    if (info.query.get('dryRun') !== 'All') {
      store.clusterPolicies.set(`${plural}/${newName}`, object);
      store.policyGeneration++;
    }
    return { status: 201, body: object };
  }
  const existing = store.clusterPolicies.get(key);
  switch (info.method) {
    case 'GET':
      return existing ? { status: 200, body: existing } : notFound();
    case 'PATCH': {
      if (info.contentType !== 'application/apply-patch+yaml') return status(415, 'UnsupportedMediaType', `the fake applies ${plural} server-side only, not ${info.contentType}`);
      if (!info.query.get('fieldManager')) return status(400, 'BadRequest', 'PATCH /apply requires fieldManager');
      const parsed = parseBody(info);
      if (parsed.reply) return parsed.reply;
      const problem = invalid(parsed.value, resource.kind, name, plural);
      if (problem) return problem;
      store.clusterPolicies.set(key, stored(store, parsed.value, resource.kind, version, name));
      store.policyGeneration++;
      return { status: existing ? 200 : 201, body: store.clusterPolicies.get(key) };
    }
    case 'DELETE':
      if (!existing) return notFound();
      store.clusterPolicies.delete(key);
      store.policyGeneration++;
      return { status: 200, body: { kind: 'Status', apiVersion: 'v1', status: 'Success', details: { name, group: GROUP, kind: plural } } };
    default:
      return status(405, 'MethodNotAllowed', `${info.method} is not allowed on a ${resource.kind}`);
  }
}
