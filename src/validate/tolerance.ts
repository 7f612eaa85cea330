// Objects as clusters export them and as people trim them: what the API server would reject but the
// analysis does not read (a container without a name, a NetworkPolicy's `status`, a field of a newer
// API) is a warning for matrix, explain and lint, and stays an error with --strict and in
// `validate`. What the analysis reads (names, labels, ports, hostNetwork, a policy's spec) is never
// tolerated: a typo there would change the verdicts silently.
import type { FieldError } from './field-errors.js';

/** Field paths each kind's analysis reads; a problem at or under one is always an error. */
const POD_FIELDS = [/^spec\.containers\[\d+\]\.ports(\W|$)/, /^spec\.hostNetwork$/, /^spec\.nodeName$/, /^status\.(podIP|hostIP)$/, /^status\.podIPs(\W|$)/];
const META = /^metadata\.(name|namespace|labels)(\W|$)/;

function templated(prefix: string): RegExp[] {
  const escaped = prefix.replaceAll('.', '\\.');
  return [new RegExp(`^${escaped}\\.metadata\\.labels(\\W|$)`), ...POD_FIELDS.filter((r) => !r.source.includes('status')).map((r) => new RegExp(`^${escaped}\\.${r.source.slice(1)}`))];
}

const MODELLED: Record<string, RegExp[]> = {
  Namespace: [],
  Pod: POD_FIELDS,
  NetworkPolicy: [/^spec(\W|$)/],
  Deployment: [/^spec\.replicas$/, ...templated('spec.template')],
  ReplicaSet: [/^spec\.replicas$/, ...templated('spec.template')],
  ReplicationController: [/^spec\.replicas$/, ...templated('spec.template')],
  StatefulSet: [/^spec\.replicas$/, ...templated('spec.template')],
  DaemonSet: templated('spec.template'),
  Job: [/^spec\.parallelism$/, ...templated('spec.template')],
  CronJob: [/^spec\.jobTemplate\.spec\.parallelism$/, ...templated('spec.jobTemplate.spec.template')],
};

/** Whether the analysis reads this field of this kind (unknown kinds: everything). */
export function isModelledField(kind: string, field: string): boolean {
  const fields = MODELLED[kind];
  return field === '' || fields === undefined || META.test(field) || fields.some((r) => r.test(field));
}

/**
 * Splits errors into those that stay errors and those tolerated as warnings (with a note that the
 * API server would reject them). Without `tolerant`, every error stays one.
 */
export function tolerate(kind: string, errors: readonly FieldError[], tolerant: boolean): { errors: FieldError[]; tolerated: FieldError[] } {
  if (!tolerant) return { errors: [...errors], tolerated: [] };
  const kept = errors.filter((e) => isModelledField(kind, e.field));
  const tolerated = errors
    .filter((e) => !isModelledField(kind, e.field))
    .map((e) => ({ ...e, message: `${e.message === '' && e.reason === 'Required' ? 'required value' : e.message} (the API server would reject this; read anyway: the analysis does not use it; --strict makes it an error)` }));
  return { errors: kept, tolerated };
}
