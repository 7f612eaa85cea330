// Document-level validation: kind and apiVersion, strict decoding (unknown fields, JSON types), the
// typed object handed to the engine, and the one-line rendering of problems.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { validateDocument } from '../../src/validate/index.js';
import { apiServerMessage, formatProblem, type Problem } from '../../src/validate/problem.js';
import { checkCase, type Case } from './cases.js';

const np = (body: Record<string, unknown>): Record<string, unknown> => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'prod' }, ...body });

const cases: Case[] = [
  { description: 'a NetworkPolicy of networking.k8s.io/v1', raw: np({ spec: {} }) },
  { description: 'a NetworkPolicy of extensions/v1beta1', raw: np({ apiVersion: 'extensions/v1beta1', spec: {} }), rejected: { field: 'apiVersion', reason: 'NotSupported', message: 'supported values: "networking.k8s.io/v1"' } },
  { description: 'a document without kind', raw: { apiVersion: 'v1', metadata: { name: 'x' } }, rejected: { field: 'kind', reason: 'Required', message: /^must be set; this tool reads Namespace \(v1\), Pod \(v1\), NetworkPolicy \(networking\.k8s\.io\/v1\), ClusterNetworkPolicy \(policy\.networking\.k8s\.io\/v1alpha2\), AdminNetworkPolicy \(policy\.networking\.k8s\.io\/v1alpha1\), BaselineAdminNetworkPolicy \(policy\.networking\.k8s\.io\/v1alpha1\), Deployment \(apps\/v1\), .*CronJob \(batch\/v1\)$/ } },
  { description: 'a Service', raw: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }, rejected: { field: 'kind', reason: 'Invalid', message: /^unsupported kind; this tool reads / } },
  { description: 'a list where a mapping belongs', raw: [{ kind: 'Pod' }], rejected: { field: '', reason: 'Syntax', message: 'a manifest must be a YAML mapping (an object), not a list' } },
  { description: 'a bare string document', raw: 'kind: Pod', rejected: { field: '', reason: 'Syntax', message: 'a manifest must be a YAML mapping (an object), not string' } },
  { description: 'a NetworkPolicy without spec (valid upstream: deny all ingress)', raw: np({}), warning: 'denies all their ingress' },
  { description: 'known metadata fields (annotations, uid, resourceVersion)', raw: np({ metadata: { name: 'p', annotations: { 'example.com/owner': 'me' }, uid: 'x', resourceVersion: '1' }, spec: {} }) },
  { description: 'a misspelt field "ingres"', raw: np({ spec: { ingres: [] } }), rejected: { field: 'spec.ingres', reason: 'UnknownField', message: 'unknown field (did you mean "ingress"?)' } },
  { description: 'a misspelt "matchLabel" inside a peer', raw: np({ spec: { ingress: [{ from: [{ podSelector: { matchLabel: { a: 'b' } } }] }] } }), rejected: { field: 'spec.ingress[0].from[0].podSelector.matchLabel', reason: 'UnknownField', message: 'unknown field (did you mean "matchLabels"?)' } },
  { description: 'an unknown field far from any known one', raw: np({ spec: { firewall: true } }), rejected: { field: 'spec.firewall', reason: 'UnknownField', message: 'unknown field' } },
  { description: 'an unknown field with unknownFields: warn', raw: np({ spec: { ingres: [] } }), options: { unknownFields: 'warn' }, warning: 'unknown field' },
  { description: 'an unknown field with unknownFields: ignore', raw: np({ spec: { ingres: [] } }), options: { unknownFields: 'ignore' } },
  { description: 'an object where a list belongs', raw: np({ spec: { ingress: { from: [] } } }), rejected: { field: 'spec.ingress', reason: 'TypeMismatch', message: 'must be a list, not an object' } },
  { description: 'a string endPort', raw: np({ spec: { ingress: [{ ports: [{ port: 80, endPort: '90' }] }] } }), rejected: { field: 'spec.ingress[0].ports[0].endPort', reason: 'TypeMismatch', message: 'must be an integer, not string "90"' } },
  { description: 'a fractional port (no follow-on "endPort without port")', raw: np({ spec: { ingress: [{ ports: [{ port: 80.5, endPort: 90 }] }] } }), rejected: { field: 'spec.ingress[0].ports[0].port', reason: 'TypeMismatch', message: 'must be an integer or a string, not number 80.5' } },
  { description: 'a boolean name (YAML 1.1 `name: yes`)', raw: np({ metadata: { name: true }, spec: {} }), rejected: { field: 'metadata.name', reason: 'TypeMismatch', message: 'must be a string, not boolean true (quote the value in YAML)' } },
  { description: 'a string where a rule belongs (no crash, no follow-on)', raw: np({ spec: { ingress: ['allow-all'] } }), rejected: { field: 'spec.ingress[0]', reason: 'TypeMismatch', message: 'must be an object, not string "allow-all"' } },
  { description: 'a number among selector values', raw: np({ spec: { podSelector: { matchExpressions: [{ key: 'v', operator: 'In', values: [1] }] } } }), rejected: { field: 'spec.podSelector.matchExpressions[0].values[0]', reason: 'TypeMismatch', message: 'must be a string, not number 1 (quote the value in YAML)' } },
  { description: 'a null peer (Go decodes it as an empty peer)', raw: np({ spec: { ingress: [{ from: [null] }] } }), rejected: { field: 'spec.ingress[0].from[0]', reason: 'Required', message: 'must specify a peer' } },
  { description: 'null fields (decoded as absent, as Go does)', raw: np({ spec: { podSelector: null, ingress: [{ from: null, ports: null }] } }) },
];

