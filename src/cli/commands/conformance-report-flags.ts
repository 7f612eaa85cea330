// `run --conformance-report FILE`: the upstream-shaped conformance report of the ported suite's
// tests in this run (src/report/conformance-report.ts), with the implementation described by
// --implementation ORGANIZATION/PROJECT@VERSION, --implementation-url and --contact.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../model/errors.js';
import { buildConformanceReport, formatConformanceReport, upstreamTests, type Implementation } from '../../report/conformance-report.js';
import type { ScenarioResult } from '../../runner/scenario-results.js';
import { kindSchema } from '../../validate/crd/crd-files.js';

export interface ConformanceReportFlags {
  conformanceReport?: string;
  implementation?: string;
  implementationUrl?: string;
  contact: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function addConformanceReportFlags(command: Command): Command {
  return command
    .option('--conformance-report <file>', 'write the upstream-format ConformanceReport of the ported Network Policy API suite (YAML)')
    .option('--implementation <name>', 'the implementation the report is about, as ORG/PROJECT@VERSION, e.g. projectcalico/calico@v3.33.1')
    .option('--implementation-url <url>', "the implementation's home page, for the report")
    .option('--contact <who>', 'a contact for the report, e.g. @github-handle (repeatable)', collect, []);
}

/** `projectcalico/calico@v3.33.1` -> its parts; without the flag, the target stands in. */
export function parseImplementation(flags: ConformanceReportFlags, target: string): Implementation {
  const text = flags.implementation ?? `netpol-conformance/${target}@unknown`;
  const m = /^([^/@\s]+)\/([^/@\s]+)@(\S+)$/.exec(text);
  if (!m) throw new UsageError(`--implementation "${text}": write ORGANIZATION/PROJECT@VERSION, e.g. projectcalico/calico@v3.33.1`);
  return {
    organization: m[1] ?? '',
    project: m[2] ?? '',
    url: flags.implementationUrl ?? '',
    version: m[3] ?? '',
    contact: [...flags.contact],
    additionalInformation: `netpol-conformance, target ${target}: upstream tests ported as scenarios (features/conformance/cluster-network-policy)`,
  };
}

/** Writes the report; returns its path, or undefined when the run held no upstream test. */
export function writeConformanceReport(file: string, scenarios: readonly ScenarioResult[], implementation: Implementation): string | undefined {
  if (upstreamTests(scenarios).length === 0) return undefined;
  const bundle = kindSchema('ClusterNetworkPolicy', 'standard').bundleVersion;
  const report = buildConformanceReport(scenarios, implementation, bundle, new Date());
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, formatConformanceReport(report));
  return path;
}
