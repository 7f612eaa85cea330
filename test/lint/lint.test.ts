// `lint`: each check on a small manifest that trips it (and one that does not), with the file, line,
// object and field of the finding; exit codes with and without --fail-on-warning.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { documents, manifestRunner, namespace, pod } from './manifests.js';

const TOPOLOGY = documents(namespace('prod', 'env: prod'), pod('prod', 'api', 'app: api', '{name: http, containerPort: 8080}'), pod('prod', 'db', 'app: db', '{containerPort: 5432}'));

const policy = (name: string, spec: string): string => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: prod}
spec:
${spec}`;

describe('lint', () => {
  const run = manifestRunner(TOPOLOGY);
  const lintText = async (name: string, text: string, ...flags: string[]): Promise<{ code: number; lines: string[]; file: string }> => {
    const { code, lines, err, file } = await run(name, text, ['lint', ...flags]);
    expect(err).to.equal('');
    return { code, lines, file };
  };

  it('a policy that selects no pod, with file, line, object and field', async () => {
    const { code, lines, file } = await lintText('none', policy('typo', '  podSelector: {matchLabels: {app: apii}}\n  ingress: [{}]\n'));
    expect(code).to.equal(0);
    expect(lines[0]).to.equal(`warning: ${file}:19:16: NetworkPolicy prod/typo: spec.podSelector: selects no pod of namespace prod: the policy has no effect (check the labels) [selects-no-pod]`);
    expect(lines.at(-1)).to.equal('1 finding in 1 policies');
  });

  it('a peer that matches nothing; exit 1 with --fail-on-warning', async () => {
    const spec = '  podSelector: {matchLabels: {app: db}}\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: api}}\n    - namespaceSelector: {matchLabels: {env: staging}}\n';
    const { code, lines } = await lintText('peer', policy('db', spec), '--fail-on-warning');
    expect(code).to.equal(1);
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/:23:7: NetworkPolicy prod\/db: spec\.ingress\[0\]\.from\[1\]: matches no pod \(all pods in namespaces matching env=staging\)/);
  });

  it('a named port no selected pod serves (ingress: the selected pods; egress: the peers)', async () => {
    const spec = '  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Ingress, Egress]\n  ingress: [{ports: [{port: http}]}]\n  egress:\n  - to: [{podSelector: {matchLabels: {app: api}}}]\n    ports: [{port: http}, {port: https}]\n  - ports: [{port: 53, protocol: UDP}, {port: 53}]\n';
    const { lines } = await lintText('named', policy('db', spec));
    const named = lines.filter((l) => l.endsWith('[named-port-unserved]'));
    expect(named.map((l) => /: (spec\.[^:]+): (.*) \[/.exec(l)?.slice(1, 3))).to.deep.equal([
      ['spec.ingress[0].ports[0].port', 'no pod this policy selects has a container port named "http" (TCP): this port matches nothing'],
      ['spec.egress[0].ports[1].port', 'no pod this rule sends to has a container port named "https" (TCP): this port matches nothing'],
    ]);
  });

  it('egress isolation that blocks DNS, and not once DNS is allowed', async () => {
    const blocked = await lintText('dns', policy('api-out', '  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Egress]\n  egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]\n'));
    expect(blocked.lines.filter((l) => l.includes('[egress-blocks-dns]'))).to.have.length(1);
    expect(blocked.lines[0]).to.include('spec.egress: isolates egress but no rule lets prod/api reach DNS in kube-system on 53/UDP and 53/TCP');
    const dns = '  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]\n    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]\n';
    const allowed = await lintText('dns-ok', policy('api-out', `  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Egress]\n  egress:\n  - to: [{podSelector: {matchLabels: {app: db}}}]\n${dns}`));
    expect(allowed.lines).to.deep.equal(['1 policies: no findings']);
    const udpOnly = await lintText('dns-udp', policy('api-out', `  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Egress]\n  egress:\n${dns.replace(', {port: 53, protocol: TCP}', '')}`));
    expect(udpOnly.lines[0]).to.include('reach DNS in kube-system on 53/TCP:');
  });

  it('a rule made redundant by another, in the same policy or another selecting the same pods', async () => {
    const spec = '  podSelector: {matchLabels: {app: db}}\n  ingress:\n  - from: [{podSelector: {}}]\n    ports: [{port: 5432}]\n  - from: [{podSelector: {matchLabels: {app: api}}}]\n    ports: [{port: 5432}]\n';
    const other = policy('db-cidr', '  podSelector: {}\n  ingress:\n  - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]\n') + policy('db-narrow', '  podSelector: {matchLabels: {app: db}}\n  ingress:\n  - from: [{ipBlock: {cidr: 10.2.0.0/16}}]\n  - from: [{ipBlock: {cidr: 10.1.0.0/16}}]\n');
    const { lines } = await lintText('redundant', policy('db', spec) + other);
    expect(lines.filter((l) => l.endsWith('[redundant-rule]')).map((l) => /NetworkPolicy ([^:]+): ([^:]+): (.*) \[/.exec(l)?.slice(1, 4))).to.deep.equal([
      ['prod/db', 'spec.ingress[1]', 'is redundant: spec.ingress[0] allows every peer and port it allows, for every pod this policy selects'],
      ['prod/db-narrow', 'spec.ingress[0]', 'is redundant: spec.ingress[0] of prod/db-cidr allows every peer and port it allows, for every pod this policy selects'],
    ]);
  });

  it('a policy with egress rules that isolates ingress without any (policyTypes defaulted), but not a deny-all', async () => {
    const spec = '  podSelector: {matchLabels: {app: api}}\n  egress: [{}]\n';
    const { lines } = await lintText('isolates', policy('api-egress', spec) + policy('deny-all', '  podSelector: {}\n  policyTypes: [Ingress, Egress]\n'));
    const found = lines.filter((l) => l.endsWith('[isolates-without-rules]'));
    expect(found).to.have.length(1);
    expect(found[0]).to.include('NetworkPolicy prod/api-egress: spec: isolates Ingress without any ingress rule');
  });

  it('an ipBlock except outside its cidr is the API server\'s error: exit 1 with file, object and field', async () => {
    const { code, err } = await run('except', policy('cidr', '  podSelector: {}\n  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}}]}]\n'));
    expect(code).to.equal(1);
    expect(err).to.include('NetworkPolicy prod/cidr: spec.ingress[0].from[0].ipBlock.except[0]: must be a strict subset of cidr (got "10.1.0.0/24")');
  });

  it('--disable leaves a check out (findings of the others stay); an unknown check is a usage error naming the closest', async () => {
    const spec = policy('typo', '  podSelector: {matchLabels: {app: apii}}\n  ingress: [{from: [{podSelector: {matchLabels: {app: nope}}}]}]\n');
    const all = await lintText('disable', spec);
    expect(all.lines.filter((l) => l.startsWith('warning:')).map((l) => /\[([a-z-]+)\]$/.exec(l)?.[1])).to.deep.equal(['selects-no-pod', 'peer-matches-nothing']);
    const some = await lintText('disable', spec, '--disable', 'selects-no-pod', '--fail-on-warning');
    expect(some.code).to.equal(1);
    expect(some.lines.filter((l) => l.startsWith('warning:'))).to.have.length(1);
    expect(some.lines[0]).to.match(/\[peer-matches-nothing\]$/);
    const none = await lintText('disable', spec, '--disable', 'selects-no-pod', '--disable', 'peer-matches-nothing', '--fail-on-warning');
    expect(none.code).to.equal(0);
    expect(none.lines).to.deep.equal(['1 policies: no findings']);
    const typo = await run('disable', spec, ['lint', '--disable', 'selects-no-pods']);
    expect(typo.code).to.equal(2);
    expect(typo.err.split('\n')[0]).to.equal(
      'netpol-conformance: --disable selects-no-pods: no such check (did you mean selects-no-pod?); the checks are selects-no-pod, peer-matches-nothing, named-port-unserved, egress-blocks-dns, redundant-rule, isolates-without-rules, same-priority-overlap, overridden-by-admin-tier',
    );
  });
});
