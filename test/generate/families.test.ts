// The systematic families of `generate`: at least as broad as Cyclonus's generator (every target
// selector form and operator, every peer kind alone and in pairs, every protocol with no, numbered,
// named and ranged ports, every policyTypes form, conflicts, deny/allow-all, updates), every policy
// one the API server accepts, and features that pass on the spec and catch a broken engine.
import { after, before, describe, it } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import type { EngineFault } from '../../src/engine/options.js';
import type { GeneratedCase } from '../../src/generate/case.js';
import { families, type Family } from '../../src/generate/families/index.js';
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from '../../src/model/api.js';
import { parsePorts } from '../../src/model/notation.js';
import { familyFeature, xyzTopology } from '../../src/report/family-feature.js';
import { runSuite, type SuiteResult } from '../../src/runner/run-suite.js';
import { validateDocument } from '../../src/validate/index.js';

const PORTS = parsePorts('80/TCP, 81/TCP, 80/UDP, 81/UDP', 'test');
const topology = xyzTopology();
const all = families(PORTS);
const byName = (name: string): Family => all.find((f) => f.name === name) as Family;
const casesOf = (name: string): GeneratedCase[] => byName(name).cases({ topology });
const anyPoliciesOf = (cases: readonly GeneratedCase[]) => cases.flatMap((c) => c.steps.flatMap((s) => (s.kind === 'apply' ? s.policies : [])));
const policiesOf = (cases: readonly GeneratedCase[]): NetworkPolicy[] => anyPoliciesOf(cases).filter((p): p is NetworkPolicy => p.kind === 'NetworkPolicy');
const rulesOf = (p: NetworkPolicy) => [...(p.spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports })), ...(p.spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }))];
const peersOf = (cases: readonly GeneratedCase[]): NetworkPolicyPeer[] => policiesOf(cases).flatMap((p) => rulesOf(p).flatMap((r) => r.peers ?? []));
const portsOf = (cases: readonly GeneratedCase[]): NetworkPolicyPort[] => policiesOf(cases).flatMap((p) => rulesOf(p).flatMap((r) => r.ports ?? []));

