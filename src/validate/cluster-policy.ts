// Validation of ClusterNetworkPolicy (v1alpha2), AdminNetworkPolicy and BaselineAdminNetworkPolicy
// (v1alpha1) as an API server with the Network Policy API's CRDs installed validates them: the
// CRD's schema and CEL rules (./crd), and metadata as for every custom resource (a DNS-1123
// subdomain name; the namespace of a cluster-scoped object is ignored).
//
// The API server checks a label selector inside a custom resource only against the schema: an
// unknown operator or a malformed label value is accepted, and then no implementation can use
// the selector. Those are warnings here, worded like NetworkPolicy's errors.
import type { AnpPort, ClusterPolicy, ClusterPolicyKind, EgressPeer, NamespacedPod } from '../model/cluster-policy.js';
import type { LabelSelector } from '../model/api.js';
import { kindSchema, type CrdChannel } from './crd/crd-files.js';
import { validateAgainstSchema } from './crd/openapi.js';
import { child, index, type FieldError } from './field-errors.js';
import { isDns1123Subdomain } from './names.js';
import { validateObjectMeta, type DecodedMeta } from './object-meta.js';
import { decodeObjectMeta } from './schema.js';
import { validateLabelSelector } from './selectors.js';

export interface ClusterPolicyValidation {
  object?: ClusterPolicy;
  /** Wrong types and CRD rule violations: the object is rejected. */
  errors: FieldError[];
  unknownFields: FieldError[];
  warnings: FieldError[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function validateClusterPolicy(raw: Record<string, unknown>, kind: ClusterPolicyKind, channel: CrdChannel): ClusterPolicyValidation {
  const { schema, apiVersion } = kindSchema(kind, channel);
  const decodedMeta = decodeObjectMeta(raw['metadata']);
  const meta: DecodedMeta = { ...(decodedMeta.value as DecodedMeta | undefined) };
  delete meta.namespace; // ignored on cluster-scoped objects
  const checked = validateAgainstSchema(raw, schema, '', ['metadata']);
  const errors = [...decodedMeta.typeErrors, ...validateObjectMeta(meta, isDns1123Subdomain, false), ...checked.errors];
  const value = checked.value as Record<string, unknown>;
  const spec = isRecord(value['spec']) ? value['spec'] : {};
  const warnings = [...selectorWarnings(spec), ...(kind === 'ClusterNetworkPolicy' ? [] : rangeWarnings(spec))];
  const object = {
    apiVersion,
    kind,
    metadata: { name: meta.name ?? '', ...(meta.labels === undefined ? {} : { labels: meta.labels }) },
    spec,
  } as ClusterPolicy;
  return { ...(errors.length === 0 ? { object } : {}), errors, unknownFields: [...decodedMeta.unknownFields, ...checked.unknownFields], warnings };
}

const UNUSABLE = 'the API server accepts this selector in a custom resource, but implementations cannot parse it';

function selectorFindings(selector: LabelSelector | undefined, field: string, out: FieldError[]): void {
  for (const problem of validateLabelSelector(selector, field)) out.push({ ...problem, message: `${problem.message} (${UNUSABLE})` });
}

function namespacedPodFindings(pods: NamespacedPod | undefined, field: string, out: FieldError[]): void {
  if (!pods) return;
  selectorFindings(pods.namespaceSelector, child(field, 'namespaceSelector'), out);
  selectorFindings(pods.podSelector, child(field, 'podSelector'), out);
}

function selectorWarnings(spec: Record<string, unknown>): FieldError[] {
  const out: FieldError[] = [];
  const subject = (spec['subject'] ?? {}) as EgressPeer;
  selectorFindings(subject.namespaces, 'spec.subject.namespaces', out);
  namespacedPodFindings(subject.pods, 'spec.subject.pods', out);
  for (const [direction, peersKey] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    const rules = Array.isArray(spec[direction]) ? (spec[direction] as Record<string, unknown>[]) : [];
    rules.forEach((rule, r) => {
      const peers = Array.isArray(rule[peersKey]) ? (rule[peersKey] as EgressPeer[]) : [];
      peers.forEach((peer, p) => {
        const path = index(child(index(`spec.${direction}`, r), peersKey), p);
        selectorFindings(peer.namespaces, child(path, 'namespaces'), out);
        namespacedPodFindings(peer.pods, child(path, 'pods'), out);
        selectorFindings(peer.nodes, child(path, 'nodes'), out);
      });
    });
  }
  return out;
}

/** v1alpha1 says a range's start must be less than its end, but its CRD has no rule to enforce it. */
function rangeWarnings(spec: Record<string, unknown>): FieldError[] {
  const out: FieldError[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = Array.isArray(spec[direction]) ? (spec[direction] as { ports?: AnpPort[] }[]) : [];
    rules.forEach((rule, r) => {
      (rule.ports ?? []).forEach((port, p) => {
        const range = port.portRange;
        if (range && range.start >= range.end) {
          const field = child(index(child(index(`spec.${direction}`, r), 'ports'), p), 'portRange');
          out.push({ field, reason: 'Invalid', message: `start must be less than end (the v1alpha1 CRD does not enforce it)${range.start > range.end ? '; this range matches no port' : ''}`, value: `${range.start}-${range.end}` });
        }
      });
    });
  }
  return out;
}
