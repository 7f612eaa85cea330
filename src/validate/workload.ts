// Workloads (Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job, CronJob):
// what this project reads of them is their pod template and how many pods they ask for. The
// template's containers and ports are checked as a Pod's are (validatePodParts), at their paths
// inside the workload; replicas and parallelism must not be negative. The rest of a workload
// (selectors, strategies, volumes) is decoded against the schema but not validated further.
import type { ObjectMeta, PodSpecFields, Workload, WorkloadKind } from '../model/api.js';
import { child, invalid, type FieldError, type Findings } from './field-errors.js';
import { podSpecFields, validatePodParts, type DecodedPodParts } from './pod.js';
import { validateLabels } from './selectors.js';

interface DecodedTemplate {
  metadata?: { labels?: Record<string, string> };
  spec?: DecodedPodParts['spec'];
}

/** Where the pod template and the pod count sit in each kind. */
const LAYOUT: Record<WorkloadKind, { template: string[]; count?: string[] }> = {
  Deployment: { template: ['spec', 'template'], count: ['spec', 'replicas'] },
  ReplicaSet: { template: ['spec', 'template'], count: ['spec', 'replicas'] },
  ReplicationController: { template: ['spec', 'template'], count: ['spec', 'replicas'] },
  StatefulSet: { template: ['spec', 'template'], count: ['spec', 'replicas'] },
  DaemonSet: { template: ['spec', 'template'] },
  Job: { template: ['spec', 'template'], count: ['spec', 'parallelism'] },
  CronJob: { template: ['spec', 'jobTemplate', 'spec', 'template'], count: ['spec', 'jobTemplate', 'spec', 'parallelism'] },
};

function at(value: unknown, path: readonly string[]): unknown {
  let here = value;
  for (const segment of path) here = typeof here === 'object' && here !== null ? (here as Record<string, unknown>)[segment] : undefined;
  return here;
}

function prefixed(prefix: string, errors: readonly FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, field: `${prefix}.${e.field}` }));
}

export function validateWorkload(kind: WorkloadKind, value: Record<string, unknown>, metadata: ObjectMeta & { namespace: string }, strictIp: boolean, findings: Findings): Workload {
  const layout = LAYOUT[kind];
  const templatePath = layout.template.join('.');
  const template = (at(value, layout.template) ?? {}) as DecodedTemplate;
  const pod = validatePodParts({ ...(template.spec ? { spec: template.spec } : {}) }, strictIp);
  findings.errors.push(...prefixed(templatePath, pod.errors), ...validateLabels(template.metadata?.labels, child(templatePath, 'metadata.labels')));
  findings.warnings.push(...prefixed(templatePath, pod.warnings));
  const count = layout.count ? at(value, layout.count) : undefined;
  const countPath = layout.count?.join('.') ?? '';
  if (typeof count === 'number' && (count < 0 || !Number.isInteger(count))) findings.errors.push(invalid(countPath, count, 'must be greater than or equal to 0'));
  const spec: PodSpecFields = podSpecFields(template.spec);
  return {
    kind,
    metadata,
    ...(typeof count === 'number' ? { replicas: count } : {}),
    template: { ...(template.metadata?.labels ? { labels: template.metadata.labels } : {}), spec },
  };
}
