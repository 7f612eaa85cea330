// Policies as the cluster must see them. Topology namespaces live under run-scoped names
// (`x` -> `x-<runid>`), so a namespaceSelector on `kubernetes.io/metadata.name: x` must name
// `x-<runid>` instead, as upstream's e2e does when it builds policies for its random namespaces.
// Other labels are kept as written. External hosts that could not get their declared address have
// their exact /32 rewritten to the real one ("bound"); anything else is reported, not guessed.
import { cidrContains, formatCidr, isStrictSubset, parseCidr, parseIp } from '../../model/cidr.js';
import { NAMESPACE_NAME_LABEL, type LabelSelector, type NetworkPolicy, type NetworkPolicyPeer } from '../../model/api.js';
import { ownedLabels } from './naming.js';

export interface RewriteContext {
  runId: string;
  /** Topology namespace -> cluster namespace. Names not in the map are real namespaces, left alone. */
  namespaces: ReadonlyMap<string, string>;
  /** Declared external address -> the address it really has (only where they differ). */
  boundAddresses: ReadonlyMap<string, string>;
}

export interface RewrittenPolicy {
  policy: NetworkPolicy;
  /** Things a person should know when reading results (a CIDR that only partly covers a bound address). */
  notes: string[];
}

export function rewriteNamespaceSelector(selector: LabelSelector, ctx: Pick<RewriteContext, 'namespaces'>): LabelSelector {
  const map = (name: string): string => ctx.namespaces.get(name) ?? name;
  const out: LabelSelector = {};
  if (selector.matchLabels) {
    out.matchLabels = Object.fromEntries(
      Object.entries(selector.matchLabels).map(([k, v]) => [k, k === NAMESPACE_NAME_LABEL ? map(v) : v]),
    );
  }
  if (selector.matchExpressions) {
    out.matchExpressions = selector.matchExpressions.map((req) =>
      req.key === NAMESPACE_NAME_LABEL && req.values ? { ...req, values: req.values.map(map) } : { ...req },
    );
  }
  return out;
}

export function rewriteCidr(cidr: string, ctx: Pick<RewriteContext, 'boundAddresses'>, notes: string[]): string {
  const parsed = parseCidr(cidr);
  if (!parsed) return cidr;
  for (const [declared, real] of ctx.boundAddresses) {
    const ip = parseIp(declared);
    if (!ip || !cidrContains(parsed, ip)) continue;
    if (parsed.prefix === (ip.family === 4 ? 32 : 128)) return `${real}/${parsed.prefix}`;
    notes.push(`ipBlock ${formatCidr(parsed)} covers ${declared}, whose external host runs at ${real}: the cluster judges ${real}`);
  }
  return cidr;
}

function rewritePeer(peer: NetworkPolicyPeer, ctx: RewriteContext, notes: string[]): NetworkPolicyPeer {
  const out: NetworkPolicyPeer = { ...peer };
  if (peer.namespaceSelector) out.namespaceSelector = rewriteNamespaceSelector(peer.namespaceSelector, ctx);
  if (peer.ipBlock) {
    const cidr = rewriteCidr(peer.ipBlock.cidr, ctx, notes);
    const outer = parseCidr(cidr);
    // An except entry must stay inside its cidr, or the API server rejects the policy.
    const except = peer.ipBlock.except?.map((original) => {
      const candidate = rewriteCidr(original, ctx, notes);
      const inner = parseCidr(candidate);
      if (candidate === original || (outer && inner && isStrictSubset(inner, outer))) return candidate;
      notes.push(`ipBlock except ${original} was kept: its bound address ${candidate} lies outside ${cidr}`);
      return original;
    });
    out.ipBlock = { cidr, ...(except ? { except } : {}) };
  }
  return out;
}

export function rewritePolicy(policy: NetworkPolicy, ctx: RewriteContext): RewrittenPolicy {
  const notes: string[] = [];
  const copy = structuredClone(policy);
  const namespace = ctx.namespaces.get(policy.metadata.namespace) ?? policy.metadata.namespace;
  copy.metadata = { ...copy.metadata, namespace, labels: { ...copy.metadata.labels, ...ownedLabels(ctx.runId) } };
  copy.spec.ingress = copy.spec.ingress?.map((rule) => ({ ...rule, ...(rule.from ? { from: rule.from.map((p) => rewritePeer(p, ctx, notes)) } : {}) }));
  copy.spec.egress = copy.spec.egress?.map((rule) => ({ ...rule, ...(rule.to ? { to: rule.to.map((p) => rewritePeer(p, ctx, notes)) } : {}) }));
  if (copy.spec.ingress === undefined) delete copy.spec.ingress;
  if (copy.spec.egress === undefined) delete copy.spec.egress;
  return { policy: copy, notes };
}
