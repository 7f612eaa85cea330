// No input file may crash the loader: random bytes, deep nesting, huge scalars, alias bombs, and a
// wrong JSON type at every field of valid objects each end in problems of one line (file and
// position where there is one), never an exception, and in bounded memory. The documents are
// generated from a seeded PRNG, so a failure names its seed and case and can be replayed.
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { stringify } from 'yaml';
import { checkDocuments, checkManifests, readManifestText } from '../../src/validate/loader.js';
import { formatProblem } from '../../src/validate/problem.js';
import { runCli } from '../support/cli.js';
import { Random } from '../../src/generate/random.js';

const SEED = 20261127;

const VALID: Record<string, unknown>[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', labels: { name: 'prod' } } },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'db', namespace: 'prod', labels: { role: 'db' } },
    spec: { containers: [{ name: 'db', image: 'mysql', ports: [{ name: 'mysql', containerPort: 3306, protocol: 'TCP' }] }] },
    status: { podIP: '10.0.0.5' },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'db', namespace: 'prod' },
    spec: {
      podSelector: { matchLabels: { role: 'db' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: {}, namespaceSelector: { matchLabels: { name: 'prod' } } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 3306, endPort: 3310, protocol: 'TCP' }, { port: 'mysql' }] }],
      egress: [{ to: [{ ipBlock: { cidr: '192.168.5.10/32' } }], ports: [{ protocol: 'UDP', port: 53 }] }],
    },
  },
];

const WRONG_VALUES: unknown[] = [null, 0, -1, 1.5, 2 ** 53, true, '', 'x', 'ü\u0000', [], [1, 'a'], {}, { a: { b: 1 } }, 'y'.repeat(70_000)];

