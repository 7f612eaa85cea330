// Generated cases written as Gherkin that runs like any hand-written feature (docs/steps.md): the
// topology (the x/y/z model, or tables of namespaces, pods and external hosts), policies as YAML
// doc strings, changes as steps, and the engine's truth tables as claims. Every scenario carries
// the capability tags of what it uses, so a target lacking one skips it with the reason.
import { stringify } from 'yaml';
import type { PlannedStep, TruthTable } from '../generate/plan.js';
import { requiredCapabilities } from '../harness/capabilities.js';
import type { AnyPolicy } from '../generate/case.js';
import { NAMESPACE_NAME_LABEL, type KubeObject } from '../model/api.js';
import { formatPort } from '../model/notation.js';
import { endpointAddresses, podId, type ExternalHost, type PodSpec, type PortSpec, type Topology } from '../model/topology.js';
import { formatGrid, GLYPH } from '../model/truth-table.js';
import type { Flow } from '../model/verdicts.js';
import { templatePolicy } from './address-templates.js';

export interface ScenarioDoc {
  name: string;
  /** Lines under the scenario's name. */
  description: string[];
  tags: string[];
  /** `#` lines before the steps (explanations, seeds). */
  comments?: string[];
  /** External hosts this scenario declares next to the background's topology. */
  externals?: ExternalHost[];
  steps: PlannedStep[];
}

export interface FeatureDoc {
  title: string;
  /** `#` lines at the top of the file. */
  header: string[];
  tags: string[];
  description: string[];
  /** The x/y/z model, or a topology written out as tables (pod addresses fixed). */
  background: { kind: 'xyz' } | { kind: 'tables'; topology: Topology };
  /** The topology the engine saw: its addresses turn back into `{{ip ...}}` templates. */
  topology: Topology;
  /** What the tables assume about ipBlocks and pod addresses (default: they match, as upstream). */
  ipBlockMatchesPodIps?: boolean;
  scenarios: ScenarioDoc[];
}

const INDENT = '    ';

function labelsText(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .filter(([key]) => key !== NAMESPACE_NAME_LABEL)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

function portsText(ports: readonly PortSpec[]): string {
  return ports.map((p) => `${p.name !== undefined ? `${p.name}:` : ''}${formatPort(p)}`).join(', ');
}

function dataTable(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => `${indent}| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`);
}

function externalsTable(externals: readonly ExternalHost[], indent: string): string[] {
  return dataTable([['host', 'address', 'ports'], ...externals.map((e) => [e.name, e.ip, portsText(e.ports)])], indent);
}

/**
 * A pod's address column: its address, and with an IPv6 first address the IPv4 one too (the IPv6
 * address of an IPv4 pod is derived from it when the table is read; the IPv4 one of an IPv6 pod is not).
 */
function podAddresses(pod: PodSpec): string {
  return pod.ip.includes(':') ? endpointAddresses(pod).join(', ') : pod.ip;
}

function background(doc: FeatureDoc): string[] {
  if (doc.background.kind === 'xyz') return ['  Background:', `${INDENT}Given the x/y/z model`];
  const t = doc.background.topology;
  const lines = ['  Background:', `${INDENT}Given the namespaces:`, ...dataTable([['namespace', 'labels'], ...t.namespaces.map((n) => [n.name, labelsText(n.labels)])], `${INDENT}  `)];
  if (t.pods.length > 0) {
    lines.push(`${INDENT}And the pods:`, ...dataTable([['pod', 'labels', 'ports', 'ip'], ...t.pods.map((p) => [podId(p.namespace, p.name), labelsText(p.labels), portsText(p.ports), podAddresses(p)])], `${INDENT}  `));
  }
  if (t.externals.length > 0) lines.push(`${INDENT}And the external hosts:`, ...externalsTable(t.externals, `${INDENT}  `));
  return lines;
}

function docString(policies: readonly AnyPolicy[], topology: Topology): string[] {
  // YAML 1.1, as kubectl reads it: namespace "y" must be quoted, or it is the boolean true.
  const text = policies.map((p) => stringify(templatePolicy(p, topology), { version: '1.1' }).trimEnd()).join('\n---\n');
  return [`${INDENT}  """`, ...text.split('\n').map((l) => `${INDENT}  ${l}`), `${INDENT}  """`];
}

