// `netpol-conformance explain`, in-process: the verdict on one flow and the policies and rules
// behind it, as text for a person and as JSON; errors and exit codes.
import { describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli, type CliRun } from '../support/cli.js';
import type { ExplainedVerdict } from '../../src/engine/index.js';

const LESSON = 'fixtures/lessons/network-policies';
const TOPOLOGY = `${LESSON}/topology.yaml`;

const explain = (...argv: string[]): Promise<CliRun> => runCli('explain', ...argv);

describe('explain command', () => {
  it('text: an allowed flow names the isolating policy and the rule, peer and port that allow it', async () => {
    const { code, out, err } = await explain('-f', TOPOLOGY, '-f', `${LESSON}/3-db-policy-prod-only.yaml`, '--from', 'prod/api', '--to', 'prod/db', '--port', '3306/TCP');
    expect([code, err]).to.deep.equal([0, '']);
    const lines = out.split('\n');
    expect(lines[0]).to.equal('prod/api -> prod/db on 3306/TCP: ALLOWED');
    expect(out).to.include('Egress from prod/api: not isolated.');
    expect(out).to.include('Ingress to prod/db: isolated by prod/db-policy.');
    expect(out).to.include('prod/db-policy ingress rule #1: from entry #1 (pods matching name=api-pod in namespaces matching name=prod) matches prod/api; ports entry #1 (3306/TCP) matches; ALLOWS it');
    expect(out).to.include('replies need no rule');
  });

  it('text: a denied flow says which part of each rule failed', async () => {
    const { code, out } = await explain('-f', TOPOLOGY, '-f', `${LESSON}/3-db-policy-prod-only.yaml`, '--from', 'dev/api', '--to', 'prod/db', '--port', '3306/TCP');
    expect(code).to.equal(0); // explaining a denial is a success
    expect(out.split('\n')[0]).to.equal('dev/api -> prod/db on 3306/TCP: DENIED');
    // Which half of the peer missed, and the namespace label that is different.
    expect(out).to.include(
      'prod/db-policy ingress rule #1: from entry #1 (pods matching name=api-pod in namespaces matching name=prod) does not match dev/api: dev/api matches name=api-pod, but namespace dev has name=dev, not name=prod; ports entry #1 (3306/TCP) matches; does not allow it',
    );
    expect(out).to.include('=> ingress denied: no rule allows it.');
  });

  it('text: a podSelector alone looks in the policy namespace, and says so', async () => {
    const { out } = await explain('-f', TOPOLOGY, '-f', `${LESSON}/2-db-policy-allow-api.yaml`, '--from', 'dev/api', '--to', 'prod/db', '--port', '3306/TCP');
    expect(out).to.include('does not match dev/api: dev/api is in namespace dev, and a podSelector alone looks in the policy\'s namespace prod;');
  });

  it('text and json: allowed by policy, but nothing listens on the port', async () => {
    const text = await explain('-f', TOPOLOGY, '--from', 'prod/web', '--to', 'prod/db', '--port', '80/TCP');
    expect(text.out).to.include('prod/web -> prod/db on 80/TCP: ALLOWED');
    expect(text.out.trimEnd().split('\n').at(-1)).to.equal('But prod/db does not serve 80/TCP: the policies allow it, yet nothing listens there, so a real connection is refused.');
    const json = JSON.parse((await explain('-f', TOPOLOGY, '--from', 'prod/web', '--to', 'prod/db', '--port', '80/TCP', '-o', 'json')).out) as { allowed: boolean; served: boolean };
    expect([json.allowed, json.served]).to.deep.equal([true, false]);
    const served = JSON.parse((await explain('-f', TOPOLOGY, '--from', 'prod/web', '--to', 'prod/db', '--port', '3306/TCP', '-o', 'json')).out) as { served: boolean };
    expect(served.served).to.equal(true);
  });

  it('text: a policy without rules only isolates', async () => {
    const { out } = await explain('-f', TOPOLOGY, '-f', `${LESSON}/1-db-policy-deny-ingress.yaml`, '--from', 'prod/api', '--to', 'prod/db', '--port', '3306/TCP');
    expect(out).to.include('prod/db-policy has no ingress rules (policyTypes Ingress): it only isolates.');
  });

  it('text: egress to an external host, judged at the pod end only', async () => {
    const { code, out } = await explain('-f', TOPOLOGY, '-f', `${LESSON}/5-db-policy-egress.yaml`, '--from', 'prod/db', '--to', 'backup', '-e', 'backup=192.168.5.10', '--port', '443/TCP');
    expect(code).to.equal(0);
    expect(out.split('\n')[0]).to.equal('prod/db -> backup on 443/TCP: DENIED');
    expect(out).to.include('prod/db-policy egress rule #1: to entry #1 (addresses in 192.168.5.10/32) matches backup; no ports entry matches 443/TCP (#1 80/TCP); does not allow it');
    expect(out).to.include('Ingress to backup: an external host; NetworkPolicy does not apply to it.');
  });

  it('json: the verdict with its explanation', async () => {
    const { code, out } = await explain('-f', TOPOLOGY, '-f', `${LESSON}/4-db-policy-backup-server.yaml`, '--from', 'backup', '--to', 'prod/db', '-e', 'backup=192.168.5.10', '-p', '3306/TCP', '-o', 'json');
    expect(code).to.equal(0);
    const verdict = JSON.parse(out) as ExplainedVerdict;
    expect(verdict.flow).to.deep.equal({ from: 'backup', to: 'prod/db', port: 3306, protocol: 'TCP' });
    expect(verdict.allowed).to.equal(true);
    expect(verdict.ingress).to.deep.equal({
      direction: 'ingress',
      pod: 'prod/db',
      isolated: true,
      isolatingPolicies: ['prod/db-policy'],
      allowed: true,
      allowedBy: [{ policy: 'prod/db-policy', rule: 0, peer: 1, port: 0 }],
    });
    expect(verdict.egress).to.deep.include({ isolated: false, allowed: true });
    expect(verdict.checks).to.have.length(1);
  });

  it('--no-ipblock-pod-ips: an ipBlock peer stops matching pod addresses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netpol-explain-'));
    try {
      const policy = join(dir, 'by-address.yaml');
      writeFileSync(
        policy,
        ['apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: by-address, namespace: prod}', 'spec:', '  podSelector: {matchLabels: {role: db}}', '  ingress:', '    - from: [{ipBlock: {cidr: 10.244.0.0/16}}]', ''].join('\n'),
      );
      const argv = ['-f', TOPOLOGY, '-f', policy, '--from', 'dev/api', '--to', 'prod/db', '-p', '3306/TCP', '-o', 'json'];
      const on = JSON.parse((await explain(...argv)).out) as ExplainedVerdict;
      const off = JSON.parse((await explain(...argv, '--no-ipblock-pod-ips')).out) as ExplainedVerdict;
      expect(on.ingress.allowedBy).to.deep.equal([{ policy: 'prod/by-address', rule: 0, peer: 0 }]);
      expect(off.allowed).to.equal(false);
      expect(off.checks).to.deep.equal([{ policy: 'prod/by-address', rule: 0, direction: 'ingress', peerMatched: false, portMatched: true }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown endpoint exits 1, naming it and the known endpoints', async () => {
    const { code, out, err } = await explain('-f', TOPOLOGY, '--from', 'prod/nope', '--to', 'prod/db', '--port', '3306/TCP');
    expect(code).to.equal(1);
    expect(out).to.equal('');
    expect(err).to.equal('netpol-conformance: unknown endpoint "prod/nope"; known endpoints: prod/db, prod/api, prod/web, dev/api, test/api\n');
  });

  describe('usage errors exit 2', () => {
    const cases: [string, string[], RegExp][] = [
      ['--from missing', ['-f', TOPOLOGY, '--to', 'prod/db', '--port', '80/TCP'], /required option '--from <endpoint>' not specified/],
      ['--port missing', ['-f', TOPOLOGY, '--from', 'prod/api', '--to', 'prod/db'], /required option '-p, --port <port\/proto>' not specified/],
      ['--to without a value', ['-f', TOPOLOGY, '--from', 'prod/api', '--port', '80/TCP', '--to'], /argument missing/],
      ['the same endpoint twice', ['-f', TOPOLOGY, '--from', 'prod/db', '--to', 'prod/db', '--port', '80/TCP'], /--from and --to name the same endpoint/],
      ['a bad port', ['-f', TOPOLOGY, '--from', 'prod/api', '--to', 'prod/db', '--port', 'mysql'], /--port: "mysql" is not a port/],
      ['an unknown flag', ['-f', TOPOLOGY, '--from', 'prod/api', '--to', 'prod/db', '--port', '80/TCP', '--why'], /unknown option '--why'/],
      ['an unknown output', ['-f', TOPOLOGY, '--from', 'prod/api', '--to', 'prod/db', '--port', '80/TCP', '-o', 'yaml'], /argument 'yaml' is invalid/],
    ];
    for (const [what, argv, message] of cases) {
      it(what, async () => {
        const { code, err } = await explain(...argv);
        expect(code, err).to.equal(2);
        expect(err).to.match(message);
      });
    }
  });
});
