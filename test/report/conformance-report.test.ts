// The upstream-format conformance report: one result per upstream test (found by its tags),
// standard and experimental profiles apart, statistics, skipped and failed test names, supported
// and unsupported experimental features, and the result rule (any failure: failure; any skip:
// partial; else success).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { parse } from 'yaml';
import { buildConformanceReport, formatConformanceReport, upstreamTests } from '../../src/report/conformance-report.js';
import type { ScenarioResult } from '../../src/runner/scenario-results.js';

function scenario(name: string, tags: string[], status: ScenarioResult['status']): ScenarioResult {
  return { id: name, name, uri: 'f.feature', file: '/f.feature', line: 1, tags, status };
}

const IMPLEMENTATION = { organization: 'example', project: 'cni', url: 'https://example.org', version: 'v1', contact: ['@someone'], additionalInformation: '' };

describe('conformance report (upstream format)', () => {
  const scenarios = [
    scenario('CNPAdminTierIngressTCP', ['@cnp', '@CNPAdminTierIngressTCP', '@profile-standard'], 'passed'),
    scenario('CNPAdminTierGress (TCP and UDP probes)', ['@CNPAdminTierGress', '@profile-standard'], 'passed'),
    scenario('CNPAdminTierGress (SCTP probes)', ['@CNPAdminTierGress', '@profile-standard', '@sctp'], 'skipped'),
    scenario('CNPBaselineTierEgressTCP', ['@CNPBaselineTierEgressTCP', '@profile-standard'], 'failed'),
    scenario('CNPAdminTierEgressNamedPort', ['@CNPAdminTierEgressNamedPort', '@profile-experimental', '@feature-ClusterNetworkPolicyNamedPorts'], 'passed'),
    scenario('CNPAdminTierEgressNodePeers', ['@CNPAdminTierEgressNodePeers', '@profile-experimental', '@feature-ClusterNetworkPolicyEgressNodePeers'], 'skipped'),
    scenario('an interaction case', ['@cnp', '@tier-interactions'], 'failed'),
  ];

  it('folds the scenarios of each upstream test into one result; other scenarios are not upstream tests', () => {
    expect(upstreamTests(scenarios).map((t) => [t.name, t.outcome, t.partial])).to.deep.equal([
      ['CNPAdminTierEgressNamedPort', 'passed', false],
      ['CNPAdminTierEgressNodePeers', 'skipped', false],
      ['CNPAdminTierGress', 'skipped', true],
      ['CNPAdminTierIngressTCP', 'passed', false],
      ['CNPBaselineTierEgressTCP', 'failed', false],
    ]);
  });

  it('has the shape and the numbers upstream publishes', () => {
    const report = buildConformanceReport(scenarios, IMPLEMENTATION, 'v0.2.0', new Date('2026-01-02T03:04:05Z'));
    expect(parse(formatConformanceReport(report))).to.deep.equal({
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'ConformanceReport',
      date: '2026-01-02T03:04:05.000Z',
      implementation: IMPLEMENTATION,
      networkPolicyV2APIVersion: 'v0.2.0',
      profiles: [
        {
          name: 'ClusterNetworkPolicy',
          standard: {
            result: 'failure',
            summary: 'partly run, counted as skipped: CNPAdminTierGress',
            statistics: { Passed: 1, Skipped: 1, Failed: 1 },
            skippedTests: ['CNPAdminTierGress'],
            failedTests: ['CNPBaselineTierEgressTCP'],
          },
          experimental: {
            result: 'partial',
            summary: '',
            statistics: { Passed: 1, Skipped: 1, Failed: 0 },
            skippedTests: ['CNPAdminTierEgressNodePeers'],
            supportedFeatures: ['ClusterNetworkPolicyNamedPorts'],
            unsupportedFeatures: ['ClusterNetworkPolicyEgressNodePeers'],
          },
        },
      ],
    });
  });

  it('success when everything passed; no experimental part when no experimental test ran', () => {
    const report = buildConformanceReport([scenarios[0] as ScenarioResult], IMPLEMENTATION, 'v0.2.0', new Date());
    expect(report.profiles[0]?.standard).to.deep.equal({ result: 'success', summary: '', statistics: { Passed: 1, Skipped: 0, Failed: 0 } });
    expect(report.profiles[0]?.experimental).to.equal(undefined);
  });
});
