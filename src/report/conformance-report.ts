// A run of the ported upstream conformance suite as the conformance report the Network Policy API
// project publishes (its conformance/apis/v1alpha1: kind ConformanceReport): the implementation,
// the API bundle version, and per profile the standard and experimental results with statistics
// and the names of skipped and failed tests. Upstream tests are found by their tags: the test's
// ShortName (`@CNPAdminTierIngressTCP`), its profile (`@profile-standard`, `@profile-experimental`)
// and its experimental features (`@feature-ClusterNetworkPolicyNamedPorts`).
import { stringify } from 'yaml';
import type { ScenarioResult } from '../runner/scenario-results.js';

export const CONFORMANCE_PROFILE = 'ClusterNetworkPolicy';
const TEST_TAG = /^@(CNP(?:Admin|Baseline)Tier\w+)$/;
const FEATURE_TAG = /^@feature-(\w+)$/;

export interface Implementation {
  organization: string;
  project: string;
  url: string;
  version: string;
  contact: string[];
  additionalInformation: string;
}

export type Result = 'success' | 'partial' | 'failure';

export interface Status {
  result: Result;
  summary: string;
  statistics: { Passed: number; Skipped: number; Failed: number };
  skippedTests?: string[];
  failedTests?: string[];
}

export interface ConformanceReport {
  apiVersion: 'policy.networking.k8s.io/v1alpha1';
  kind: 'ConformanceReport';
  date: string;
  implementation: Implementation;
  networkPolicyV2APIVersion: string;
  profiles: { name: string; standard: Status; experimental?: Status & { supportedFeatures?: string[]; unsupportedFeatures?: string[] } }[];
}

type TestOutcome = 'passed' | 'failed' | 'skipped';

interface UpstreamTest {
  name: string;
  experimental: boolean;
  features: string[];
  outcome: TestOutcome;
  /** Some of its scenarios ran and passed, others were skipped (e.g. its SCTP probes). */
  partial: boolean;
}

/**
 * One result per upstream test: failed when any of its scenarios failed; passed when all passed;
 * otherwise skipped (a test only partly run has not shown conformance).
 */
export function upstreamTests(scenarios: readonly ScenarioResult[]): UpstreamTest[] {
  const byName = new Map<string, ScenarioResult[]>();
  for (const s of scenarios) {
    const name = s.tags.map((t) => TEST_TAG.exec(t)?.[1]).find((n) => n !== undefined);
    if (name !== undefined) byName.set(name, [...(byName.get(name) ?? []), s]);
  }
  return [...byName].sort(([a], [b]) => a.localeCompare(b)).map(([name, runs]) => {
    const statuses = runs.map((r) => r.status);
    const passed = statuses.filter((s) => s === 'passed').length;
    const skipped = statuses.filter((s) => s === 'skipped').length;
    const outcome: TestOutcome = passed === runs.length ? 'passed' : passed + skipped === runs.length ? 'skipped' : 'failed';
    const tags = runs.flatMap((r) => r.tags);
    return {
      name,
      experimental: tags.includes('@profile-experimental'),
      features: [...new Set(tags.map((t) => FEATURE_TAG.exec(t)?.[1]).filter((f) => f !== undefined))].sort(),
      outcome,
      partial: outcome === 'skipped' && passed > 0,
    };
  });
}

function status(tests: readonly UpstreamTest[]): Status {
  const count = (o: TestOutcome): number => tests.filter((t) => t.outcome === o).length;
  const names = (o: TestOutcome): string[] => tests.filter((t) => t.outcome === o).map((t) => t.name);
  const [Passed, Skipped, Failed] = [count('passed'), count('skipped'), count('failed')];
  const partial = tests.filter((t) => t.partial).map((t) => t.name);
  return {
    result: Failed > 0 ? 'failure' : Skipped > 0 ? 'partial' : 'success',
    summary: partial.length > 0 ? `partly run, counted as skipped: ${partial.join(', ')}` : '',
    statistics: { Passed, Skipped, Failed },
    ...(Skipped > 0 ? { skippedTests: names('skipped') } : {}),
    ...(Failed > 0 ? { failedTests: names('failed') } : {}),
  };
}

export function buildConformanceReport(scenarios: readonly ScenarioResult[], implementation: Implementation, apiBundleVersion: string, now: Date): ConformanceReport {
  const tests = upstreamTests(scenarios);
  const standard = tests.filter((t) => !t.experimental);
  const experimental = tests.filter((t) => t.experimental);
  const features = [...new Set(experimental.flatMap((t) => t.features))].sort();
  const supported = features.filter((f) => experimental.filter((t) => t.features.includes(f)).every((t) => t.outcome === 'passed'));
  const unsupported = features.filter((f) => !supported.includes(f));
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'ConformanceReport',
    date: now.toISOString(),
    implementation,
    networkPolicyV2APIVersion: apiBundleVersion,
    profiles: [
      {
        name: CONFORMANCE_PROFILE,
        standard: status(standard),
        ...(experimental.length > 0
          ? { experimental: { ...status(experimental), ...(supported.length > 0 ? { supportedFeatures: supported } : {}), ...(unsupported.length > 0 ? { unsupportedFeatures: unsupported } : {}) } }
          : {}),
      },
    ],
  };
}

export function formatConformanceReport(report: ConformanceReport): string {
  return stringify(report);
}
