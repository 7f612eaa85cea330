// The comparison: the model and its three writers as pure functions of suite results, the command
// with a stand-in suite runner, and one end-to-end run (sim against the cluster target on the fake
// API server) through the real suite runner.
import { after, before, describe, it } from 'node:test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { Command } from 'commander';
import { compareCommand } from '../../src/cli/commands/compare.js';
import { main } from '../../src/cli/main.js';
import { compareHtml } from '../../src/report/compare-html.js';
import { compareJson } from '../../src/report/compare-json.js';
import { compareMarkdown } from '../../src/report/compare-md.js';
import { buildComparison } from '../../src/report/compare-model.js';
import { targetLabel } from '../../src/targets/spec.js';
import type { ScenarioResult, SuiteResult } from '../../src/runner/run-suite.js';
import { harness, type Harness } from './helpers.js';

const scenario = (line: number, name: string, status: ScenarioResult['status'], extra: Partial<ScenarioResult> = {}): ScenarioResult => ({
  id: `id-${line}`,
  name,
  uri: 'features/conformance/ingress.feature',
  file: '/repo/features/conformance/ingress.feature',
  line,
  tags: ['@ingress'],
  status,
  ...extra,
});

const DIFF = 'expected, observed and difference:\n      x/a x/b\n x/a  .   X\n x/b  X   .\ndiff: x/a -> x/b <script>alert(1)</script> | pipe';

const results: SuiteResult[] = [
  { target: 'sim', success: false, scenarios: [scenario(10, 'deny all ingress', 'passed'), scenario(20, 'allow from y', 'passed'), scenario(30, 'udp | dns', 'passed'), scenario(40, 'broken claim', 'failed', { message: 'claim is wrong' })] },
  {
    target: 'cluster:kind-calico',
    success: false,
    scenarios: [
      scenario(10, 'deny all ingress', 'passed'),
      scenario(20, 'allow from y', 'failed', { message: DIFF }),
      scenario(30, 'udp | dns', 'skipped', { skipReason: 'the target lacks @udp' }),
      scenario(40, 'broken claim', 'passed'),
    ],
  },
  { target: 'netns', success: true, scenarios: [scenario(10, 'deny all ingress', 'passed'), scenario(20, 'allow from y', 'passed')] },
];

describe('comparison model', () => {
  it('matches scenarios across targets and finds the divergences from sim (skips are not divergences)', () => {
    const c = buildComparison(results);
    expect(c.targets).to.deep.equal(['sim', 'cluster:kind-calico', 'netns']);
    expect(c.baseline).to.equal(0);
    expect(c.rows.map((r) => r.line)).to.deep.equal([10, 20, 30, 40]);
    expect(c.rows[2]?.cells[2]).to.equal(undefined); // not run on netns
    expect(c.divergences.map((d) => [d.row.line, d.target, d.kind])).to.deep.equal([
      [20, 'cluster:kind-calico', 'fails-on-target'],
      [40, 'cluster:kind-calico', 'passes-on-target'],
    ]);
    expect(c.totals).to.deep.equal([
      { target: 'sim', success: false, passed: 3, failed: 1, skipped: 0, other: 0 },
      { target: 'cluster:kind-calico', success: false, passed: 2, failed: 1, skipped: 1, other: 0 },
      { target: 'netns', success: true, passed: 2, failed: 0, skipped: 0, other: 0 },
    ]);
  });

  it('has no baseline, and so no divergences, without sim', () => {
    const c = buildComparison(results.slice(1));
    expect(c.baseline).to.equal(undefined);
    expect(c.divergences).to.deep.equal([]);
    expect(compareMarkdown(c)).to.contain('sim was not among the targets');
  });
});

