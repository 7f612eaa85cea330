// netpol-analyzer (np-guard) refuses a valid policy whose egress rule has both a named port and an
// ipBlock peer ("cannot convert named port for an IP destination"), though the API accepts it and
// the spec's answer is simple: a named port never matches an address outside the cluster. This
// rewrites such rules into rules it reads, with the same verdicts for an engine whose ipBlocks do
// not match pod addresses (netpol-analyzer's own choice, which the comparison uses): the ipBlock
// peers keep only the numeric ports, and named ports stay with the selector peers.
import type { NetworkPolicy, NetworkPolicyEgressRule, NetworkPolicyPeer } from '../src/index.js';

function isNamed(port: { port?: number | string }): boolean {
  return typeof port.port === 'string' && !/^\d+$/.test(port.port);
}

/** No `to` means every pod and every address. */
const EVERY_POD: NetworkPolicyPeer[] = [{ namespaceSelector: {} }];
const EVERY_ADDRESS: NetworkPolicyPeer[] = [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }];

function splitRule(rule: NetworkPolicyEgressRule): NetworkPolicyEgressRule[] {
  const ports = rule.ports ?? [];
  const to = rule.to === undefined || rule.to.length === 0 ? [...EVERY_POD, ...EVERY_ADDRESS] : rule.to;
  const blocks = to.filter((p) => p.ipBlock);
  if (blocks.length === 0 || !ports.some(isNamed)) return [rule];
  const selectors = to.filter((p) => !p.ipBlock);
  const numeric = ports.filter((p) => !isNamed(p));
  return [...(selectors.length > 0 ? [{ to: selectors, ports }] : []), ...(numeric.length > 0 ? [{ to: blocks, ports: numeric }] : [])];
}

/** The policies with every egress rule netpol-analyzer would refuse split as above. */
export function analyzerReadablePolicies(policies: readonly NetworkPolicy[]): { policies: NetworkPolicy[]; rewritten: number } {
  let rewritten = 0;
  const out = policies.map((policy) => {
    const egress = policy.spec.egress;
    if (!egress) return policy;
    const split = egress.flatMap(splitRule);
    if (split.length === egress.length && split.every((r, i) => r === egress[i])) return policy;
    rewritten++;
    return { ...policy, spec: { ...policy.spec, egress: split } };
  });
  return { policies: out, rewritten };
}
