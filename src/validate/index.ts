// API-server-equivalent validation of one manifest document: kind and apiVersion, decoding (unknown
// fields, JSON types), then the kind's validation. Never throws on bad input: every rejection is a
// Problem (see problem.ts), and the typed object is returned only when there is none.
import { isWorkloadKind, WORKLOAD_KINDS, type KubeObject, type Namespace, type NetworkPolicy, type NetworkPolicySpec, type ObjectSource, type Pod, type Workload } from '../model/api.js';
import { ANP_API_VERSION, CNP_API_VERSION, isClusterPolicyKind, type ClusterPolicyKind } from '../model/cluster-policy.js';
import { validateClusterPolicy } from './cluster-policy.js';
import type { CrdChannel } from './crd/crd-files.js';
import type { FieldError, Findings } from './field-errors.js';
import { isDns1123Label, isDns1123Subdomain } from './names.js';
import { validateNetworkPolicySpec } from './network-policy.js';
import { validateObjectMeta, type DecodedMeta, type NameRule } from './object-meta.js';
import { podSpecFields, validatePodParts, type DecodedPodParts } from './pod.js';
import type { Problem } from './problem.js';
import { decode, type RootModel } from './schema.js';
import { tolerate } from './tolerance.js';
import { validateWorkload } from './workload.js';

export { apiServerMessage, formatProblem, type Problem } from './problem.js';

export interface ValidationOptions {
  /** Strict IP/CIDR validation (StrictIPCIDRValidation, default on since Kubernetes 1.36). Default true. */
  strictCidr?: boolean;
  /** Namespace of namespaced objects that name none, as `kubectl apply -n`. Default `default`. */
  defaultNamespace?: string;
  /** Fields the schema lacks: `error` as kubectl's default strict field validation, `warn`, or `ignore`. */
  unknownFields?: 'error' | 'warn' | 'ignore';
  /**
   * Objects as clusters export them or people trim them: problems in fields the analysis does not
   * read become warnings (src/validate/tolerance.ts). matrix, explain and lint; never `validate`.
   */
  tolerant?: boolean;
  /**
   * Which channel of the Network Policy API's CRDs the API server has installed. Default
   * `experimental` (a superset: the `nodes` and `domainNames` peers, v1alpha1's `namedPort`).
   */
  crdChannel?: CrdChannel;
}

export interface ValidationResult {
  /** Set only when there are no problems. */
  object?: KubeObject;
  /** Instead of `object`, for a workload kind (Deployment, ...). */
  workload?: Workload;
  problems: Problem[];
  /** Accepted, but the API server would warn (or the input is very likely a slip). */
  warnings: Problem[];
}

interface KindRule {
  apiVersion: string;
  model: RootModel;
  namespaced: boolean;
  name: NameRule;
}

export const SUPPORTED_KINDS = {
  Namespace: { apiVersion: 'v1', model: 'V1Namespace', namespaced: false, name: isDns1123Label },
  Pod: { apiVersion: 'v1', model: 'V1Pod', namespaced: true, name: isDns1123Subdomain },
  NetworkPolicy: { apiVersion: 'networking.k8s.io/v1', model: 'V1NetworkPolicy', namespaced: true, name: isDns1123Subdomain },
} as const satisfies Record<Exclude<KubeObject['kind'], ClusterPolicyKind>, KindRule>;
type SupportedKind = keyof typeof SUPPORTED_KINDS;

/** The cluster-scoped policy kinds: validated against the Network Policy API's CRDs. */
export const CLUSTER_POLICY_VERSIONS: Record<ClusterPolicyKind, string> = {
  ClusterNetworkPolicy: CNP_API_VERSION,
  AdminNetworkPolicy: ANP_API_VERSION,
  BaselineAdminNetworkPolicy: ANP_API_VERSION,
};

const SUPPORTED_TEXT = [...Object.entries(SUPPORTED_KINDS).map(([kind, rule]) => [kind, rule.apiVersion] as const), ...Object.entries(CLUSTER_POLICY_VERSIONS), ...Object.entries(WORKLOAD_KINDS)]
  .map(([kind, apiVersion]) => `${kind} (${apiVersion})`)
  .join(', ');

/** Whether this tool reads objects of this kind (others are skipped, or rejected with --strict). */
export function isModelledKind(kind: string): boolean {
  return isSupportedKind(kind) || isWorkloadKind(kind) || isClusterPolicyKind(kind);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function isSupportedKind(kind: string): kind is SupportedKind {
  return Object.hasOwn(SUPPORTED_KINDS, kind);
}

/** How problems name an object: `namespace/name`, `name` for a Namespace, or `document N`. */
function objectLabel(raw: Record<string, unknown>, source: ObjectSource, namespaced: boolean, defaultNamespace?: string): string {
  const meta = isRecord(raw['metadata']) ? raw['metadata'] : {};
  const name = meta['name'];
  if (typeof name !== 'string' || name === '') return `document ${(source.document ?? 0) + 1}`;
  const namespace = typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : defaultNamespace;
  return namespaced && namespace !== undefined ? `${namespace}/${name}` : name;
}

/** `spec.ingress[0].ports[0].port` -> `spec.ingress[0].ports[0]`. */
function parentPath(field: string): string {
  return field.replace(/(\.[^.[\]]+|\[[^\]]*\])$/, '');
}

