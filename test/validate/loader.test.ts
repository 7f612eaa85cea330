// Loading manifests: multi-document files, Lists, directories, YAML as kubectl reads it, and one
// problem line (file, line, object, field) for everything wrong, never a stack trace.
import { after, before, describe, it } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { InputError } from '../../src/model/errors.js';
import { checkManifests, loadManifests, loadManifestText, readManifestPaths, readManifestText } from '../../src/validate/loader.js';
import type { LoadedObject } from '../../src/model/api.js';
import type { Problem } from '../../src/validate/problem.js';

const VALID = 'fixtures/validation/valid';
const INVALID = 'fixtures/validation/invalid';

function ids(loaded: readonly LoadedObject[]): string[] {
  return loaded.map(({ object }) => (object.kind === 'Namespace' ? `Namespace ${object.metadata.name}` : `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`));
}

function inputError(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(InputError);
    return (error as Error).message.split('\n');
  }
  expect.fail('expected an InputError');
}

const POD = (name: string, extra = ''): string => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: prod${extra}}\nspec: {containers: [{name: s}]}\n`;

describe('readManifestText', () => {
  it('reads every non-empty document, numbered 0-based when there are several', () => {
    const text = `${POD('a')}---\n---\n# only a comment\n---\n${POD('b')}`;
    const { documents, problems } = readManifestText(text, 'x.yaml');
    expect(problems).to.deep.equal([]);
    expect(documents.map((d) => d.source)).to.deep.equal([
      { file: 'x.yaml', document: 0 },
      { file: 'x.yaml', document: 3 },
    ]);
  });

  it('leaves the document number out for a single-document file', () => {
    expect(readManifestText(POD('a'), 'x.yaml').documents.map((d) => d.source)).to.deep.equal([{ file: 'x.yaml' }]);
  });

  it('expands a List into its items and a typed list fills in apiVersion and kind', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n  - ${POD('a').trimEnd().replaceAll('\n', '\n    ')}\n`;
    const typed = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicyList\nitems:\n  - metadata: {name: p, namespace: prod}\n    spec: {}\n';
    expect(readManifestText(list, 'l.yaml').documents.map((d) => d.raw)).to.have.length(1);
    expect(readManifestText(typed, 't.yaml').documents.map((d) => d.raw)).to.deep.equal([
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'prod' }, spec: {} },
    ]);
  });

  it('reports malformed YAML with its file and line, and keeps reading the other documents', () => {
    const text = `${POD('a')}---\nkind: Pod\nmetadata: {name: b\n---\n${POD('c')}`;
    const { documents, problems } = readManifestText(text, 'broken.yaml');
    expect(documents).to.have.length(2);
    expect(problems).to.have.length.greaterThan(0);
    expect(problems[0]).to.include({ reason: 'Syntax', object: 'document 2' });
    expect(problems[0]?.line).to.be.within(6, 8);
    expect(problems[0]?.message).to.match(/^invalid YAML: /).and.not.include('\n');
  });

  it('rejects duplicate keys, as strict decoding does', () => {
    const { problems } = readManifestText('kind: Pod\nkind: Namespace\n', 'dup.yaml');
    expect(problems.map((p) => [p.line, p.message])).to.deep.equal([[2, 'invalid YAML: Map keys must be unique']]);
  });

  it('reads YAML 1.1 as kubectl does: yes is a boolean, timestamps and 1:20 stay strings, 0755 is octal', () => {
    const [doc] = readManifestText('a: yes\nb: "yes"\nc: 2024-01-01\nd: 1:20\ne: 0755\n', 'y.yaml').documents;
    expect(doc?.raw).to.deep.equal({ a: true, b: 'yes', c: '2024-01-01', d: '1:20', e: 493 });
  });
});

describe('readManifestPaths', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-loader-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads folders recursively in sorted order, only .yaml and .yml files', () => {
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'b', 'z.yml'), POD('from-b-z'));
    writeFileSync(join(dir, 'c.yaml'), POD('from-c'));
    writeFileSync(join(dir, 'a.YAML'), POD('from-a'));
    writeFileSync(join(dir, 'notes.txt'), 'kind: nonsense');
    const names = readManifestPaths([dir]).documents.map((d) => (d.raw as { metadata: { name: string } }).metadata.name);
    expect(names).to.deep.equal(['from-a', 'from-b-z', 'from-c']);
  });

  it('reports a broken symlink in a folder as unreadable, without a stack trace', () => {
    const sub = join(dir, 'links');
    mkdirSync(sub);
    symlinkSync(join(dir, 'gone.yaml'), join(sub, 'dangling.yaml'));
    const { problems } = readManifestPaths([sub]);
    expect(problems.map((p) => p.source.file)).to.deep.equal([join(sub, 'dangling.yaml')]);
    expect(problems[0]?.message).to.match(/^cannot read: ENOENT/);
  });

  it('names a path that does not exist', () => {
    const missing = join(dir, 'nope.yaml');
    expect(readManifestPaths([missing]).problems.map((p) => [p.source.file, p.message])).to.deep.equal([[missing, 'no such file or directory']]);
  });
});

describe('loadManifests', () => {
  it('loads the valid fixtures: namespaces, a List of pods, policies and a typed list', () => {
    expect(ids(loadManifests([VALID]))).to.deep.equal([
      'Namespace prod',
      'Namespace dev',
      'Pod prod/db',
      'Pod prod/api-pod',
      'NetworkPolicy prod/db-policy',
      'NetworkPolicy dev/default-deny',
      'NetworkPolicy dev/allow-http',
    ]);
  });

  it('throws one InputError line per problem, naming file, line, object and field', () => {
    const lines = inputError(() => loadManifests([`${INVALID}/endport-below-port.yaml`, `${INVALID}/unknown-kind.yaml`, `${INVALID}/missing-name.yaml`]));
    expect(lines).to.deep.equal([
      `${INVALID}/endport-below-port.yaml:12:20: NetworkPolicy prod/db-policy: spec.ingress[0].ports[1].endPort: must be greater than or equal to port (got 8000)`,
      `${INVALID}/unknown-kind.yaml:2:7: Service prod/web: kind: unsupported kind; this tool reads Namespace (v1), Pod (v1), NetworkPolicy (networking.k8s.io/v1), ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2), AdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), Deployment (apps/v1), ReplicaSet (apps/v1), ReplicationController (v1), StatefulSet (apps/v1), DaemonSet (apps/v1), Job (batch/v1), CronJob (batch/v1) (got "Service")`,
      `${INVALID}/missing-name.yaml:4:3: Namespace document 1: metadata.name: name or generateName is required`,
      `${INVALID}/missing-name.yaml:9:3: NetworkPolicy document 2: metadata.name: name or generateName is required`,
    ]);
  });

  it('turns malformed YAML into a line with the file and line number', () => {
    expect(inputError(() => loadManifests([`${INVALID}/malformed.yaml`]))).to.deep.equal([
      `${INVALID}/malformed.yaml:6:1: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }`,
    ]);
  });

  it('puts namespaced objects without a namespace in "default", or in defaultNamespace', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: s}]}\n';
    expect(loadManifestText(text, 'p.yaml')[0]?.object.metadata.namespace).to.equal('default');
    expect(loadManifestText(text, 'p.yaml', { defaultNamespace: 'dev' })[0]?.object.metadata.namespace).to.equal('dev');
  });

  it('locates a problem on the line of the offending field', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: s\n      ports:\n        - containerPort: 70000\n';
    expect(inputError(() => loadManifestText(text, 'p.yaml'))).to.deep.equal([
      'p.yaml:9:26: Pod default/a: spec.containers[0].ports[0].containerPort: must be between 1 and 65535, inclusive (got 70000)',
    ]);
  });

  it('rejects a YAML 1.1 boolean where a label value belongs, as kubectl does', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels: {debug: yes}\n';
    expect(inputError(() => loadManifestText(text, 'n.yaml'))).to.deep.equal([
      'n.yaml:5:19: Namespace a: metadata.labels[debug]: must be a string, not boolean true (quote the value in YAML)',
    ]);
  });

  it('keeps the later of two definitions of one object, as kubectl apply, and warns', () => {
    const warnings: Problem[] = [];
    const text = `${POD('a', ', labels: {v: one}')}---\n${POD('b')}---\n${POD('a', ', labels: {v: two}')}`;
    const loaded = loadManifestText(text, 'twice.yaml', { onWarning: (w) => warnings.push(w) });
    expect(ids(loaded)).to.deep.equal(['Pod prod/a', 'Pod prod/b']);
    expect(loaded[0]?.object.metadata.labels).to.deep.equal({ v: 'two' });
    expect(warnings.map((w) => w.message)).to.deep.equal(['replaces the Pod defined at twice.yaml:1 (the later definition wins, as with kubectl apply)']);
  });

  it('accepts host bits only without strict CIDR validation, passing the warning on', () => {
    const file = 'fixtures/validation/host-bits.yaml';
    expect(inputError(() => loadManifests([file]))[0]).to.include('spec.egress[0].to[0].ipBlock.cidr: must not have bits set beyond the prefix length');
    const warnings: string[] = [];
    const loaded = loadManifests([file], { strictCidr: false, onWarning: (w) => warnings.push(w.message) });
    expect(ids(loaded)).to.deep.equal(['NetworkPolicy prod/host-bits']);
    expect(warnings).to.have.length(1);
  });

  it('counts documents read, valid or not', () => {
    const checked = checkManifests([VALID, INVALID]);
    expect(checked.documents).to.equal(7 + 4);
    expect(checked.objects).to.have.length(7);
  });
});
