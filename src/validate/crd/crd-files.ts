// The Network Policy API's CRDs, vendored unmodified under crds/network-policy-api (see its
// README for source and licence), read once per process: the OpenAPI schema of each served kind.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../project-root.js';
import type { ClusterPolicyKind } from '../../model/cluster-policy.js';
import type { OpenApiSchema } from './openapi.js';

/** Upstream publishes every CRD twice: the standard channel, and the experimental superset. */
export type CrdChannel = 'standard' | 'experimental';

export const CRD_DIR = join(PROJECT_ROOT, 'crds', 'network-policy-api');

const FILES: Record<ClusterPolicyKind, { version: string; file: string }> = {
  ClusterNetworkPolicy: { version: 'v1alpha2', file: 'policy.networking.k8s.io_clusternetworkpolicies.yaml' },
  AdminNetworkPolicy: { version: 'v1alpha1', file: 'policy.networking.k8s.io_adminnetworkpolicies.yaml' },
  BaselineAdminNetworkPolicy: { version: 'v1alpha1', file: 'policy.networking.k8s.io_baselineadminnetworkpolicies.yaml' },
};

export interface KindSchema {
  kind: ClusterPolicyKind;
  apiVersion: string;
  channel: CrdChannel;
  /** The CRD's `bundle-version` annotation, for reports. */
  bundleVersion: string;
  schema: OpenApiSchema;
}

interface CrdDocument {
  metadata?: { annotations?: Record<string, string> };
  spec?: { group?: string; versions?: { name?: string; schema?: { openAPIV3Schema?: OpenApiSchema } }[] };
}

/** The CRD files of one channel, in the order `kubectl apply` should see them. */
export function crdFiles(channel: CrdChannel): string[] {
  return Object.values(FILES).map(({ version, file }) => join(CRD_DIR, version, channel, file));
}

const cache = new Map<string, KindSchema>();

export function kindSchema(kind: ClusterPolicyKind, channel: CrdChannel): KindSchema {
  const key = `${kind}/${channel}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const { version, file } = FILES[kind];
  const path = join(CRD_DIR, version, channel, file);
  const crd = parse(readFileSync(path, 'utf8')) as CrdDocument;
  const served = crd.spec?.versions?.find((v) => v.name === version);
  const schema = served?.schema?.openAPIV3Schema;
  // The files ship with the project: a missing schema is a broken installation, not bad input.
  if (!schema || !crd.spec?.group) throw new Error(`${path}: no openAPIV3Schema for ${version}`);
  const entry: KindSchema = {
    kind,
    apiVersion: `${crd.spec.group}/${version}`,
    channel,
    bundleVersion: crd.metadata?.annotations?.['policy.networking.k8s.io/bundle-version'] ?? 'unknown',
    schema,
  };
  cache.set(key, entry);
  return entry;
}
