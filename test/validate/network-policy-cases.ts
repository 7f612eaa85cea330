// Every rejection upstream's NetworkPolicy validation makes, each next to the closest accepted
// object. Messages are upstream's (pkg/apis/networking/validation, apimachinery), written out here
// literally rather than computed, so a wording drift in the validator fails. The validator's unit
// tests check them (network-policy.test.ts), and so does a real API server (test/testbed/).
import type { Case } from './cases.js';

const META = { name: 'db-policy', namespace: 'prod' };
const policy = (spec: unknown, metadata: unknown = META): unknown => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec });
const ports = (...list: unknown[]): unknown => policy({ podSelector: {}, ingress: [{ ports: list }] });
const from = (...peers: unknown[]): unknown => policy({ podSelector: {}, ingress: [{ from: peers }] });
const to = (...peers: unknown[]): unknown => policy({ podSelector: {}, policyTypes: ['Egress'], egress: [{ to: peers }] });
const selecting = (podSelector: unknown): unknown => policy({ podSelector });
const block = (ipBlock: unknown): unknown => from({ ipBlock });

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const KEY_NAME =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const PORT_RANGE = 'must be between 1 and 65535, inclusive';
const BAD_CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
const SUBSET = 'must be a strict subset of `cidr`';
const LAX = { strictCidr: false };