/** Every path of a value, objects and arrays included, as key lists. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return here;
}

function replaced(value: unknown, path: readonly (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy: unknown[] = [...(value as unknown[])];
    copy[Number(head)] = replaced(copy[Number(head)], rest, by);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  copy[String(head)] = replaced(copy[String(head)], rest, by);
  return copy;
}

interface Hostile {
  name: string;
  text: string;
}

function hostileDocuments(): Hostile[] {
  const rng = new Random(SEED);
  const random = (): number => rng.int(1 << 30) / (1 << 30);
  const docs: Hostile[] = [];
  for (let i = 0; i < 40; i++) {
    const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 400) }, () => Math.floor(random() * 256)));
    docs.push({ name: `random bytes #${i}`, text: bytes.toString('latin1') });
  }
  const specials = [':', '-', '[', ']', '{', '}', '&a', '*a', '!!binary', '|', '>', '"', "'", '#', '%YAML 1.2\n---', '\t', '\u0000', '? ', '<<: *a'];
  const valid = VALID.map((v) => stringify(v)).join('---\n');
  for (let i = 0; i < 60; i++) {
    let text = valid;
    for (let k = 0; k < 1 + Math.floor(random() * 5); k++) {
      const at = Math.floor(random() * text.length);
      const special = specials[Math.floor(random() * specials.length)] ?? '';
      text = random() < 0.5 ? text.slice(0, at) + special + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 20));
    }
    docs.push({ name: `mutated #${i}`, text });
  }
  docs.push({ name: 'deep flow sequence', text: `${'['.repeat(50_000)}${']'.repeat(50_000)}\n` });
  docs.push({ name: 'deep flow mapping', text: `a: ${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}\n` });
  docs.push({ name: 'deep block mapping', text: Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n' });
  docs.push({ name: 'deep labels', text: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  labels: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n` });
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  docs.push({ name: 'alias bomb (billion laughs)', text: `${laughs.join('\n')}\n` });
  docs.push({ name: 'alias bomb inside a policy', text: `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: y, labels: &l {a: b}}\nspec:\n  podSelector: {matchLabels: *l}\n  x: [${Array(200).fill('*l').join(',')}]\n` });
  docs.push({ name: 'recursive alias', text: 'a: &a [*a]\n' });
  docs.push({ name: 'huge scalar', text: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  labels: {a: ${'b'.repeat(8_000_000)}}\n` });
  docs.push({ name: 'huge key', text: `${'k'.repeat(2_000_000)}: 1\n` });
  docs.push({ name: 'many documents', text: '---\na: 1\n'.repeat(20_000) });
  docs.push({ name: 'NUL bytes', text: 'apiVersion: v1\u0000\nkind: Pod\n' });
  docs.push({ name: 'a List whose items are not objects', text: 'apiVersion: v1\nkind: List\nitems: [1, "a", null, [], {kind: Pod}]\n' });
  docs.push({ name: 'binary tag', text: 'apiVersion: !!binary aGVsbG8=\nkind: !!set {a, b}\nmetadata: !!omap [{a: 1}]\n' });
  docs.push({ name: 'unknown tag', text: 'apiVersion: !foo v1\nkind: !<tag:x> Pod\n' });
  for (const object of VALID) {
    for (const path of paths(object)) {
      for (const by of WRONG_VALUES) docs.push({ name: `${String(object['kind'])} ${path.join('.') || '(root)'} = ${JSON.stringify(by)?.slice(0, 20)}`, text: stringify(replaced(object, path, by)) });
    }
  }
  return docs;
}

const oneLine = (p: Parameters<typeof formatProblem>[0]): string => formatProblem(p);

describe('the loader on hostile input', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-hostile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const docs = hostileDocuments();

  it(`${docs.length} generated documents (seed ${SEED}): never an exception, every problem one line, memory bounded`, () => {
    const startRss = process.memoryUsage().rss;
    let peak = startRss;
    let withProblems = 0;
    for (const doc of docs) {
      let checked;
      try {
        checked = checkDocuments(readManifestText(doc.text, 'hostile.yaml'));
      } catch (error) {
        expect.fail(`${doc.name}: threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      }
      for (const p of [...checked.problems, ...checked.warnings]) {
        const line = oneLine(p);
        expect(line, doc.name).to.not.include('\n');
        expect(line, doc.name).to.match(/^hostile\.yaml/);
        expect(line.length, `${doc.name}: a problem line stays readable`).to.be.below(2000);
      }
      if (checked.problems.length > 0) withProblems++;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(withProblems, 'most hostile documents are rejected').to.be.above(docs.length / 2);
    expect((peak - startRss) / 2 ** 20, 'MiB of memory grown while loading').to.be.below(768);
  });

  it('an alias bomb: one line with file and position, exit 1, from `validate`', async () => {
    const file = join(dir, 'bomb.yaml');
    const bomb = docs.find((d) => d.name.startsWith('alias bomb (billion'));
    writeFileSync(file, bomb?.text ?? '');
    const { code, out, err } = await runCli('validate', file);
    expect(code).to.equal(1);
    expect(err).to.equal('');
    const [first] = out.split('\n');
    expect(first).to.match(new RegExp(`^${file}:\\d+:\\d+: .*alias`, 'i'));
  });

  it('deep nesting and a huge scalar through `validate`: problems in one line each, exit 1', async () => {
    for (const name of ['deep flow sequence', 'deep labels', 'huge scalar']) {
      const file = join(dir, `${name.replaceAll(' ', '-')}.yaml`);
      writeFileSync(file, docs.find((d) => d.name === name)?.text ?? '');
      const { code, out, err } = await runCli('validate', file);
      expect(code, `${name}: ${out}${err}`).to.equal(1);
      expect(err, name).to.equal('');
      expect(out.trim().split('\n').every((l) => l.length < 2000 && !/^\s+at /.test(l)), name).to.equal(true);
    }
  });

  it('a file too large to be manifests is refused before it is parsed', () => {
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, `a: ${'x'.repeat(40 * 2 ** 20)}\n`);
    const checked = checkManifests([file]);
    expect(checked.problems.map(formatProblem)).to.deep.equal([`${file}: file is 40.0 MiB; manifests larger than 32 MiB are not read (the API server takes requests of at most 3 MiB)`]);
  });
});