function within(field: string, ancestor: string): boolean {
  return ancestor === '' || field === ancestor || field.startsWith(`${ancestor}.`) || field.startsWith(`${ancestor}[`);
}

export function validateDocument(raw: unknown, source: ObjectSource, options: ValidationOptions = {}): ValidationResult {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const anonymous = `document ${(source.document ?? 0) + 1}`;
  const fail = (fields: FieldError[], object = anonymous, kind?: string): ValidationResult => ({
    problems: fields.map((f) => ({ source, object, ...(kind === undefined ? {} : { kind }), ...f })),
    warnings: [],
  });
  if (!isRecord(raw)) {
    return fail([{ field: '', reason: 'Syntax', message: `a manifest must be a YAML mapping (an object), not ${Array.isArray(raw) ? 'a list' : typeof raw}` }]);
  }
  const kind = raw['kind'];
  const apiVersion = raw['apiVersion'];
  if (typeof kind !== 'string' || kind === '') {
    return fail([{ field: 'kind', reason: 'Required', message: `must be set; this tool reads ${SUPPORTED_TEXT}` }]);
  }
  if (isWorkloadKind(kind)) return validateWorkloadDocument(raw, kind, source, options);
  if (isClusterPolicyKind(kind)) return validateClusterPolicyDocument(raw, kind, source, options);
  if (!isSupportedKind(kind)) {
    const message = `unsupported kind; this tool reads ${SUPPORTED_TEXT}`;
    return fail([{ field: 'kind', reason: 'Invalid', message, value: kind }], objectLabel(raw, source, true), kind);
  }
  const rule: KindRule = SUPPORTED_KINDS[kind];
  const label = objectLabel(raw, source, rule.namespaced, defaultNamespace);
  if (apiVersion !== rule.apiVersion) {
    return fail([{ field: 'apiVersion', reason: 'NotSupported', message: `supported values: "${rule.apiVersion}"`, value: apiVersion ?? '' }], label, kind);
  }

  const decoded = decode(raw, rule.model);
  const findings: Findings = { errors: [], warnings: [] };
  const unknownFields = options.unknownFields ?? 'error';
  if (unknownFields !== 'ignore') findings[unknownFields === 'error' ? 'errors' : 'warnings'].push(...decoded.unknownFields);

  const value = decoded.value as Record<string, unknown>;
  const meta: DecodedMeta = { ...(value['metadata'] as DecodedMeta | undefined) };
  if (rule.namespaced && (meta.namespace === undefined || meta.namespace === '')) meta.namespace = defaultNamespace;
  if (!rule.namespaced) delete meta.namespace; // the API server ignores it on cluster-scoped objects
  findings.errors.push(...validateObjectMeta(meta, rule.name, rule.namespaced));

  const object = buildObject(kind, value, meta, options.strictCidr ?? true, findings);
  const settled = settle(kind, decoded.typeErrors, findings, options, source, label);
  return { ...(settled.problems.length === 0 ? { object } : {}), ...settled };
}

/**
 * Problems and warnings of one object. The API server stops at a value it cannot decode. We go on,
 * with mistyped values dropped, but leave out what may only follow from dropping them (anything
 * inside the same parent object). Tolerant reading turns some errors into warnings.
 */
function settle(kind: string, typeErrors: readonly FieldError[], findings: Findings, options: ValidationOptions, source: ObjectSource, label: string): Pick<ValidationResult, 'problems' | 'warnings'> {
  const toProblem = (f: FieldError): Problem => ({ source, object: label, kind, ...f });
  const mistyped = typeErrors.map((e) => parentPath(e.field));
  const all = [...typeErrors, ...findings.errors.filter((e) => !mistyped.some((m) => within(e.field, m)))];
  const { errors, tolerated } = tolerate(kind, all, options.tolerant ?? false);
  return { problems: errors.map(toProblem), warnings: [...tolerated, ...findings.warnings].map(toProblem) };
}

