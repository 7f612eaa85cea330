// Deliberate dataplane bugs of the netns target, each a known class of real plugin bug. They exist
// to prove that `fuzz` finds such bugs by itself and shrinks them to a small reproduction; a
// conformance run never sets one. A leaf module (data only), so the command line can list the
// choices without loading the target.

export const NETNS_FAULTS = {
  'except-ignored': 'ipBlock.except is ignored: the whole cidr matches (kube-router once did this)',
  'named-port-on-source': "named ports resolve on the connection's source pod, not its destination (the AWS VPC CNI agent's ingress bug)",
  'endport-ignored': 'endPort is ignored: a port range matches its first port only (plugins from before endPort)',
  'egress-as-ingress': 'a policy whose policyTypes is [Egress] isolates its pods for ingress too',
  'ipblock-pod-ips': 'ipBlock peers match pod addresses although the target is told they must not (use with --no-ipblock-pod-ips)',
  'no-replies': 'no connection tracking: replies of an allowed connection must be allowed by the policies of the reverse direction',
} as const;

export type NetnsFault = keyof typeof NETNS_FAULTS;

export const NETNS_FAULT_NAMES = Object.keys(NETNS_FAULTS) as NetnsFault[];

export function isNetnsFault(name: string): name is NetnsFault {
  return Object.hasOwn(NETNS_FAULTS, name);
}
