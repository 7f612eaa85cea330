// Plain JSON manifests are read natively (src/validate/json-text.ts): the values and the positions
// of problems must be exactly what the YAML reading gives. The YAML reading of the same text is
// forced by a leading `---` line (so YAML lines are one more than JSON lines).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { checkDocuments, readManifestText } from '../../src/validate/loader.js';
import { readPlainJson } from '../../src/validate/json-text.js';

const list = (items: unknown[], indent?: number): string => JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, indent);

const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'a', namespace: 'prod', labels: { app: 'web', 'x.io/y': 'yes' } },
  spec: { containers: [{ name: 's', ports: [{ containerPort: 80, name: 'http' }] }] },
};
const BAD_POLICY = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'p', namespace: 'prod' },
  spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }], ports: [{ port: 'Not_A_Name', endPort: 90 }] }], egres: [] },
};
const BAD_POD = { ...POD, metadata: { name: 'b', namespace: 'prod', labels: { app: 5 } }, spec: { containers: [{ name: 's', ports: [{ containerPort: 70000 }] }] } };

/** Problems as one-line strings, with the line number shifted back for the YAML reading. */
function problems(text: string, shift = 0): string[] {
  const read = readManifestText(text, 'f.json');
  return checkDocuments(read).problems.map((p) => `${(p.line ?? 0) - shift}:${p.column ?? 0} ${p.object} ${p.field} ${p.message}`);
}

describe('plain JSON manifests', () => {
  const texts = {
    'one line': list([POD, BAD_POLICY, BAD_POD]),
    indented: list([POD, BAD_POLICY, BAD_POD], 2),
    'one object': JSON.stringify(BAD_POLICY, null, 1),
    escapes: JSON.stringify({ ...POD, metadata: { ...POD.metadata, annotations: { 'a\\u0062': 'tab\there "quoted" \\ \u00e9 \ud83d\ude00 \u0001' } } }, null, 2),
  };

  for (const [name, text] of Object.entries(texts)) {
    it(`${name}: read natively, with the same objects and problem positions as the YAML reading`, () => {
      expect(readPlainJson(text), 'taken by the JSON path').to.not.equal(undefined);
      const yaml = readManifestText(`---\n${text}`, 'f.json');
      const json = readManifestText(text, 'f.json');
      expect(json.documents.map((d) => d.raw)).to.deep.equal(yaml.documents.map((d) => d.raw));
      expect(json.documents.map((d) => d.source)).to.deep.equal(yaml.documents.map((d) => d.source));
      expect(problems(text)).to.deep.equal(problems(`---\n${text}`, 1));
    });
  }

  it('places problems on the offending field, in a List of many objects', () => {
    const lines = problems(list([POD, POD, BAD_POLICY], 2));
    expect(lines.some((l) => /^\d+:\d+ prod\/p spec.ingress\[0\].from\[0\].ipBlock.cidr /.test(l))).to.equal(true);
    const text = list([POD, POD, BAD_POLICY], 2).split('\n');
    const at = lines.find((l) => l.includes('ipBlock.cidr'))?.split(' ')[0]?.split(':').map(Number) ?? [];
    expect(text[(at[0] ?? 0) - 1]?.slice((at[1] ?? 0) - 1)).to.match(/^"10\.0\.0\.0\/33"/);
  });

  it('leaves to YAML what YAML could read differently: duplicate keys, fractions and exponents, other text', () => {
    expect(readPlainJson('{"a": 1, "a": 2}')).to.equal(undefined);
    expect(readPlainJson('{"a": {"b": 1, "\\u0062": 2}}')).to.equal(undefined);
    expect(readPlainJson('{"a": 1e3}')).to.equal(undefined);
    expect(readPlainJson('{"a": 1.5}')).to.equal(undefined);
    expect(readPlainJson('{"a": 1,}')).to.equal(undefined);
    expect(readPlainJson('a: 1')).to.equal(undefined);
    expect(readPlainJson('"text"')).to.equal(undefined);
    expect(readManifestText('{"kind": "Pod", "kind": "Pod"}', 'f.json').problems.map((p) => p.message)).to.deep.equal(['invalid YAML: Map keys must be unique']);
  });

  it('reports broken JSON with its line, through the YAML reading', () => {
    const { problems: found } = readManifestText('{\n  "kind": "Pod",\n  "metadata": {"name": "a"\n}\n', 'f.json');
    expect(found.length).to.be.greaterThan(0);
    expect(found.every((p) => p.reason === 'Syntax' && p.line !== undefined)).to.equal(true);
  });
});
