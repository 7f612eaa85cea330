// Validation of the cluster-scoped kinds against the Network Policy API's own CRDs: the schema
// (enums, ranges, sizes, exactly-one-of, patterns, list sets, defaults, unknown fields) and the CEL
// rules, for both versions and both channels; warnings for what the API server accepts but no
// implementation can use.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { validateDocument, type ValidationOptions } from '../../src/validate/index.js';
import { isCidr, isIp } from '../../src/validate/crd/kube-cel-library.js';
import { loadManifestText } from '../../src/validate/loader.js';
import { anpBase, CLUSTER_POLICY_CASES, cnpBase, from, type Raw } from './cluster-policy-cases.js';

function problemKeys(raw: Raw, options: ValidationOptions = {}) {
  return validateDocument(raw, { file: 'test.yaml' }, options).problems;
}

describe('cluster-scoped policies: validation against the CRDs', () => {
  for (const c of CLUSTER_POLICY_CASES) {
    it(`${c.description}: ${c.rejected === undefined ? 'accepted' : `rejected (${c.rejected})`}`, () => {
      const problems = problemKeys(c.raw, c.options);
      const keys = problems.map((p) => `${p.field}: ${p.reason}`);
      if (c.rejected === undefined) {
        expect(keys).to.deep.equal([]);
        return;
      }
      expect(keys).to.deep.equal([c.rejected]);
      if (c.message) expect(problems[0]?.message).to.match(c.message);
    });
  }

  it('applies the CRD default: a v1alpha1 port without protocol is TCP', () => {
    const result = validateDocument(anpBase({ ingress: [{ action: 'Allow', from, ports: [{ portNumber: { port: 80 } }] }] }), { file: 't.yaml' });
    expect(JSON.stringify(result.object)).to.contain('"portNumber":{"port":80,"protocol":"TCP"}');
  });

  it('ignores the namespace of a cluster-scoped object', () => {
    const result = validateDocument({ ...cnpBase({}), metadata: { name: 'p', namespace: 'x' } }, { file: 't.yaml' });
    expect(result.problems).to.deep.equal([]);
    expect(result.object?.metadata).to.deep.equal({ name: 'p' });
  });

  it('warns about selectors the API server accepts but no implementation can parse', () => {
    const result = validateDocument(cnpBase({ subject: { namespaces: { matchExpressions: [{ key: 'env', operator: 'Equals', values: ['a'] }] } } }), { file: 't.yaml' });
    expect(result.problems).to.deep.equal([]);
    expect(result.warnings.map((w) => `${w.field}: ${w.message}`)).to.deep.equal(['spec.subject.namespaces.matchExpressions[0].operator: not a valid selector operator (the API server accepts this selector in a custom resource, but implementations cannot parse it)']);
  });

  it('warns about a v1alpha1 range whose start is not below its end', () => {
    const result = validateDocument(anpBase({ ingress: [{ action: 'Allow', from, ports: [{ portRange: { start: 90, end: 80 } }] }] }), { file: 't.yaml' });
    expect(result.problems).to.deep.equal([]);
    expect(result.warnings[0]?.message).to.contain('this range matches no port');
  });

  it('warns once about same-priority policies of a tier whose actions differ, at the later one', () => {
    const warnings: string[] = [];
    const text = [
      'apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: a}\nspec: {tier: Admin, priority: 5, subject: {namespaces: {}}, ingress: [{action: Accept, from: [{namespaces: {}}]}]}',
      'apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: b}\nspec: {tier: Admin, priority: 5, subject: {namespaces: {}}, ingress: [{action: Deny, from: [{namespaces: {}}]}]}',
      'apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: c}\nspec: {tier: Baseline, priority: 5, subject: {namespaces: {}}, ingress: [{action: Deny, from: [{namespaces: {}}]}]}',
      'apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: d}\nspec: {tier: Admin, priority: 5, subject: {namespaces: {}}, egress: [{action: Deny, to: [{namespaces: {}}]}]}',
    ].join('\n---\n');
    loadManifestText(text, 'tiers.yaml', { onWarning: (w) => warnings.push(`${w.object} ${w.field}: ${w.message}`) });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/^b spec\.priority: shares priority 5 in the Admin tier with ClusterNetworkPolicy\/a, and their ingress rules take different actions/);
  });
});

describe('Kubernetes CEL library', () => {
  // Expected answers are Go's net/netip.ParsePrefix (without zone), which isCIDR is defined by.
  const cidrs: [string, boolean][] = [
    ['10.0.0.0/8', true],
    ['10.0.0.1/8', true],
    ['10.01.0.0/16', false],
    ['10.0.0.0/08', false],
    ['10.0.0.0/33', false],
    ['::ffff:1.2.3.4/120', true],
    ['::ffff:01.2.3.4/120', false],
    ['FD00::/8', true],
    ['fe80::1%eth0/64', false],
    ['10.0.0.0', false],
    ['10.0.0.0/', false],
    ['0.0.0.0/00', false],
    [' 10.0.0.0/8', false],
    ['10.0.0.0/+8', false],
  ];
  for (const [text, expected] of cidrs) {
    it(`isCIDR(${JSON.stringify(text)}) is ${expected}`, () => {
      expect(isCidr(text)).to.equal(expected);
    });
  }
  it('isIP', () => {
    expect([isIp('10.0.0.1'), isIp('010.0.0.1'), isIp('fd00::1'), isIp('10.0.0.0/8')]).to.deep.equal([true, false, true, false]);
  });
});