describe('document validation', () => {
  for (const c of cases) it(`${c.rejected ? 'rejects' : 'accepts'} ${c.description}`, () => checkCase(c));

  it('returns the typed object, filling the namespace as kubectl does', () => {
    const raw = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api', labels: { app: 'api' } }, spec: { containers: [{ name: 's', ports: [{ containerPort: 80, name: 'http' }] }] }, status: { podIP: '10.244.0.9' } };
    expect(validateDocument(raw, { file: 'x.yaml' }).object).to.deep.equal({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'api', namespace: 'default', labels: { app: 'api' } },
      spec: { containers: [{ name: 's', ports: [{ containerPort: 80, name: 'http' }] }] },
      status: { podIP: '10.244.0.9' },
    });
    const inDev = validateDocument(raw, { file: 'x.yaml' }, { defaultNamespace: 'dev' }).object;
    expect(inDev?.metadata.namespace).to.equal('dev');
  });

  it('gives a Namespace no namespace, and a spec-less policy an empty spec', () => {
    const ns = validateDocument({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', namespace: 'x' } }, { file: 'x.yaml' }).object;
    expect(ns).to.deep.equal({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } });
    const policy = validateDocument(np({}), { file: 'x.yaml' }).object;
    expect(policy).to.deep.include({ spec: {} });
  });

  it('names a nameless object by its document', () => {
    const [problem] = validateDocument({ apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 's' }] } }, { file: 'x.yaml', document: 2 }).problems;
    expect(problem?.object).to.equal('document 3');
  });
});

describe('problem lines', () => {
  const problem: Problem = {
    source: { file: 'fixtures/bad.yaml' },
    kind: 'NetworkPolicy',
    object: 'prod/db-policy',
    field: 'spec.ingress[0].ports[1].endPort',
    reason: 'Invalid',
    message: 'must be greater than or equal to `port`',
    value: 79,
  };

  it('reads FILE: KIND namespace/name: FIELD: MESSAGE', () => {
    expect(formatProblem(problem)).to.equal('fixtures/bad.yaml: NetworkPolicy prod/db-policy: spec.ingress[0].ports[1].endPort: must be greater than or equal to port (got 79)');
  });

  it('adds the line when known, else the 1-based document of a multi-document file', () => {
    expect(formatProblem({ ...problem, line: 14, column: 20 })).to.match(/^fixtures\/bad\.yaml:14:20: NetworkPolicy /);
    expect(formatProblem({ ...problem, source: { file: 'bad.yaml', document: 1 } })).to.match(/^bad\.yaml#2: NetworkPolicy /);
  });

  it('renders the cause as the API server words it', () => {
    expect(apiServerMessage(problem)).to.equal('spec.ingress[0].ports[1].endPort: Invalid value: 79: must be greater than or equal to `port`');
    expect(apiServerMessage({ ...problem, field: 'spec.ingress[0].from[0]', reason: 'Required', message: 'must specify a peer' })).to.equal('spec.ingress[0].from[0]: Required value: must specify a peer');
    expect(apiServerMessage({ ...problem, field: 'spec.policyTypes[0]', reason: 'NotSupported', message: 'supported values: "Ingress", "Egress"', value: 'ingress' })).to.equal(
      'spec.policyTypes[0]: Unsupported value: "ingress": supported values: "Ingress", "Egress"',
    );
  });

  it('validates real upstream causes into the same field, reason and message', () => {
    const { problems } = validateDocument(np({ spec: { ingress: [{ ports: [{ port: 70000 }] }] } }), { file: 'x.yaml' });
    expect(problems.map(apiServerMessage)).to.deep.equal(['spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive']);
  });
});

describe('robustness', () => {
  const RICH_POLICY = np({
    spec: {
      podSelector: { matchLabels: { role: 'db' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: {}, namespaceSelector: { matchLabels: { a: 'b' } } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ protocol: 'TCP', port: 80, endPort: 90 }, { port: 'http' }] }],
      egress: [{ to: [{ ipBlock: { cidr: 'fd00::/64' } }], ports: [{ port: 53, protocol: 'UDP' }] }],
    },
  });
  const RICH_POD = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'x', labels: { app: 'a' } }, spec: { containers: [{ name: 's', ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }] }] }, status: { podIP: '10.0.0.1' } };
  const REPLACEMENTS: unknown[] = [null, '', 'x', 0, 1.5, -1, true, [], {}, [null], [1], ['x'], { a: 1 }, { '': null }];

  /** Every path to every node of a JSON value. */
  function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    const here = prefix.length > 0 ? [prefix] : [];
    if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
    if (typeof value === 'object' && value !== null) return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
    return here;
  }

  function replaced(value: unknown, path: (string | number)[], replacement: unknown): unknown {
    const copy: unknown = structuredClone(value);
    let node = copy as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
    node[path.at(-1)!] = replacement;
    return copy;
  }

  for (const [name, base] of [['NetworkPolicy', RICH_POLICY], ['Pod', RICH_POD]] as const) {
    it(`never throws, and always answers, on ${name} with any node replaced by any JSON value`, () => {
      let runs = 0;
      for (const path of paths(base)) {
        for (const replacement of REPLACEMENTS) {
          const result = validateDocument(replaced(base, path, replacement), { file: 'fuzz.yaml' });
          expect(result.object !== undefined || result.problems.length > 0, `${path.join('.')} = ${JSON.stringify(replacement)}`).to.equal(true);
          runs++;
        }
      }
      expect(runs).to.be.greaterThan(200);
    });
  }
});