describe('comparison writers', () => {
  const c = buildComparison(results);

  it('markdown: divergences first, then totals, the table, and each failure\'s difference tables', () => {
    const md = compareMarkdown(c);
    const order = ['## Divergences from sim (2)', '## Totals', '## Scenarios', '## Failures'].map((h) => md.indexOf(h));
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > (order[k - 1] ?? 0)))).to.equal(true);
    expect(md).to.contain('| allow from y (features/conformance/ingress.feature:20) | `cluster:kind-calico` | passed | failed | expected, observed and difference: |');
    expect(md).to.contain('| udp \\| dns <br>features/conformance/ingress.feature:30 | pass | skipped: the target lacks @udp | - |');
    expect(md).to.contain(`### allow from y on \`cluster:kind-calico\`\n\nfeatures/conformance/ingress.feature:20: failed\n\n\`\`\`text\n${DIFF}\n\`\`\``);
  });

  it('html: one self-contained page, everything escaped, each failure\'s tables behind a click', () => {
    const html = compareHtml(c);
    expect(html).to.match(/^<!doctype html>/);
    expect(html).to.not.match(/<script|<link|src=|href=/i);
    expect(html).to.not.contain('<script>alert(1)</script>');
    expect(html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).to.contain('<h2>2 divergences from sim</h2>');
    expect(html).to.contain('<td class="fail"><details><summary>FAIL</summary><pre>expected, observed and difference:\n      x/a x/b');
    expect(html).to.contain('<td class="skip">skipped<br><span class="where">the target lacks @udp</span></td>');
    expect(html).to.contain('<td class="none">not run</td>');
    expect(html.match(/<tr class="divergent">/g)).to.have.length(2);
  });

  it('json: the same facts for machines', () => {
    const json = JSON.parse(compareJson(c)) as { baseline: string; divergences: { line: number; target: string; kind: string; message: string | null }[]; scenarios: { results: Record<string, unknown> }[] };
    expect(json.baseline).to.equal('sim');
    expect(json.divergences.map((d) => [d.line, d.target, d.kind])).to.deep.equal([
      [20, 'cluster:kind-calico', 'fails-on-target'],
      [40, 'cluster:kind-calico', 'passes-on-target'],
    ]);
    expect(json.divergences[0]?.message).to.equal(DIFF);
    expect(json.scenarios[2]?.results).to.deep.equal({ sim: { status: 'passed' }, 'cluster:kind-calico': { status: 'skipped', skipReason: 'the target lacks @udp' }, netns: null });
  });
});

describe('compare command', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(async () => h.close());

  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
  };

  it('needs at least two targets', async () => {
    const cap = io();
    expect(await main(['compare', '--target', 'sim'], cap.io)).to.equal(2);
    expect(cap.err.join('')).to.contain('give at least two --target options to compare');
  });

  it('runs the suite once per target, writes the three reports, exits 1 on divergences only with --strict', async () => {
    const calls: string[] = [];
    for (const [strict, code] of [[false, 0], [true, 1]] as const) {
      const cap = io();
      const ctx = { io: cap.io, exitCode: 0 };
      const program = new Command().exitOverride().addCommand(
        compareCommand(ctx, async (options) => {
          const cluster = options.target.name === 'cluster' ? options.target.options : {};
          calls.push(`${options.target.name}:${cluster.context ?? ''}:${cluster.kubeconfig ?? ''}:${(options.paths ?? []).join(',')}`);
          const found = results.find((r) => r.target === targetLabel(options.target));
          return found ?? { target: options.target.name, success: true, scenarios: [] };
        }, async () => undefined),
      );
      const reports = join(h.dir, strict ? 'strict' : 'plain');
      await program.parseAsync(['compare', '--target', 'sim', '--target', 'cluster:kind-calico', '--kubeconfig', '/k', '--reports', reports, ...(strict ? ['--strict'] : []), 'features/conformance'], { from: 'user' });
      expect(ctx.exitCode).to.equal(code);
      for (const file of ['compare.md', 'compare.html', 'compare.json']) expect(existsSync(join(reports, file))).to.equal(true);
      expect(cap.out.join('')).to.contain('2 divergences from sim\n  cluster:kind-calico: allow from y (features/conformance/ingress.feature:20) passed on sim, failed here\n');
    }
    // --kubeconfig is a cluster option: the sim spec does not carry it.
    expect(calls.slice(0, 2)).to.deep.equal(['sim:::features/conformance', 'cluster:kind-calico:/k:features/conformance']);
  });

  it('end to end: the lessons on sim and on the cluster target (fake API server) agree', async () => {
    const cap = io();
    const reports = join(h.dir, 'e2e');
    const code = await main(['compare', '--target', 'sim', '--target', 'cluster:fake', '--kubeconfig', h.kubeconfig, '--reports', reports, 'features/lessons'], cap.io);
    expect(code, cap.err.join('')).to.equal(0);
    expect(cap.out.join('')).to.contain('0 divergences from sim');
    const json = JSON.parse(readFileSync(join(reports, 'compare.json'), 'utf8')) as { totals: { target: string; passed: number; failed: number; skipped: number }[] };
    const [sim, cluster] = json.totals;
    expect(sim?.failed).to.equal(0);
    expect(cluster?.failed).to.equal(0);
    expect(cluster?.passed).to.be.greaterThan(0);
    // What the fake cannot run (external hosts need docker next to kind) is skipped with the reason.
    expect((cluster?.passed ?? 0) + (cluster?.skipped ?? 0)).to.equal(sim?.passed);
    expect(readFileSync(join(reports, 'compare.md'), 'utf8')).to.contain('skipped: the cluster:fake target lacks @external: context "fake" is not a kind cluster');
    // The cluster target left nothing behind on the (fake) cluster.
    expect([...h.fake.store.namespaces.values()].filter((n) => n.metadata.labels?.['app.kubernetes.io/managed-by'] === 'netpol-conformance')).to.deep.equal([]);
    expect(h.fake.execs.length).to.be.greaterThan(0);
  });
});
