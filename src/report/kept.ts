// What a person reads after a run that kept its netns sandbox (`--keep`): how to enter it, look at
// a pod's rules, run a probe by hand, and remove it.
import type { KeptState } from '../targets/target.js';

export function formatKept(kept: KeptState): string {
  const pod = kept.namespaces.find((n) => n.startsWith('pod_')) ?? kept.namespaces[0] ?? 'pod_NS_NAME';
  return [
    `Kept the netns sandbox of this run (run ${kept.runId}): its namespaces, agents and nftables rules as the last scenario left them.`,
    `  enter it:        ${kept.enter} bash`,
    `  its namespaces:  ${kept.enter} ip netns list`,
    `  a pod's rules:   ${kept.enter} ip netns exec ${pod} nft list ruleset`,
    `  remove it:       netpol-conformance cleanup --target netns --run ${kept.runId}   (every kept sandbox: cleanup --target netns)`,
    '',
  ].join('\n');
}
