// Cluster-scoped policies as the cluster must see them. They are global objects on a shared
// cluster, so each is confined to this run: its name carries the run id (the
// BaselineAdminNetworkPolicy must be called `default`, so it keeps it), it carries the ownership
// labels, and its subject is ANDed with the run's namespace label, so it can never select a pod
// of anyone else. Peers are rewritten as NetworkPolicy peers are (topology namespace names to the
// run's, bound external addresses); they are not confined, as they only ever decide for our pods.
import type { ClusterPolicy, EgressPeer, NamespacedPod, PolicySubject } from '../../model/cluster-policy.js';
import type { LabelSelector } from '../../model/api.js';
import { CREATED_ANNOTATION, RUN_LABEL, ownedLabels } from './naming.js';
import { rewriteCidr, rewriteNamespaceSelector, type RewriteContext } from './policy-rewrite.js';

export interface RewrittenClusterPolicy {
  body: Record<string, unknown>;
  /** The name on the cluster. */
  name: string;
  notes: string[];
}

/** `deny-slytherin` -> `deny-slytherin-<runid>`; the BaselineAdminNetworkPolicy stays `default`. */
export function clusterPolicyName(policy: Pick<ClusterPolicy, 'kind' | 'metadata'>, runId: string): string {
  return policy.kind === 'BaselineAdminNetworkPolicy' ? policy.metadata.name : `${policy.metadata.name}-${runId}`;
}

function confined(selector: LabelSelector | undefined, ctx: RewriteContext): LabelSelector {
  const rewritten = rewriteNamespaceSelector(selector ?? {}, ctx);
  return { ...rewritten, matchLabels: { ...rewritten.matchLabels, [RUN_LABEL]: ctx.runId } };
}

function rewriteSubject(subject: PolicySubject, ctx: RewriteContext): PolicySubject {
  if (subject.namespaces !== undefined) return { namespaces: confined(subject.namespaces, ctx) };
  const pods = subject.pods as NamespacedPod;
  return { pods: { ...pods, namespaceSelector: confined(pods.namespaceSelector, ctx) } };
}

function rewritePeer(peer: EgressPeer, ctx: RewriteContext, notes: string[]): EgressPeer {
  if (peer.namespaces !== undefined) return { ...peer, namespaces: rewriteNamespaceSelector(peer.namespaces, ctx) };
  if (peer.pods !== undefined) return { ...peer, pods: { ...peer.pods, namespaceSelector: rewriteNamespaceSelector(peer.pods.namespaceSelector ?? {}, ctx) } };
  if (peer.networks !== undefined) return { ...peer, networks: peer.networks.map((n) => rewriteCidr(n, ctx, notes)) };
  return { ...peer };
}

export function rewriteClusterPolicy(policy: ClusterPolicy, ctx: RewriteContext, now: Date): RewrittenClusterPolicy {
  const notes: string[] = [];
  const name = clusterPolicyName(policy, ctx.runId);
  const spec = structuredClone(policy.spec) as unknown as Record<string, unknown> & { subject: PolicySubject; ingress?: { from: EgressPeer[] }[]; egress?: { to: EgressPeer[] }[] };
  spec.subject = rewriteSubject(policy.spec.subject, ctx);
  spec.ingress = spec.ingress?.map((rule) => ({ ...rule, from: rule.from.map((p) => rewritePeer(p, ctx, notes)) }));
  spec.egress = spec.egress?.map((rule) => ({ ...rule, to: rule.to.map((p) => rewritePeer(p, ctx, notes)) }));
  if (spec.ingress === undefined) delete spec.ingress;
  if (spec.egress === undefined) delete spec.egress;
  const body = {
    apiVersion: policy.apiVersion,
    kind: policy.kind,
    metadata: { name, labels: { ...policy.metadata.labels, ...ownedLabels(ctx.runId) }, annotations: { [CREATED_ANNOTATION]: now.toISOString() } },
    spec,
  };
  return { body, name, notes };
}