function validateWorkloadDocument(raw: Record<string, unknown>, kind: keyof typeof WORKLOAD_KINDS, source: ObjectSource, options: ValidationOptions): ValidationResult {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const label = objectLabel(raw, source, true, defaultNamespace);
  const apiVersion = WORKLOAD_KINDS[kind];
  if (raw['apiVersion'] !== apiVersion) {
    return { problems: [{ source, object: label, kind, field: 'apiVersion', reason: 'NotSupported', message: `supported values: "${apiVersion}"`, value: raw['apiVersion'] ?? '' }], warnings: [] };
  }
  const decoded = decode(raw, `V1${kind}`);
  const findings: Findings = { errors: [], warnings: [] };
  const unknownFields = options.unknownFields ?? 'error';
  if (unknownFields !== 'ignore') findings[unknownFields === 'error' ? 'errors' : 'warnings'].push(...decoded.unknownFields);
  const value = decoded.value as Record<string, unknown>;
  const meta: DecodedMeta = { ...(value['metadata'] as DecodedMeta | undefined) };
  if (meta.namespace === undefined || meta.namespace === '') meta.namespace = defaultNamespace;
  findings.errors.push(...validateObjectMeta(meta, isDns1123Subdomain, true));
  const owners = (meta.ownerReferences ?? []).map((o) => ({ kind: o.kind, name: o.name }));
  const metadata = { name: meta.name ?? '', namespace: meta.namespace, ...(meta.labels ? { labels: meta.labels } : {}), ...(owners.length > 0 ? { ownerReferences: owners } : {}) };
  const workload = validateWorkload(kind, value, metadata, options.strictCidr ?? true, findings);
  const settled = settle(kind, decoded.typeErrors, findings, options, source, label);
  return { ...(settled.problems.length === 0 ? { workload } : {}), ...settled };
}

function validateClusterPolicyDocument(raw: Record<string, unknown>, kind: ClusterPolicyKind, source: ObjectSource, options: ValidationOptions): ValidationResult {
  const label = objectLabel(raw, source, false);
  const apiVersion = CLUSTER_POLICY_VERSIONS[kind];
  if (raw['apiVersion'] !== apiVersion) {
    const problem: Problem = { source, object: label, kind, field: 'apiVersion', reason: 'NotSupported', message: `supported values: "${apiVersion}"`, value: raw['apiVersion'] ?? '' };
    return { problems: [problem], warnings: [] };
  }
  const checked = validateClusterPolicy(raw, kind, options.crdChannel ?? 'experimental');
  const findings: Findings = { errors: [], warnings: [...checked.warnings] };
  const unknownFields = options.unknownFields ?? 'error';
  if (unknownFields !== 'ignore') findings[unknownFields === 'error' ? 'errors' : 'warnings'].push(...checked.unknownFields);
  const typeErrors = checked.errors.filter((e) => e.reason === 'TypeMismatch');
  // Under strict field validation the API server stops at an unknown field; what only follows from
  // pruning it (its object left empty) is left out. Warned about or ignored, pruning is what counts.
  const pruned = unknownFields === 'error' ? checked.unknownFields.map((e) => parentPath(e.field)) : [];
  findings.errors.push(...checked.errors.filter((e) => e.reason !== 'TypeMismatch' && !pruned.includes(e.field)));
  const settled = settle(kind, typeErrors, findings, options, source, label);
  return { ...(settled.problems.length === 0 && checked.object ? { object: checked.object } : {}), ...settled };
}

/** The typed object, checking the kind's own fields into `findings`. */
function buildObject(kind: SupportedKind, value: Record<string, unknown>, decodedMeta: DecodedMeta, strictCidr: boolean, findings: Findings): KubeObject {
  const metadata = {
    name: decodedMeta.name ?? '',
    namespace: decodedMeta.namespace ?? '',
    ...(decodedMeta.labels === undefined ? {} : { labels: decodedMeta.labels }),
  };
  switch (kind) {
    case 'Namespace': {
      const { namespace: _ignored, ...namespaceMeta } = metadata;
      const object: Namespace = { apiVersion: 'v1', kind, metadata: namespaceMeta };
      return object;
    }
    case 'Pod': {
      const parts = value as DecodedPodParts;
      merge(findings, validatePodParts(parts, strictCidr));
      const owners = (decodedMeta.ownerReferences ?? []).map((o) => ({ kind: o.kind, name: o.name }));
      const object: Pod = { apiVersion: 'v1', kind, metadata: { ...metadata, ...(owners.length > 0 ? { ownerReferences: owners } : {}) }, spec: podSpecFields(parts.spec) };
      const podIPs = (parts.status?.podIPs ?? []).flatMap((e) => (e.ip ? [{ ip: e.ip }] : []));
      const status = {
        ...(parts.status?.podIP ? { podIP: parts.status.podIP } : {}),
        ...(podIPs.length > 0 ? { podIPs } : {}),
        ...(parts.status?.hostIP ? { hostIP: parts.status.hostIP } : {}),
      };
      if (Object.keys(status).length > 0) object.status = status;
      return object;
    }
    case 'NetworkPolicy': {
      const spec = (value['spec'] as NetworkPolicySpec | undefined) ?? {};
      if (value['spec'] === undefined) {
        // Valid upstream (the spec is a struct, not a pointer), and it means "deny all ingress".
        findings.warnings.push({ field: 'spec', reason: 'Required', message: 'is missing: this policy selects every pod in its namespace and denies all their ingress' });
      }
      merge(findings, validateNetworkPolicySpec(spec, 'spec', strictCidr));
      const object: NetworkPolicy = { apiVersion: 'networking.k8s.io/v1', kind, metadata, spec };
      return object;
    }
  }
}

function merge(into: Findings, from: Findings): void {
  into.errors.push(...from.errors);
  into.warnings.push(...from.warnings);
}
