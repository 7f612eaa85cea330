// A fuzz finding written out: the shrunk state as a feature that runs like any other (the
// topology as tables with the addresses it had, the policies of every kind, the engine's truth
// tables), the flows that disagreed with what the target saw and the engine's explanation of each,
// and the manifests (Namespaces, Pods, policies) for `explain -f` and `matrix -f`.
import { stringify } from 'yaml';
import { createEngine, type EngineOptions } from '../engine/index.js';
import type { Finding, FuzzSummary } from '../generate/fuzz.js';
import { expectedTables, familyTable } from '../generate/plan.js';
import type { KubeObject } from '../model/api.js';
import { formatPort } from '../model/notation.js';
import { namespaceObject, podObject } from '../model/objects.js';
import { endpointAddresses } from '../model/topology.js';
import type { Observation } from '../model/verdicts.js';
import { formatExplanation } from './explanation.js';
import { renderFeature } from './feature-writer.js';

export interface ReproContext {
  /** How the target was named and configured, e.g. `netns --fault except-ignored`. */
  target: string;
  /** The fuzz command line that found it. */
  command: string;
  /** The feature's file name and the manifests' (relative to the feature's folder). */
  featureFile: string;
  manifestsFile: string;
  /** `run` flags that recreate the target (`--target netns --fault ...`) and the sim's. */
  runFlags: string;
  simFlags: string;
  engine: EngineOptions;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function seen(o: Observation): string {
  if (o.kind === 'verdict') return o.verdict.allowed ? 'allowed' : 'denied';
  return `${o.outcome} after ${o.attempts} attempt${o.attempts === 1 ? '' : 's'}${o.detail ? ` (${o.detail})` : ''}`;
}

function explanations(finding: Finding, ctx: ReproContext): string[] {
  const { topology, policies, clusterPolicies, disagreements } = finding.final;
  const engine = createEngine({ topology, policies, clusterPolicies }, ctx.engine);
  const lines: string[] = [];
  for (const d of disagreements) {
    const f = d.flow;
    lines.push(`${f.from} -> ${f.to} on ${formatPort(f)}${f.family !== undefined ? ` over IPv${f.family}` : ''}: the engine says ${d.expected}, the ${ctx.target} target saw ${seen(d.observation)}`);
    lines.push(...formatExplanation(engine.verdict(f), policies, clusterPolicies).trimEnd().split('\n').map((l) => (l === '' ? '' : `  ${l}`)), '');
  }
  return lines;
}

export function reproManifests(finding: Finding): string {
  const { topology } = finding.final;
  const objects: KubeObject[] = [
    ...topology.namespaces.map((n) => namespaceObject(n.name, Object.fromEntries(Object.entries(n.labels).filter(([k]) => k !== 'kubernetes.io/metadata.name')))),
    ...topology.pods.map((p) => podObject(p.namespace, p.name, { ...p.labels }, p.ports, endpointAddresses(p).join(','))),
    ...finding.final.policies,
    ...finding.final.clusterPolicies,
  ];
  const externals = topology.externals.map((e) => `# external host ${e.name} at ${e.ip} (explain/matrix: --external ${e.name}=${e.ip})`);
  return `${[...externals, objects.map((o) => stringify(o, { version: '1.1' }).trimEnd()).join('\n---\n')].join('\n')}\n`;
}

export function reproFeature(finding: Finding, ctx: ReproContext): string {
  const { original, shrunk, final } = finding;
  const state = shrunk.state;
  const size = (s: typeof state): string =>
    [plural(s.policies.length + s.clusterPolicies.length, 'policy', 'policies'), plural(s.topology.pods.length, 'pod'), plural(s.topology.externals.length, 'external host'), plural(s.ports.length, 'port')].join(', ');
  const first = final.disagreements[0]?.flow;
  const finalState = { topology: final.topology, policies: final.policies, clusterPolicies: final.clusterPolicies };
  // A flow outside its pair's default family (fuzz probes pod pairs in both) is claimed in tables
  // over each family, on the ports such flows disagree on.
  const familyPorts = state.ports.filter((p) => final.disagreements.some((d) => d.flow.family !== undefined && d.flow.port === p.port && d.flow.protocol === p.protocol));
  const otherFamilyTables = familyPorts.flatMap((p) => ([4, 6] as const).map((family) => familyTable(finalState, p, family, ctx.engine)));
  const header = [
    `Found by \`${ctx.command}\`: case ${finding.index} of seed ${finding.seed}.`,
    `Shrunk on the ${ctx.target} target in ${shrunk.checks} checks from ${size(original)} to ${size(state)}${shrunk.exhausted ? ' (the check budget ran out: it may shrink further)' : ''}.`,
    `The ${ctx.target} target disagrees with the engine on ${plural(final.disagreements.length, 'flow')}${final.reproduced ? '' : ' (the last probe agreed everywhere: a flaky target?)'}; every table below is the engine's.`,
    `Reproduce: netpol-conformance run ${ctx.runFlags} ${ctx.featureFile}`,
    `On the engine it passes: netpol-conformance run ${ctx.simFlags} ${ctx.featureFile}`,
    ...(first ? [`Manifests: ${ctx.manifestsFile} (netpol-conformance explain -f ${ctx.manifestsFile} --from ${first.from} --to ${first.to} --port ${formatPort(first)})`] : []),
  ];
  return renderFeature({
    title: `Fuzz finding ${finding.id}: the ${ctx.target} target disagrees with the engine`,
    header,
    tags: ['@fuzz'],
    description: [`Seed ${finding.seed}, case ${finding.index}. What was removed while shrinking: ${shrunk.kept.length > 0 ? shrunk.kept.join('; ') : 'nothing'}.`],
    background: { kind: 'tables', topology: final.topology },
    topology: final.topology,
    ...(ctx.engine.ipBlockMatchesPodIps === false ? { ipBlockMatchesPodIps: false } : {}),
    scenarios: [
      {
        name: `${final.disagreements.length} flow${final.disagreements.length === 1 ? '' : 's'} disagree${final.disagreements.length === 1 ? 's' : ''} with the engine`,
        description: ['The claims are the engine\'s truth tables of the minimal state; the comments name each disagreeing flow, what the target saw and why the engine decides as it does.'],
        tags: [],
        comments: explanations(finding, ctx),
        steps: [
          { kind: 'apply', policies: [...final.policies, ...final.clusterPolicies] },
          { kind: 'expect', tables: [...expectedTables(finalState, state.ports, ctx.engine), ...otherFamilyTables] },
        ],
      },
    ],
  });
}

/** Every shrunk finding as the feature that reproduces it: a test's or a benchmark's failure message. */
export function describeFindings(summary: FuzzSummary, target: string, engine: EngineOptions = {}): string {
  const head = `${summary.disagreeingCases.length} of ${summary.cases} cases disagree with the engine: ${summary.disagreeingCases.join(', ')}`;
  const features = summary.findings.map((f) =>
    reproFeature(f, { target, command: 'fuzz', featureFile: `fuzz-${f.id}.feature`, manifestsFile: `fuzz-${f.id}.yaml`, runFlags: `--target ${target}`, simFlags: '--target sim', engine }),
  );
  return [head, ...features].join('\n');
}
