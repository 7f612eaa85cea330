// The text a person reads, checked word for word against files under test/golden/: the matrix
// table, explain, the mismatch report of a failed claim, the conformance summary and the --help of
// every command. A change of wording is then a reviewed diff of these files:
//
//   npm run golden:update     rewrites them from the current code; review with git diff
import { after, before, describe, it } from 'node:test';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { xyzModel } from '../../src/model/objects.js';
import { truthTableExpectations } from '../../src/harness/expectations.js';
import { formatMismatch, judge } from '../../src/harness/mismatch.js';
import { Scenario } from '../../src/harness/scenario.js';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { createSimTarget } from '../../src/targets/sim/sim-target.js';
import { runCli } from '../support/cli.js';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const GOLDEN = join(PROJECT_ROOT, 'test/golden');
const LESSON = 'fixtures/lessons/network-policies';

/** Compares with test/golden/<name>, or writes it when UPDATE_GOLDEN=1. */
function golden(name: string, text: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE) writeFileSync(file, text);
  expect(existsSync(file), `${file} is missing: run npm run golden:update`).to.equal(true);
  expect(text, `${name} differs from the golden file (npm run golden:update rewrites it)`).to.equal(readFileSync(file, 'utf8'));
}

async function stdout(...argv: string[]): Promise<string> {
  const { code, out, err } = await runCli(...argv);
  expect(err, `${argv.join(' ')}: ${err}`).to.equal('');
  expect(code, argv.join(' ')).to.be.oneOf([0, 1]);
  return out;
}

describe('golden outputs', () => {
  it('matrix: the glyph table per port, external hosts included', async () => {
    golden('matrix.txt', await stdout('matrix', '-f', `${LESSON}/topology.yaml`, '-f', `${LESSON}/5-db-policy-egress.yaml`, '--port', '3306/TCP', '--port', '80/TCP', '--external', 'backup=192.168.5.10'));
  });

  it('explain: an allowed and a denied flow', async () => {
    const files = ['-f', `${LESSON}/topology.yaml`, '-f', `${LESSON}/5-db-policy-egress.yaml`];
    const allowed = await stdout('explain', ...files, '--from', 'prod/api', '--to', 'prod/db', '--port', '3306/TCP');
    const denied = await stdout('explain', ...files, '--from', 'prod/db', '--to', 'prod/api', '--port', '80/TCP');
    golden('explain.txt', `$ explain --from prod/api --to prod/db --port 3306/TCP\n${allowed}\n$ explain --from prod/db --to prod/api --port 80/TCP\n${denied}`);
  });

  it('matrix md and dot, lint: the 50-workload example', async () => {
    const shop = ['-f', 'examples/shop', '--port', '8080/TCP', '--port', '5432/TCP'];
    const dot = await runCli('matrix', ...shop, '-o', 'dot');
    expect(dot.code).to.equal(0);
    golden('shop.dot', dot.out);
    const lint = await runCli('lint', 'examples/shop');
    expect(lint.code).to.equal(0);
    golden('lint.txt', lint.out);
    golden('matrix.md', await stdout('matrix', '-f', `${LESSON}/topology.yaml`, '-f', `${LESSON}/5-db-policy-egress.yaml`, '--port', '3306/TCP', '--external', 'backup=192.168.5.10', '-o', 'md'));
  });

  it('lint: the cluster-scoped tiers, one finding per check', async () => {
    const lint = await runCli('lint', '-f', 'fixtures/inputs/cluster-tiers-lint.yaml');
    expect(lint.code).to.equal(0);
    golden('lint-tiers.txt', lint.out);
  });

  it('mismatch: a failed truth table on sim, and failed probes with the commands that reproduce them', async () => {
    const scenario = new Scenario(await createSimTarget({}), 'golden.feature', []);
    scenario.declare(xyzModel());
    await scenario.applyText('{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: deny, namespace: "x"}, spec: {podSelector: {matchLabels: {pod: a}}}}', 'golden');
    const topology = await scenario.topology();
    const port = { port: 80, protocol: 'TCP' as const };
    const claim = truthTableExpectations(
      [
        ['from\\to', 'x/a', 'x/b', 'y/a'],
        ['x/a', '-', '.', '.'],
        ['x/b', '.', '-', 'X'],
        ['y/a', 'X', '.', '-'],
      ],
      port,
      topology,
    );
    const failure = await scenario.check(claim).then(
      () => 'the claim held',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    const flow = (from: string, to: string) => ({ from, to, port: 81, protocol: 'UDP' as const });
    const probes = formatMismatch(
      judge(
        [
          { flow: flow('x/a', 'x/b'), expected: 'allowed' },
          { flow: flow('x/b', 'x/a'), expected: 'denied' },
          { flow: flow('x/a', 'backup'), expected: 'denied' },
        ],
        [
          { kind: 'probe', flow: flow('x/a', 'x/b'), outcome: 'timeout', elapsedMs: 1003.4, attempts: 3, detail: 'no reply', reproduce: 'ip netns exec x-a agnhost connect 10.244.1.2:81 --protocol=udp' },
          { kind: 'probe', flow: flow('x/b', 'x/a'), outcome: 'connected', elapsedMs: 2.2, attempts: 1 },
          { kind: 'probe', flow: flow('x/a', 'backup'), outcome: 'error', elapsedMs: 30000, attempts: 1, detail: 'exec timed out', reproduce: 'kubectl exec -n x-run1 a -- /agnhost connect 192.168.5.10:81 --protocol=udp' },
        ],
      ),
    );
    golden('mismatch.txt', `${failure}\n\n${probes}\n`);
  });

  describe('run: the conformance summary', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'netpol-golden-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('pass, fail and skip counts per tag, the skip reasons, the failures', async () => {
      const { out } = await runCli('run', '--target', 'sim', '--no-ipblock-pod-ips', '--reports', dir, '-f', 'rerun', 'test/golden/fixtures/summary.feature');
      golden('summary.txt', out.replaceAll(dir, '<reports>'));
    });
  });

  describe('--help', () => {
    const commands = [[], ['run'], ['matrix'], ['explain'], ['doctor'], ['validate'], ['lint'], ['curriculum'], ['curriculum', 'check'], ['compare'], ['generate'], ['fuzz'], ['cluster'], ['cluster', 'up'], ['cluster', 'down'], ['cleanup'], ['testbed'], ['testbed', 'up'], ['testbed', 'down'], ['testbed', 'status']];
    for (const command of commands) {
      const name = command.length === 0 ? 'netpol-conformance' : command.join('-');
      it(`${['netpol-conformance', ...command].join(' ')} --help`, async () => {
        golden(`help/${name}.txt`, await stdout(...command, '--help'));
      });
    }
  });
});
