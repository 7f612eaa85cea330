// Validation by the API server itself: a server-side dry-run create (dryRun=All) persists nothing
// and answers 422 with one cause per problem. The policy is sent exactly as
// written: the typed client would drop unknown fields and coerce values, hiding the very
// mistakes validation features are about.
import { setHeaderMiddleware, type CustomObjectsApi, type NetworkingV1Api } from '@kubernetes/client-node';
import { POLICY_API_GROUP } from '../../model/cluster-policy.js';
import { apiStatus, statusCode } from './kube.js';
import type { ServerProblem } from '../target.js';
import { FIELD_MANAGER } from './settings.js';

export interface DryRunCause extends ServerProblem {
  /** Dotted path with indices, e.g. `spec.ingress[0].ports[0].port`; empty when the server named none. */
  field: string;
  message: string;
  /** FieldValueInvalid, FieldValueRequired, ... (or the Status reason when the server gave no causes). */
  reason?: string;
}

/** `strict decoding error: unknown field "spec.foo"` -> spec.foo */
function unknownFields(message: string): DryRunCause[] {
  const found = [...message.matchAll(/unknown field "([^"]+)"/g)].map((m) => ({ field: m[1] ?? '', message: `unknown field "${m[1] ?? ''}"`, reason: 'FieldValueUnknown' }));
  return found;
}

/** Request options that send `body` as JSON exactly as written (the typed client would reshape it). */
function sentAsWritten(body: unknown) {
  const json = setHeaderMiddleware('Content-Type', 'application/json');
  const sendRaw = {
    pre: (ctx: Parameters<typeof json.pre>[0]) => {
      ctx.setBody(JSON.stringify(body));
      return json.pre(ctx);
    },
    post: (ctx: Parameters<typeof json.post>[0]) => json.post(ctx),
  };
  return { middleware: [sendRaw], middlewareMergeStrategy: 'append' as const };
}

export async function dryRunCreate(net: NetworkingV1Api, namespace: string, policy: unknown): Promise<DryRunCause[]> {
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) return [{ field: '', message: 'a NetworkPolicy must be an object', reason: 'BadRequest' }];
  const metadata = (policy as { metadata?: unknown }).metadata;
  const raw = { ...policy, metadata: { ...(typeof metadata === 'object' && metadata !== null ? metadata : {}), namespace } };
  try {
    await net.createNamespacedNetworkPolicy({ namespace, body: raw, dryRun: 'All', fieldManager: FIELD_MANAGER, fieldValidation: 'Strict' }, sentAsWritten(raw));
    return [];
  } catch (error) {
    return causesOf(error);
  }
}

/** The same for a cluster-scoped policy kind (a custom resource), sent as written. */
export async function dryRunCreateClusterPolicy(custom: CustomObjectsApi, resource: { version: string; plural: string }, policy: unknown): Promise<DryRunCause[]> {
  try {
    await custom.createClusterCustomObject({ group: POLICY_API_GROUP, ...resource, body: policy as object, dryRun: 'All', fieldManager: FIELD_MANAGER, fieldValidation: 'Strict' }, sentAsWritten(policy));
    return [];
  } catch (error) {
    return causesOf(error);
  }
}

/** A 422's causes, or a 400's decoding errors; anything else is a failure of the target. */
function causesOf(error: unknown): DryRunCause[] {
  const code = statusCode(error);
  const status = apiStatus(error);
  if (code === 422) {
    const causes = status?.details?.causes ?? [];
    if (causes.length === 0) return [{ field: '', message: status?.message ?? 'invalid', reason: 'Invalid' }];
    // A rule on the whole object (a CRD's CEL rule at its root) comes back with the field `<nil>`.
    return causes.map((c) => ({ field: c.field === undefined || c.field === '<nil>' ? '' : c.field, message: c.message ?? '', ...(c.reason !== undefined ? { reason: c.reason } : {}) }));
  }
  if (code === 400) {
    // Decoding errors (unknown fields under Strict, wrong types) come back as 400 BadRequest.
    const message = status?.message ?? 'bad request';
    const fields = unknownFields(message);
    return fields.length > 0 ? fields : [{ field: '', message, reason: 'BadRequest' }];
  }
  throw error;
}