function tableLines(table: TruthTable, keyword: 'Then' | 'And'): string[] {
  const index = new Map(table.endpoints.map((e, i) => [e, i]));
  const grid = formatGrid(table.endpoints, table.endpoints, (row, column) => table.glyphs[index.get(row) ?? 0]?.[index.get(column) ?? 0] ?? GLYPH.notJudged);
  const over = table.family === undefined ? '' : ` over IPv${table.family}`;
  return [`${INDENT}${keyword} the reachability on ${formatPort(table.port)}${over} is:`, ...grid.split('\n').map((l) => `${INDENT}  ${l}`)];
}

function stepLines(step: PlannedStep, topology: Topology): string[] {
  switch (step.kind) {
    case 'apply':
      if (step.policies.length === 0) return [];
      return [`${INDENT}When ${step.policies.length === 1 ? 'this policy is' : 'these policies are'} applied:`, ...docString(step.policies, topology)];
    case 'delete-policy':
      return [`${INDENT}When the policy "${step.namespace}/${step.name}" is deleted`];
    case 'delete-cluster-policy':
      return [`${INDENT}When the ${step.policyKind} "${step.name}" is deleted`];
    case 'label-pod':
      return [`${INDENT}When pod "${step.pod}" is labelled "${step.changes}"`];
    case 'label-namespace':
      return [`${INDENT}When namespace "${step.namespace}" is labelled "${step.changes}"`];
    case 'delete-pod':
      return [`${INDENT}When pod "${step.pod}" is deleted`];
    case 'expect':
      return step.tables.flatMap((table, i) => tableLines(table, i === 0 ? 'Then' : 'And'));
  }
}

/** The flows a table judges (cells other than `-`). */
function judgedFlows(table: TruthTable): Flow[] {
  return table.endpoints.flatMap((from, i) =>
    table.endpoints.flatMap((to, j) => ((table.glyphs[i]?.[j] ?? GLYPH.notJudged) === GLYPH.notJudged ? [] : [{ from, to, port: table.port.port, protocol: table.port.protocol, ...(table.family !== undefined ? { family: table.family } : {}) }])),
  );
}

/**
 * The scenario's tags plus the capability tags of everything it applies and probes. An ipBlock on
 * pod addresses is tagged with the choice the tables assume: @ipblock-pod-ip or @no-ipblock-pod-ip.
 */
export function scenarioTags(scenario: ScenarioDoc, topology: Topology, ipBlockMatchesPodIps = true): string[] {
  const objects: KubeObject[] = scenario.steps.flatMap((s) => (s.kind === 'apply' ? s.policies : []));
  const flows = scenario.steps.flatMap((s) => (s.kind === 'expect' ? s.tables.flatMap(judgedFlows) : []));
  const withExternals = { ...topology, externals: [...topology.externals, ...(scenario.externals ?? [])] };
  const needs = requiredCapabilities(objects, withExternals, flows).map((n) => `@${!ipBlockMatchesPodIps && n.or !== undefined ? n.or : n.capability}`);
  const tags = [...scenario.tags, ...needs];
  if (tags.includes('@ipblock-pod-ip') || tags.includes('@no-ipblock-pod-ip')) tags.push('@impl-defined');
  return [...new Set(tags)];
}

function scenarioLines(scenario: ScenarioDoc, doc: FeatureDoc): string[] {
  const topology = doc.topology;
  const tags = scenarioTags(scenario, topology, doc.ipBlockMatchesPodIps);
  const lines = ['', ...(tags.length > 0 ? [`  ${tags.join(' ')}`] : []), `  Scenario: ${scenario.name}`, ...scenario.description.map((d) => `${INDENT}${d}`), ''];
  for (const comment of scenario.comments ?? []) lines.push(`${INDENT}#${comment === '' ? '' : ` ${comment}`}`);
  if (scenario.externals?.length) lines.push(`${INDENT}Given the external hosts:`, ...externalsTable(scenario.externals, `${INDENT}  `));
  for (const step of scenario.steps) lines.push(...stepLines(step, topology));
  return lines;
}

export function renderFeature(doc: FeatureDoc): string {
  const lines = [
    ...doc.header.map((h) => `#${h === '' ? '' : ` ${h}`}`),
    ...(doc.tags.length > 0 ? [doc.tags.join(' ')] : []),
    `Feature: ${doc.title}`,
    ...doc.description.map((d) => `  ${d}`),
    '',
    ...background(doc),
    ...doc.scenarios.flatMap((s) => scenarioLines(s, doc)),
  ];
  return `${lines.join('\n')}\n`;
}
