// Pods and Namespaces: the parts this project reads (names, labels, container ports, status.podIP),
// each rejection next to the closest accepted object.
import { describe, it } from 'node:test';
import { checkCase, type Case } from './cases.js';

const pod = (spec: unknown, extra: Record<string, unknown> = {}, metadata: unknown = { name: 'api', namespace: 'prod', labels: { app: 'api' } }): unknown => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata,
  spec,
  ...extra,
});
const withPorts = (...ports: unknown[]): unknown => pod({ containers: [{ name: 'server', ports }] });
const namespace = (metadata: unknown): unknown => ({ apiVersion: 'v1', kind: 'Namespace', metadata });

const DNS_LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const PORT_RANGE = 'must be between 1 and 65535, inclusive';
const LAX = { strictCidr: false };

const groups: Record<string, Case[]> = {
  'Pod names and labels': [
    { description: 'a pod with a container and no image (targets bring their own)', raw: pod({ containers: [{ name: 'server' }] }) },
    { description: 'an upper case name', raw: pod({ containers: [{ name: 'server' }] }, {}, { name: 'API' }), rejected: { field: 'metadata.name', reason: 'Invalid', message: /^a lowercase RFC 1123 subdomain/ } },
    { description: 'a label value with a space', raw: pod({ containers: [{ name: 'server' }] }, {}, { name: 'api', labels: { role: 'data base' } }), rejected: { field: 'metadata.labels', reason: 'Invalid', message: /^a valid label must be an empty string/ } },
    { description: 'a number as label value (YAML `version: 1`)', raw: pod({ containers: [{ name: 'server' }] }, {}, { name: 'api', labels: { version: 1 } }), rejected: { field: 'metadata.labels[version]', reason: 'TypeMismatch', message: 'must be a string, not number 1 (quote the value in YAML)' } },
    { description: 'resources written as numbers (quantities decode from numbers)', raw: pod({ containers: [{ name: 'server', resources: { limits: { cpu: 1, memory: '64Mi' } } }] }) },
  ],
  'Pod containers': [
    { description: 'no containers', raw: pod({ containers: [] }), rejected: { field: 'spec.containers', reason: 'Required', message: '' } },
    { description: 'no spec', raw: pod(undefined), rejected: { field: 'spec.containers', reason: 'Required', message: '' } },
    { description: 'two containers with distinct names', raw: pod({ containers: [{ name: 'a' }, { name: 'b' }] }) },
    { description: 'two containers with the same name', raw: pod({ containers: [{ name: 'a' }, { name: 'a' }] }), rejected: { field: 'spec.containers[1].name', reason: 'Duplicate', message: '' } },
    { description: 'a container without name', raw: pod({ containers: [{ image: 'agnhost' }] }), rejected: { field: 'spec.containers[0].name', reason: 'Required', message: '' } },
    { description: 'a container name with a dot', raw: pod({ containers: [{ name: 'web.server' }] }), rejected: { field: 'spec.containers[0].name', reason: 'Invalid', message: 'must not contain dots' } },
  ],
  'Pod container ports': [
    { description: 'named TCP, UDP and SCTP ports 1 and 65535', raw: withPorts({ containerPort: 1, name: 'http' }, { containerPort: 65535, protocol: 'UDP', name: 'dns' }, { containerPort: 80, protocol: 'SCTP' }) },
    { description: 'containerPort 0', raw: withPorts({ containerPort: 0 }), rejected: { field: 'spec.containers[0].ports[0].containerPort', reason: 'Required', message: '' } },
    { description: 'no containerPort', raw: withPorts({ name: 'http' }), rejected: { field: 'spec.containers[0].ports[0].containerPort', reason: 'Required', message: '' } },
    { description: 'containerPort 65536', raw: withPorts({ containerPort: 65536 }), rejected: { field: 'spec.containers[0].ports[0].containerPort', reason: 'Invalid', message: PORT_RANGE } },
    { description: 'a string containerPort', raw: withPorts({ containerPort: '80' }), rejected: { field: 'spec.containers[0].ports[0].containerPort', reason: 'TypeMismatch', message: 'must be an integer, not string "80"' } },
    { description: 'protocol "udp"', raw: withPorts({ containerPort: 53, protocol: 'udp' }), rejected: { field: 'spec.containers[0].ports[0].protocol', reason: 'NotSupported', message: 'supported values: "TCP", "UDP", "SCTP"' } },
    { description: 'a port name with upper case', raw: withPorts({ containerPort: 80, name: 'Http' }), rejected: { field: 'spec.containers[0].ports[0].name', reason: 'Invalid', message: 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)' } },
    { description: 'the same port name twice in one container', raw: withPorts({ containerPort: 80, name: 'http' }, { containerPort: 8080, name: 'http' }), rejected: { field: 'spec.containers[0].ports[1].name', reason: 'Duplicate', message: '' } },
    { description: 'the same port name in two containers (allowed upstream)', raw: pod({ containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }] }, { name: 'b', ports: [{ containerPort: 8080, name: 'http' }] }] }) },
  ],
  'Pod status.podIP': [
    { description: 'an IPv4 pod IP', raw: pod({ containers: [{ name: 's' }] }, { status: { podIP: '10.244.1.5' } }) },
    { description: 'an IPv6 pod IP', raw: pod({ containers: [{ name: 's' }] }, { status: { podIP: 'fd00::5' } }) },
    { description: 'an octet above 255', raw: pod({ containers: [{ name: 's' }] }, { status: { podIP: '10.244.1.300' } }), rejected: { field: 'status.podIP', reason: 'Invalid', message: 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' } },
    { description: 'leading zeros, strict', raw: pod({ containers: [{ name: 's' }] }, { status: { podIP: '10.244.1.05' } }), rejected: { field: 'status.podIP', reason: 'Invalid', message: 'must not have leading 0s' } },
    { description: 'leading zeros, lax', raw: pod({ containers: [{ name: 's' }] }, { status: { podIP: '10.244.1.05' } }), options: LAX, warning: 'use "10.244.1.5"' },
    { description: 'IPv4-mapped IPv6, strict', raw: pod({ containers: [{ name: 's' }] }, { status: { podIP: '::ffff:10.244.1.5' } }), rejected: { field: 'status.podIP', reason: 'Invalid', message: 'must not be an IPv4-mapped IPv6 address' } },
  ],
  Namespace: [
    { description: 'a DNS-1123 label with labels', raw: namespace({ name: 'prod', labels: { name: 'prod', 'kubernetes.io/metadata.name': 'prod' } }) },
    { description: 'a name with a dot (a subdomain, not a label)', raw: namespace({ name: 'prod.eu' }), rejected: { field: 'metadata.name', reason: 'Invalid', message: 'must not contain dots' } },
    { description: 'an upper case name', raw: namespace({ name: 'Prod' }), rejected: { field: 'metadata.name', reason: 'Invalid', message: DNS_LABEL } },
    { description: 'a name of 64 characters', raw: namespace({ name: 'n'.repeat(64) }), rejected: { field: 'metadata.name', reason: 'Invalid', message: 'must be no more than 63 characters' } },
    { description: 'an invalid label key', raw: namespace({ name: 'prod', labels: { 'team name': 'x' } }), rejected: { field: 'metadata.labels', reason: 'Invalid', message: /^name part must consist of/ } },
    { description: 'a metadata.namespace (ignored on cluster-scoped objects)', raw: namespace({ name: 'prod', namespace: 'whatever' }) },
  ],
};

describe('Pod and Namespace validation', () => {
  for (const [group, cases] of Object.entries(groups)) {
    describe(group, () => {
      for (const c of cases) it(`${c.rejected ? 'rejects' : 'accepts'} ${c.description}`, () => checkCase(c));
    });
  }
});