describe('generate: the families', () => {
  it('every family has cases with unique names, and every policy is one the API server accepts', () => {
    expect(all.map((f) => f.name)).to.deep.equal(['target', 'peers', 'ports', 'policy-types', 'deny-allow', 'conflicts', 'updates', 'tiers']);
    for (const family of all) {
      const cases = family.cases({ topology });
      expect(cases.length, family.name).to.be.greaterThan(0);
      expect(new Set(cases.map((c) => c.name)).size, `${family.name}: unique names`).to.equal(cases.length);
      for (const policy of anyPoliciesOf(cases)) expect(validateDocument(policy, { file: family.name }).problems, `${family.name} ${policy.metadata.name}`).to.deep.equal([]);
    }
  });

  it('target: the namespace, and podSelector empty, absent, by label and by every operator', () => {
    const cases = casesOf('target');
    const selectors = policiesOf(cases).map((p) => p.spec.podSelector);
    const operators = new Set(selectors.flatMap((s) => (s?.matchExpressions ?? []).map((e) => e.operator)));
    expect([...operators].sort()).to.deep.equal(['DoesNotExist', 'Exists', 'In', 'NotIn']);
    expect(selectors).to.deep.include({});
    expect(selectors).to.include(undefined);
    expect(selectors.some((s) => s?.matchLabels && s.matchExpressions), 'matchLabels with matchExpressions').to.equal(true);
    expect(new Set(policiesOf(cases).map((p) => p.metadata.namespace))).to.deep.equal(new Set(['x', 'y', 'z']));
  });

  it('peers: each kind alone and every pair, both directions (Cyclonus: 11 peers and their 55 pairs)', () => {
    const cases = casesOf('peers');
    const peers = peersOf(cases);
    const has = (test: (p: NetworkPolicyPeer) => boolean): boolean => peers.some(test);
    expect(has((p) => p.podSelector !== undefined && p.namespaceSelector === undefined), 'pods of the policy namespace').to.equal(true);
    expect(has((p) => p.podSelector === undefined && p.namespaceSelector !== undefined), 'namespaces').to.equal(true);
    expect(has((p) => p.podSelector !== undefined && p.namespaceSelector !== undefined), 'pods AND namespaces').to.equal(true);
    expect(has((p) => Object.keys(p.podSelector ?? { x: 1 }).length === 0 && Object.keys(p.namespaceSelector ?? { x: 1 }).length === 0), 'both empty').to.equal(true);
    expect(has((p) => p.ipBlock !== undefined && p.ipBlock.except === undefined), 'ipBlock').to.equal(true);
    expect(has((p) => (p.ipBlock?.except?.length ?? 0) > 0), 'ipBlock with except').to.equal(true);
    expect(has((p) => p.ipBlock?.cidr === `${topology.pods.find((q) => q.namespace === 'z' && q.name === 'c')?.ip}/32`), 'a pod address').to.equal(true);
    const pairs = cases.filter((c) => c.name.includes(' OR '));
    const singles = cases.filter((c) => /^(ingress|egress) peer /.test(c.name));
    expect(singles.length / 2).to.be.at.least(11);
    expect(pairs.length / 2).to.equal((singles.length / 2) * (singles.length / 2 - 1) / 2);
    expect(cases.some((c) => c.name.startsWith('ingress no from')) && cases.some((c) => c.name.startsWith('egress empty to'))).to.equal(true);
    expect(cases.filter((c) => c.externals !== undefined).length, 'ipBlocks on an external host').to.be.at.least(8);
  });

  it('ports: every protocol with no, numbered, named and ranged ports, the pathological ones, and pairs', () => {
    const ports = portsOf(casesOf('ports'));
    for (const protocol of [undefined, 'TCP', 'UDP', 'SCTP'] as const) {
      const of = ports.filter((p) => p.protocol === protocol);
      expect(of.some((p) => p.port === undefined), `${protocol}: all ports`).to.equal(true);
      expect(of.some((p) => typeof p.port === 'number' && p.endPort === undefined), `${protocol}: a number`).to.equal(true);
      expect(of.some((p) => typeof p.port === 'string'), `${protocol}: a name`).to.equal(true);
      if (protocol !== undefined) expect(of.some((p) => p.endPort !== undefined), `${protocol}: a range`).to.equal(true);
    }
    expect(ports).to.deep.include({ protocol: 'TCP', port: 'serve-81-udp' });
    expect(ports).to.deep.include({ protocol: 'TCP', port: 7981 });
    expect(casesOf('ports').filter((c) => c.name.includes(' OR ')).length).to.be.at.least(14);
  });

  it('policy-types: every policyTypes form with every form of both rule lists', () => {
    const policies = policiesOf(casesOf('policy-types'));
    expect(policies).to.have.length(5 * 4 * 4);
    expect(new Set(policies.map((p) => JSON.stringify(p.spec.policyTypes ?? null))).size).to.equal(5);
    expect(new Set(policies.map((p) => JSON.stringify([p.spec.ingress ?? null, p.spec.egress ?? null]))).size).to.equal(16);
  });

  it('updates: create, update, delete and recreate policies; relabel pods and namespaces; delete a pod, each probed before and after', () => {
    const cases = casesOf('updates');
    const kinds = new Set(cases.flatMap((c) => c.steps.map((s) => s.kind)));
    expect([...kinds].sort()).to.deep.equal(['apply', 'delete-pod', 'delete-policy', 'label-namespace', 'label-pod', 'probe']);
    for (const c of cases) {
      const probes = c.steps.map((s, i) => (s.kind === 'probe' ? i : -1)).filter((i) => i >= 0);
      expect(probes.length, c.name).to.be.at.least(2);
    }
  });

  it('tiers: every case in both API versions; allow, deny and pass; both tiers; a deletion mid-case', () => {
    const cases = casesOf('tiers');
    const cluster = anyPoliciesOf(cases).filter((p) => p.kind !== 'NetworkPolicy');
    expect(new Set(cluster.map((p) => p.kind))).to.deep.equal(new Set(['ClusterNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy']));
    expect(cases.filter((c) => c.name.endsWith('(ClusterNetworkPolicy)'))).to.have.length(cases.length / 2);
    const text = JSON.stringify(cluster);
    for (const word of ['"Accept"', '"Allow"', '"Deny"', '"Pass"', '"tier":"Admin"', '"tier":"Baseline"', '"networks"', '"destinationNamedPort"', '"portRange"']) expect(text, word).to.include(word);
    expect(cases.some((c) => c.steps.some((s) => s.kind === 'delete-cluster-policy'))).to.equal(true);
  });

  it('conflicts and deny-allow: the Cyclonus conflict cases and the overlaps, deny-all and allow-all everywhere', () => {
    expect(casesOf('conflicts').filter((c) => c.tags.includes('@conflict'))).to.have.length(16);
    expect(casesOf('conflicts').filter((c) => c.tags.includes('@overlap')).length).to.be.at.least(8);
    const denyAllow = casesOf('deny-allow').map((c) => c.name);
    expect(denyAllow).to.include.members(['deny all ingress in x', 'deny all egress in x', 'allow all ingress in x', 'allow all egress in x', 'deny all ingress everywhere']);
  });
});

/** cucumber still prints failing steps with no formatter; the assertions below report instead. */
const discard = (): Writable => new Writable({ write: (_chunk, _encoding, done) => done() });

describe('generate: the features it writes', () => {
  let dir = '';
  const write = (names: string[]): string => {
    const sub = join(dir, names.join('+'));
    mkdirSync(sub, { recursive: true });
    for (const name of names) writeFileSync(join(sub, `${name}.feature`), familyFeature(byName(name), casesOf(name), topology, PORTS, 'test'));
    return sub;
  };
  const run = (path: string, fault?: EngineFault): Promise<SuiteResult> =>
    runSuite({ target: { name: 'sim', options: fault ? { fault } : {} }, paths: [path], quiet: true, stdout: discard(), stderr: discard() });
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-generate-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('pass on the spec: every scenario of every family', async () => {
    const result = await run(write(all.map((f) => f.name)));
    const notPassed = result.scenarios.filter((s) => s.status !== 'passed');
    expect(notPassed.map((s) => `${s.name}: ${s.status} ${s.message ?? ''}`)).to.deep.equal([]);
    expect(result.scenarios.length).to.be.greaterThan(500);
  });

  it('catch a broken engine: a protocol-less port matching UDP fails port cases, an ignored except fails peer cases', async () => {
    const protocolAny = await run(write(['ports']), 'protocol-any');
    const red = protocolAny.scenarios.filter((s) => s.status === 'failed');
    expect(red.length).to.be.greaterThan(0);
    expect(red.every((s) => /claims? of this scenario (does|do) not hold/.test(s.message ?? ''))).to.equal(true);
    expect(red.map((s) => s.name)).to.include('ingress port 80/(TCP)');
    const exceptIgnored = await run(write(['peers', 'conflicts']), 'except-ignored');
    const failed = exceptIgnored.scenarios.filter((s) => s.status === 'failed').map((s) => s.name);
    expect(failed.length).to.be.greaterThan(0);
    expect(failed.every((name) => name.includes('except')), failed.join('\n')).to.equal(true);
  });
});
