// A target spec is parsed once, by the command line, and then travels as JSON: through cucumber's
// world parameters into the features' Before hook, and into the session's cache key. Each test gives
// a target an option that is not its default and shows that the target the features ran on had it.
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { discard, PROJECT_ROOT, runSuite, type SuiteResult } from '../../src/runner/run-suite.js';
import { acquireTarget, releaseTarget } from '../../src/runner/target-session.js';
import { targetSpecFromJson, type TargetSpec } from '../../src/targets/spec.js';
import { FAST, harness, type Harness } from '../cluster/helpers.js';
import { netnsUnavailable } from '../netns/support.js';

const quietly = (target: TargetSpec, paths: string[], tags?: string): Promise<SuiteResult> =>
  runSuite({ target, paths, quiet: true, stdout: discard(), stderr: discard(), ...(tags ? { tags } : {}) });

const SPECS: TargetSpec[] = [
  { name: 'sim', options: { ipBlockMatchesPodIps: false, fault: 'except-ignored' } },
  { name: 'netns', options: { denyAction: 'drop', probeTimeoutMs: 250, maxAttempts: 2, ipBlockMatchesPodIps: false } },
  { name: 'cluster', options: { context: 'kind-x', kubeconfig: '/tmp/k', settings: { runId: 'abc1', probeRounds: 5, podCidr: '10.96.0.0/12' } } },
];

describe('target spec', () => {
  it('is JSON: every option of every target survives a round trip and the world-parameter check', () => {
    for (const spec of SPECS) {
      const tripped: unknown = JSON.parse(JSON.stringify({ target: spec }));
      expect(targetSpecFromJson((tripped as { target: unknown }).target, 'test')).to.deep.equal(spec);
    }
  });

  it('is checked, with one line, when it comes from outside (a profile or --world-parameters)', () => {
    expect(() => targetSpecFromJson('netns', 'cucumber world parameters')).to.throw('cucumber world parameters: "target" must be {"name": "sim"|"netns"|"cluster", "options": {...}}');
    expect(() => targetSpecFromJson({ name: 'kind' }, 'w')).to.throw('"target" must be');
    expect(() => targetSpecFromJson({ name: 'sim', options: [] }, 'w')).to.throw('"target" must be');
    expect(targetSpecFromJson({ name: 'sim' }, 'w')).to.deep.equal({ name: 'sim', options: {} });
  });
});

describe('target session', () => {
  after(releaseTarget);

  it('reuses the target for the same spec, whatever the order of its keys, and builds a new one for a different option', async () => {
    const first = await acquireTarget({ name: 'sim', options: { ipBlockMatchesPodIps: false, fault: 'except-ignored' } });
    const same = await acquireTarget({ name: 'sim', options: { fault: 'except-ignored', ipBlockMatchesPodIps: false } });
    expect(same).to.equal(first);
    const other = await acquireTarget({ name: 'sim', options: { ipBlockMatchesPodIps: false } });
    expect(other).to.not.equal(first);
    expect(other.lacking.has('ipblock-pod-ip')).to.equal(true);
    expect(other.lacking.has('no-ipblock-pod-ip')).to.equal(false);
    expect((await acquireTarget({ name: 'sim', options: {} })).lacking.has('no-ipblock-pod-ip'), 'the default matches pod addresses').to.equal(true);
  });
});

describe('a spec crosses into cucumber whole', () => {
  it('sim: --no-ipblock-pod-ips reaches the features, whose @ipblock-pod-ip scenarios are skipped with the reason', async () => {
    const result = await quietly({ name: 'sim', options: { ipBlockMatchesPodIps: false } }, [join(PROJECT_ROOT, 'features/conformance/ipblock.feature')]);
    expect(result.scenarios.length).to.be.greaterThan(0);
    for (const s of result.scenarios) {
      expect(s.status, s.name).to.equal('skipped');
      expect(s.skipReason).to.contain('the sim target lacks @ipblock-pod-ip: run with --no-ipblock-pod-ips');
    }
  });

  describe('netns', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'netpol-spec-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('drop reaches the sandbox: a denied flow claimed allowed times out instead of being refused', async (t) => {
      const why = await netnsUnavailable();
      if (why) return t.skip(why);
      const feature = join(dir, 'drop.feature');
      writeFileSync(
        feature,
        [
          'Feature: drop',
          '  Scenario: a false claim',
          '    Given the pods:',
          '      | pod   | labels | ports  |',
          '      | x/a   | app=a  | 80/TCP |',
          '      | x/b   | app=b  | 80/TCP |',
          '    When this policy is applied:',
          '      """',
          '      {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: deny, namespace: "x"}, spec: {podSelector: {}}}',
          '      """',
          '    Then x/a can connect to x/b on 80/TCP',
          '',
        ].join('\n'),
      );
      const result = await quietly({ name: 'netns', options: { denyAction: 'drop', probeTimeoutMs: 200, maxAttempts: 1 } }, [feature]);
      expect(result.scenarios.map((s) => s.status)).to.deep.equal(['failed']);
      expect(result.scenarios[0]?.message).to.match(/x\/a -> x\/b on 80\/TCP: expected allowed, observed denied \(timeout after \d+ ms, 1 attempt/);
    });
  });

  describe('cluster (fake API server)', () => {
    let h: Harness;
    before(async () => {
      h = await harness();
    });
    after(async () => {
      await releaseTarget();
      await h.close();
    });

    it('the kubeconfig and the settings (run id, image, waits) reach the target the features run on', async () => {
      const spec: TargetSpec = { name: 'cluster', options: { kubeconfig: h.kubeconfig, settings: { ...FAST, runId: 'trip7', image: 'example.test/agnhost:trip' } } };
      const result = await quietly(spec, [join(PROJECT_ROOT, 'features/conformance/default-deny.feature')], '@case-1');
      expect(result.scenarios.map((s) => s.status)).to.deep.equal(['passed']);
      const created = h.fake.requests.filter((r) => r.method === 'POST');
      expect(created.some((r) => r.path === '/api/v1/namespaces' && r.body.includes('"x-trip7"'))).to.equal(true);
      expect(created.some((r) => r.path.endsWith('/pods') && r.body.includes('"example.test/agnhost:trip"'))).to.equal(true);
    });
  });
});