export const NETWORK_POLICY_CASES: Record<string, Case[]> = {
  'metadata.name and namespace': [
    { description: 'a DNS-1123 subdomain name', raw: policy({}, { name: 'db-policy.v2', namespace: 'prod' }) },
    { description: 'upper case and underscore in the name', raw: policy({}, { name: 'DB_policy', namespace: 'prod' }), rejected: { field: 'metadata.name', reason: 'Invalid', message: SUBDOMAIN } },
    { description: 'a name of 253 characters', raw: policy({}, { name: 'a'.repeat(253), namespace: 'prod' }) },
    { description: 'a name of 254 characters', raw: policy({}, { name: 'a'.repeat(254), namespace: 'prod' }), rejected: { field: 'metadata.name', reason: 'Invalid', message: 'must be no more than 253 characters' } },
    { description: 'no name', raw: policy({}, { namespace: 'prod' }), rejected: { field: 'metadata.name', reason: 'Required', message: 'name or generateName is required' } },
    { description: 'no namespace (defaults to "default")', raw: policy({}, { name: 'p' }) },
    { description: 'a namespace with a dot', raw: policy({}, { name: 'p', namespace: 'prod.eu' }), rejected: { field: 'metadata.namespace', reason: 'Invalid', message: 'must not contain dots' } },
  ],
  policyTypes: [
    { description: 'Ingress and Egress', raw: policy({ policyTypes: ['Ingress', 'Egress'] }) },
    { description: 'three entries', raw: policy({ policyTypes: ['Ingress', 'Egress', 'Ingress'] }), rejected: { field: 'spec.policyTypes', reason: 'Invalid', message: 'may not specify more than two policyTypes' } },
    { description: 'lower case "ingress"', raw: policy({ policyTypes: ['ingress'] }), rejected: { field: 'spec.policyTypes[0]', reason: 'NotSupported', message: 'supported values: "Ingress", "Egress"' } },
    { description: 'the same type twice (accepted upstream, with our warning)', raw: policy({ policyTypes: ['Egress', 'Egress'] }), warning: 'is listed twice' },
  ],
  protocol: [
    { description: 'TCP, UDP and SCTP', raw: ports({ protocol: 'TCP' }, { protocol: 'UDP' }, { protocol: 'SCTP' }) },
    { description: 'lower case "tcp"', raw: ports({ protocol: 'tcp' }), rejected: { field: 'spec.ingress[0].ports[0].protocol', reason: 'NotSupported', message: 'supported values: "TCP", "UDP", "SCTP"' } },
    { description: 'ICMP', raw: ports({ protocol: 'UDP' }, { protocol: 'ICMP' }), rejected: { field: 'spec.ingress[0].ports[1].protocol', reason: 'NotSupported', message: 'supported values: "TCP", "UDP", "SCTP"' } },
  ],
  'numeric port': [
    { description: 'ports 1 and 65535', raw: ports({ port: 1 }, { port: 65535 }) },
    { description: 'port 0', raw: ports({ port: 0 }), rejected: { field: 'spec.ingress[0].ports[0].port', reason: 'Invalid', message: PORT_RANGE } },
    { description: 'port 65536', raw: ports({ port: 65536 }), rejected: { field: 'spec.ingress[0].ports[0].port', reason: 'Invalid', message: PORT_RANGE } },
    { description: 'port -1', raw: ports({ port: -1 }), rejected: { field: 'spec.ingress[0].ports[0].port', reason: 'Invalid', message: PORT_RANGE } },
    { description: 'egress port 70000', raw: policy({ policyTypes: ['Egress'], egress: [{ ports: [{ port: 70000 }] }] }), rejected: { field: 'spec.egress[0].ports[0].port', reason: 'Invalid', message: PORT_RANGE } },
  ],
  'named port (IANA service name)': [
    { description: '"http" and "web-8080" (15 characters max)', raw: ports({ port: 'http' }, { port: 'web-8080' }, { port: 'a23456789012345' }) },
    { description: 'upper case "Http"', raw: ports({ port: 'Http' }), rejected: { field: 'spec.ingress[0].ports[0].port', reason: 'Invalid', message: 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)' } },
    { description: 'the string "8080" (no letter)', raw: ports({ port: '8080' }), rejected: { field: 'spec.ingress[0].ports[0].port', reason: 'Invalid', message: 'must contain at least one letter (a-z)' } },
    { description: '16 characters', raw: ports({ port: 'a234567890123456' }), rejected: { field: 'spec.ingress[0].ports[0].port', reason: 'Invalid', message: 'must be no more than 15 characters' } },
    { description: 'consecutive hyphens', raw: ports({ port: 'web--x' }), rejected: { field: 'spec.ingress[0].ports[0].port', reason: 'Invalid', message: 'must not contain consecutive hyphens' } },
    { description: 'a leading hyphen', raw: ports({ port: '-web' }), rejected: { field: 'spec.ingress[0].ports[0].port', reason: 'Invalid', message: 'must not begin or end with a hyphen' } },
  ],
  endPort: [
    { description: 'endPort equal to port', raw: ports({ port: 80, endPort: 80 }) },
    { description: 'endPort above port', raw: ports({ port: 80, endPort: 65535 }) },
    { description: 'endPort below port', raw: ports({ port: 443 }, { port: 80, endPort: 79 }), rejected: { field: 'spec.ingress[0].ports[1].endPort', reason: 'Invalid', message: 'must be greater than or equal to `port`' } },
    { description: 'endPort 65536', raw: ports({ port: 80, endPort: 65536 }), rejected: { field: 'spec.ingress[0].ports[0].endPort', reason: 'Invalid', message: PORT_RANGE } },
    { description: 'endPort without port', raw: ports({ endPort: 90 }), rejected: { field: 'spec.ingress[0].ports[0].endPort', reason: 'Invalid', message: 'may not be specified when `port` is not specified' } },
    { description: 'endPort with a named port', raw: ports({ port: 'http', endPort: 90 }), rejected: { field: 'spec.ingress[0].ports[0].endPort', reason: 'Invalid', message: 'may not be specified when `port` is non-numeric' } },
  ],
  peers: [
    { description: 'a podSelector peer', raw: from({ podSelector: {} }) },
    { description: 'podSelector and namespaceSelector in one peer', raw: from({ podSelector: {}, namespaceSelector: {} }) },
    { description: 'an empty peer', raw: from({ podSelector: {} }, {}), rejected: { field: 'spec.ingress[0].from[1]', reason: 'Required', message: 'must specify a peer' } },
    { description: 'an empty egress peer', raw: to({}), rejected: { field: 'spec.egress[0].to[0]', reason: 'Required', message: 'must specify a peer' } },
    { description: 'an ipBlock peer', raw: to({ ipBlock: { cidr: '192.168.5.10/32' } }) },
    { description: 'ipBlock with a podSelector', raw: from({ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }), rejected: { field: 'spec.ingress[0].from[0]', reason: 'Forbidden', message: 'may not specify both ipBlock and another peer' } },
    { description: 'ipBlock with a namespaceSelector', raw: to({ ipBlock: { cidr: '10.0.0.0/8' }, namespaceSelector: {} }), rejected: { field: 'spec.egress[0].to[0]', reason: 'Forbidden', message: 'may not specify both ipBlock and another peer' } },
  ],
  'label selectors': [
    { description: 'plain and prefixed keys, values with . _ -', raw: selecting({ matchLabels: { app: 'v1.2_x-y', 'example.com/tier': 'db', empty: '' } }) },
    { description: 'a key with a space', raw: selecting({ matchLabels: { 'bad key': 'x' } }), rejected: { field: 'spec.podSelector.matchLabels', reason: 'Invalid', message: KEY_NAME } },
    { description: 'an empty prefix', raw: selecting({ matchLabels: { '/app': 'x' } }), rejected: { field: 'spec.podSelector.matchLabels', reason: 'Invalid', message: 'prefix part must be non-empty' } },
    { description: 'an upper case prefix', raw: selecting({ matchLabels: { 'Example.com/app': 'x' } }), rejected: { field: 'spec.podSelector.matchLabels', reason: 'Invalid', message: `prefix part ${SUBDOMAIN}` } },
    { description: 'two slashes', raw: selecting({ matchLabels: { 'a/b/c': 'x' } }), rejected: { field: 'spec.podSelector.matchLabels', reason: 'Invalid', message: /^a valid label key must consist of .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/ } },
    { description: 'a key name of 63 characters', raw: selecting({ matchLabels: { ['k'.repeat(63)]: 'x' } }) },
    { description: 'a key name of 64 characters', raw: selecting({ matchLabels: { ['k'.repeat(64)]: 'x' } }), rejected: { field: 'spec.podSelector.matchLabels', reason: 'Invalid', message: 'name part must be no more than 63 bytes' } },
    { description: 'a value starting with "-"', raw: from({ namespaceSelector: { matchLabels: { team: '-ops' } } }), rejected: { field: 'spec.ingress[0].from[0].namespaceSelector.matchLabels', reason: 'Invalid', message: LABEL_VALUE } },
    { description: 'a value of 64 characters', raw: selecting({ matchLabels: { app: 'v'.repeat(64) } }), rejected: { field: 'spec.podSelector.matchLabels', reason: 'Invalid', message: 'must be no more than 63 bytes' } },
  ],
  matchExpressions: [
    { description: 'In, NotIn with values; Exists, DoesNotExist without', raw: selecting({ matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }, { key: 'b', operator: 'NotIn', values: ['y', 'z'] }, { key: 'c', operator: 'Exists' }, { key: 'd', operator: 'DoesNotExist', values: [] }] }) },
    { description: 'In with empty values', raw: selecting({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }), rejected: { field: 'spec.podSelector.matchExpressions[0].values', reason: 'Required', message: "must be specified when `operator` is 'In' or 'NotIn'" } },
    { description: 'NotIn without values', raw: from({ podSelector: { matchExpressions: [{ key: 'a', operator: 'NotIn' }] } }), rejected: { field: 'spec.ingress[0].from[0].podSelector.matchExpressions[0].values', reason: 'Required', message: "must be specified when `operator` is 'In' or 'NotIn'" } },
    { description: 'Exists with values', raw: selecting({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }), rejected: { field: 'spec.podSelector.matchExpressions[0].values', reason: 'Forbidden', message: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" } },
    { description: 'DoesNotExist with values', raw: selecting({ matchExpressions: [{ key: 'c', operator: 'Exists' }, { key: 'a', operator: 'DoesNotExist', values: ['x'] }] }), rejected: { field: 'spec.podSelector.matchExpressions[1].values', reason: 'Forbidden', message: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" } },
    { description: 'operator "Equals"', raw: selecting({ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }), rejected: { field: 'spec.podSelector.matchExpressions[0].operator', reason: 'Invalid', message: 'not a valid selector operator' } },
    { description: 'an invalid key', raw: selecting({ matchExpressions: [{ key: 'a b', operator: 'Exists' }] }), rejected: { field: 'spec.podSelector.matchExpressions[0].key', reason: 'Invalid', message: KEY_NAME } },
    { description: 'an invalid value', raw: selecting({ matchExpressions: [{ key: 'a', operator: 'In', values: ['ok', 'not ok'] }] }), rejected: { field: 'spec.podSelector.matchExpressions[0].values[1]', reason: 'Invalid', message: LABEL_VALUE } },
  ],
  'ipBlock cidr and except': [
    { description: 'IPv4 and IPv6 blocks with strict-subset excepts', raw: from({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.3.4/32'] } }, { ipBlock: { cidr: 'fd00::/48', except: ['fd00:0:0:1::/64'] } }) },
    { description: 'no cidr', raw: block({ except: ['10.1.0.0/16'] }), rejected: { field: 'spec.ingress[0].from[0].ipBlock.cidr', reason: 'Required', message: '' } },
    { description: 'an empty cidr', raw: block({ cidr: '' }), rejected: { field: 'spec.ingress[0].from[0].ipBlock.cidr', reason: 'Required', message: '' } },
    { description: 'a cidr that is not a CIDR', raw: block({ cidr: 'office' }), rejected: { field: 'spec.ingress[0].from[0].ipBlock.cidr', reason: 'Invalid', message: BAD_CIDR } },
    { description: 'an address without prefix', raw: block({ cidr: '10.0.0.1' }), rejected: { field: 'spec.ingress[0].from[0].ipBlock.cidr', reason: 'Invalid', message: BAD_CIDR } },
    { description: 'prefix /33', raw: block({ cidr: '10.0.0.0/33' }), rejected: { field: 'spec.ingress[0].from[0].ipBlock.cidr', reason: 'Invalid', message: BAD_CIDR } },
    { description: 'an except that is not a CIDR', raw: block({ cidr: '10.0.0.0/8', except: ['10.1.0.0'] }), rejected: { field: 'spec.ingress[0].from[0].ipBlock.except[0]', reason: 'Invalid', message: BAD_CIDR } },
    { description: 'an except equal to cidr', raw: block({ cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] }), rejected: { field: 'spec.ingress[0].from[0].ipBlock.except[0]', reason: 'Invalid', message: SUBSET } },
    { description: 'an except larger than cidr', raw: block({ cidr: '10.1.0.0/16', except: ['10.0.0.0/8'] }), rejected: { field: 'spec.ingress[0].from[0].ipBlock.except[0]', reason: 'Invalid', message: SUBSET } },
    { description: 'an except outside cidr', raw: block({ cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '192.168.0.0/16'] }), rejected: { field: 'spec.ingress[0].from[0].ipBlock.except[1]', reason: 'Invalid', message: SUBSET } },
    { description: 'an IPv6 except in an IPv4 block', raw: block({ cidr: '10.0.0.0/8', except: ['fd00::/64'] }), rejected: { field: 'spec.ingress[0].from[0].ipBlock.except[0]', reason: 'Invalid', message: SUBSET } },
  ],
  'strict CIDR validation (default) and the lax one of older servers': [
    { description: 'host bits set, strict', raw: block({ cidr: '10.10.1.12/24' }), rejected: { field: 'spec.ingress[0].from[0].ipBlock.cidr', reason: 'Invalid', message: 'must not have bits set beyond the prefix length' } },
    { description: 'host bits set, lax', raw: block({ cidr: '10.10.1.12/24' }), options: LAX, warning: 'CIDR value is ambiguous in this context (should be "10.10.1.0/24" or "10.10.1.12/32"?)' },
    { description: 'leading zeros, strict', raw: block({ cidr: '010.0.0.0/8' }), rejected: { field: 'spec.ingress[0].from[0].ipBlock.cidr', reason: 'Invalid', message: 'must not have leading 0s in IP or prefix length' } },
    { description: 'leading zeros, lax (decimal, as Go reads them)', raw: block({ cidr: '010.0.0.0/8' }), options: LAX, warning: 'use "10.0.0.0/8"' },
    { description: 'a leading zero in the prefix, strict', raw: block({ cidr: '10.0.0.0/08' }), rejected: { field: 'spec.ingress[0].from[0].ipBlock.cidr', reason: 'Invalid', message: 'must not have leading 0s in IP or prefix length' } },
    { description: 'IPv4-mapped IPv6, strict', raw: block({ cidr: '::ffff:10.0.0.0/104' }), rejected: { field: 'spec.ingress[0].from[0].ipBlock.cidr', reason: 'Invalid', message: 'must not have an IPv4-mapped IPv6 address' } },
    { description: 'IPv4-mapped IPv6, lax', raw: block({ cidr: '::ffff:10.0.0.0/104' }), options: LAX, warning: 'non-standard CIDR value' },
    { description: 'an except with host bits set, strict', raw: block({ cidr: '10.0.0.0/8', except: ['10.1.2.3/16'] }), rejected: { field: 'spec.ingress[0].from[0].ipBlock.except[0]', reason: 'Invalid', message: 'must not have bits set beyond the prefix length' } },
    { description: 'an except with host bits set, lax (its network is a strict subset)', raw: block({ cidr: '10.0.0.0/8', except: ['10.1.2.3/16'] }), options: LAX, warning: 'ambiguous' },
  ],
};
