// The cluster-scoped kinds' validation cases: the Network Policy API's own CRDs (schema and CEL
// rules) for both versions and both channels. The validator's tests check them
// (cluster-policy.test.ts), and so does a real API server with the CRDs installed (test/testbed/).
import type { ValidationOptions } from '../../src/validate/index.js';

export type Raw = Record<string, unknown>;

export const cnpBase = (spec: Raw, name = 'p'): Raw => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha2',
  kind: 'ClusterNetworkPolicy',
  metadata: { name },
  spec: { tier: 'Admin', priority: 1, subject: { namespaces: {} }, ...spec },
});
export const anpBase = (spec: Raw, name = 'p'): Raw => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name }, spec: { priority: 1, subject: { namespaces: {} }, ...spec } });
export const banpBase = (spec: Raw, name = 'default'): Raw => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name }, spec: { subject: { namespaces: {} }, ...spec } });
export const from = [{ namespaces: {} }];

export interface ClusterPolicyCase {
  description: string;
  raw: Raw;
  options?: ValidationOptions;
  /** `field: reason` of the one expected problem, or undefined when accepted. */
  rejected?: string;
  message?: RegExp;
}

export const CLUSTER_POLICY_CASES: ClusterPolicyCase[] = [
  { description: 'a minimal Admin CNP', raw: cnpBase({}) },
  { description: 'a CNP with every standard field', raw: cnpBase({ ingress: [{ name: 'a', action: 'Accept', from, protocols: [{ tcp: { destinationPort: { number: 80 } } }, { udp: { destinationPort: { range: { start: 1, end: 2 } } } }, { destinationNamedPort: 'http' }] }], egress: [{ action: 'Pass', to: [{ networks: ['10.0.0.0/8', 'fd00::/8'] }, { pods: { namespaceSelector: {}, podSelector: {} } }] }] }) },
  { description: 'a tier that does not exist', raw: cnpBase({ tier: 'Platform' }), rejected: 'spec.tier: NotSupported', message: /supported values: "Admin", "Baseline"/ },
  { description: 'priority above 1000', raw: cnpBase({ priority: 1001 }), rejected: 'spec.priority: Invalid', message: /less than or equal to 1000/ },
  { description: 'a negative priority', raw: cnpBase({ priority: -1 }), rejected: 'spec.priority: Invalid', message: /greater than or equal to 0/ },
  { description: 'a priority written as a string', raw: cnpBase({ priority: '5' }), rejected: 'spec.priority: TypeMismatch' },
  { description: 'no subject', raw: { ...cnpBase({}), spec: { tier: 'Admin', priority: 1 } }, rejected: 'spec.subject: Required' },
  { description: 'an empty subject', raw: cnpBase({ subject: {} }), rejected: 'spec.subject: Invalid', message: /at least 1 property/ },
  { description: 'a subject with both fields', raw: cnpBase({ subject: { namespaces: {}, pods: { podSelector: {} } } }), rejected: 'spec.subject: TooMany' },
  { description: 'subject pods without podSelector', raw: cnpBase({ subject: { pods: { namespaceSelector: {} } } }), rejected: 'spec.subject.pods.podSelector: Required' },
  { description: 'Allow is v1alpha1 wording', raw: cnpBase({ ingress: [{ action: 'Allow', from }] }), rejected: 'spec.ingress[0].action: NotSupported' },
  { description: 'a rule without action', raw: cnpBase({ ingress: [{ from }] }), rejected: 'spec.ingress[0].action: Required' },
  { description: 'an ingress rule without from', raw: cnpBase({ ingress: [{ action: 'Deny' }] }), rejected: 'spec.ingress[0].from: Required' },
  { description: 'an empty from', raw: cnpBase({ ingress: [{ action: 'Deny', from: [] }] }), rejected: 'spec.ingress[0].from: Invalid', message: /at least 1 item/ },
  { description: 'a peer with no field', raw: cnpBase({ ingress: [{ action: 'Deny', from: [{}] }] }), rejected: 'spec.ingress[0].from[0]: Invalid' },
  { description: 'a peer with two fields', raw: cnpBase({ egress: [{ action: 'Deny', to: [{ namespaces: {}, networks: ['10.0.0.0/8'] }] }] }), rejected: 'spec.egress[0].to[0]: TooMany' },
  { description: 'networks in an ingress peer', raw: cnpBase({ ingress: [{ action: 'Deny', from: [{ networks: ['10.0.0.0/8'] }] }] }), rejected: 'spec.ingress[0].from[0].networks: UnknownField' },
  { description: '26 ingress rules', raw: cnpBase({ ingress: Array.from({ length: 26 }, () => ({ action: 'Deny', from })) }), rejected: 'spec.ingress: TooMany', message: /at most 25 items/ },
  { description: 'a rule name of 101 characters', raw: cnpBase({ ingress: [{ name: 'n'.repeat(101), action: 'Deny', from }] }), rejected: 'spec.ingress[0].name: TooLong' },
  { description: 'tcp without a port', raw: cnpBase({ ingress: [{ action: 'Deny', from, protocols: [{ tcp: {} }] }] }), rejected: 'spec.ingress[0].protocols[0].tcp: Invalid' },
  { description: 'a protocol entry with two fields', raw: cnpBase({ ingress: [{ action: 'Deny', from, protocols: [{ tcp: { destinationPort: { number: 80 } }, destinationNamedPort: 'http' }] }] }), rejected: 'spec.ingress[0].protocols[0]: TooMany' },
  { description: 'an empty protocols list', raw: cnpBase({ ingress: [{ action: 'Deny', from, protocols: [] }] }), rejected: 'spec.ingress[0].protocols: Invalid' },
  { description: 'port 0', raw: cnpBase({ ingress: [{ action: 'Deny', from, protocols: [{ udp: { destinationPort: { number: 0 } } }] }] }), rejected: 'spec.ingress[0].protocols[0].udp.destinationPort.number: Invalid' },
  { description: 'port 65536', raw: cnpBase({ ingress: [{ action: 'Deny', from, protocols: [{ sctp: { destinationPort: { number: 65536 } } }] }] }), rejected: 'spec.ingress[0].protocols[0].sctp.destinationPort.number: Invalid' },
  { description: 'a port with number and range', raw: cnpBase({ ingress: [{ action: 'Deny', from, protocols: [{ tcp: { destinationPort: { number: 80, range: { start: 1, end: 2 } } } }] }] }), rejected: 'spec.ingress[0].protocols[0].tcp.destinationPort: TooMany' },
  { description: 'a range with start = end (CEL)', raw: cnpBase({ ingress: [{ action: 'Deny', from, protocols: [{ tcp: { destinationPort: { range: { start: 80, end: 80 } } } }] }] }), rejected: 'spec.ingress[0].protocols[0].tcp.destinationPort.range: Invalid', message: /^Start port must be less than End port$/ },
  { description: 'a range without end', raw: cnpBase({ ingress: [{ action: 'Deny', from, protocols: [{ tcp: { destinationPort: { range: { start: 80 } } } }] }] }), rejected: 'spec.ingress[0].protocols[0].tcp.destinationPort.range.end: Required' },
  { description: 'a CIDR with a leading zero (CEL isCIDR)', raw: cnpBase({ egress: [{ action: 'Deny', to: [{ networks: ['10.01.0.0/16'] }] }] }), rejected: 'spec.egress[0].to[0].networks[0]: Invalid', message: /^Invalid CIDR format provided$/ },
  { description: 'a CIDR with host bits set is valid', raw: cnpBase({ egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.1/8'] }] }] }) },
  { description: 'an address without prefix', raw: cnpBase({ egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.1'] }] }] }), rejected: 'spec.egress[0].to[0].networks[0]: Invalid' },
  { description: 'a CIDR longer than 43 characters', raw: cnpBase({ egress: [{ action: 'Deny', to: [{ networks: ['ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128'] }] }] }), rejected: 'spec.egress[0].to[0].networks[0]: TooLong' },
  { description: 'the same network twice (a set)', raw: cnpBase({ egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/8', '10.0.0.0/8'] }] }] }), rejected: 'spec.egress[0].to[0].networks[1]: Duplicate' },
  { description: '26 networks', raw: cnpBase({ egress: [{ action: 'Deny', to: [{ networks: Array.from({ length: 26 }, (_, i) => `10.${i}.0.0/16`) }] }] }), rejected: 'spec.egress[0].to[0].networks: TooMany' },
  { description: 'networks with a named port (experimental CEL)', raw: cnpBase({ egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }], protocols: [{ destinationNamedPort: 'http' }] }] }), rejected: 'spec.egress[0]: Invalid', message: /networks\/nodes\/domainNames peer cannot be set with namedPorts/ },
  { description: 'networks with a named port on the standard channel (no such rule there)', raw: cnpBase({ egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }], protocols: [{ destinationNamedPort: 'http' }] }] }), options: { crdChannel: 'standard' } },
  { description: 'a nodes peer (experimental)', raw: cnpBase({ egress: [{ action: 'Deny', to: [{ nodes: { matchLabels: { role: 'control-plane' } } }] }] }) },
  { description: 'a nodes peer on the standard channel', raw: cnpBase({ egress: [{ action: 'Deny', to: [{ nodes: {} }] }] }), options: { crdChannel: 'standard' }, rejected: 'spec.egress[0].to[0].nodes: UnknownField' },
  { description: 'a nodes peer on the standard channel, unknown fields pruned', raw: cnpBase({ egress: [{ action: 'Deny', to: [{ nodes: {} }] }] }), options: { crdChannel: 'standard', unknownFields: 'ignore' }, rejected: 'spec.egress[0].to[0]: Invalid', message: /at least 1 property/ },
  { description: 'domainNames (experimental)', raw: cnpBase({ egress: [{ action: 'Accept', to: [{ domainNames: ['*.kubernetes.io', 'example.com'] }] }] }) },
  { description: 'a domain name with a wildcard in the middle', raw: cnpBase({ egress: [{ action: 'Accept', to: [{ domainNames: ['www.*.io'] }] }] }), rejected: 'spec.egress[0].to[0].domainNames[0]: Invalid', message: /should match/ },
  { description: 'an unknown spec field', raw: cnpBase({ priorty: 2 }), rejected: 'spec.priorty: UnknownField', message: /did you mean "priority"/ },
  { description: 'a name that is not a DNS subdomain', raw: cnpBase({}, 'Deny_All'), rejected: 'metadata.name: Invalid' },
  { description: 'the wrong apiVersion', raw: { ...cnpBase({}), apiVersion: 'policy.networking.k8s.io/v1alpha1' }, rejected: 'apiVersion: NotSupported' },
  { description: 'a minimal ANP', raw: anpBase({ ingress: [{ action: 'Allow', from, ports: [{ portNumber: { port: 80 } }, { portRange: { protocol: 'UDP', start: 1, end: 100 } }] }] }) },
  { description: 'ANP Accept is v1alpha2 wording', raw: anpBase({ ingress: [{ action: 'Accept', from }] }), rejected: 'spec.ingress[0].action: NotSupported' },
  { description: 'ANP without priority', raw: { ...anpBase({}), spec: { subject: { namespaces: {} } } }, rejected: 'spec.priority: Required' },
  { description: 'ANP portNumber without port', raw: anpBase({ ingress: [{ action: 'Allow', from, ports: [{ portNumber: { protocol: 'TCP' } }] }] }), rejected: 'spec.ingress[0].ports[0].portNumber.port: Required' },
  { description: 'ANP 101 rules', raw: anpBase({ egress: Array.from({ length: 101 }, () => ({ action: 'Deny', to: from })) }), rejected: 'spec.egress: TooMany', message: /at most 100 items/ },
  { description: 'ANP namedPort with networks (experimental CEL)', raw: anpBase({ egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }], ports: [{ namedPort: 'http' }] }] }), rejected: 'spec.egress[0]: Invalid' },
  { description: 'ANP namedPort on the standard channel', raw: anpBase({ ingress: [{ action: 'Deny', from, ports: [{ namedPort: 'http' }] }] }), options: { crdChannel: 'standard' }, rejected: 'spec.ingress[0].ports[0].namedPort: UnknownField' },
  { description: 'a BANP named default', raw: banpBase({ egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] }) },
  { description: 'a BANP named otherwise (CEL on the object)', raw: banpBase({}, 'baseline'), rejected: ': Invalid', message: /Only one baseline admin network policy with metadata.name="default"/ },
  { description: 'BANP Pass', raw: banpBase({ ingress: [{ action: 'Pass', from }] }), rejected: 'spec.ingress[0].action: NotSupported' },
  { description: 'BANP has no priority', raw: banpBase({ priority: 3 }), rejected: 'spec.priority: UnknownField' },
];
