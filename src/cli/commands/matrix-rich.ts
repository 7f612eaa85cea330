// The drawn forms of `matrix`: md, csv, dot, svg and html, from the engine's verdicts (sim) or from
// what a real target observed. Implementation-defined cells, the graph and (html) the engine's
// explanation of every flow come with them.
import type { NetworkPolicy } from '../../model/api.js';
import type { ClusterPolicy } from '../../model/cluster-policy.js';
import type { PortSpec, Topology } from '../../model/topology.js';
import type { TargetSpec } from '../../targets/spec.js';
import { drawMatrix } from '../../report/matrix-drawing.js';
import { formatMatrixCsv, formatMatrixMarkdown } from '../../report/matrix-tabular.js';
import { observedView, specView, type MatrixView } from '../../report/matrix-view.js';
import type { ObservedFlow } from '../../report/matrix-output.js';

export const RICH_FORMATS = ['md', 'csv', 'dot', 'svg', 'html'] as const;
export type RichFormat = (typeof RICH_FORMATS)[number];

export function isRichFormat(format: string): format is RichFormat {
  return (RICH_FORMATS as readonly string[]).includes(format);
}

export interface RichMatrixInput {
  format: RichFormat;
  topology: Topology;
  policies: NetworkPolicy[];
  clusterPolicies: ClusterPolicy[];
  ports: PortSpec[];
  spec: TargetSpec;
  /** The inputs, as the page names them (files, or the cluster read). */
  sources: string[];
  /** Real targets: probes every flow (sim never calls it). */
  observe: () => Promise<{ built: Topology; observed: ObservedFlow[] }>;
}

export async function formatRichMatrix(input: RichMatrixInput): Promise<string> {
  const { format, topology, policies, clusterPolicies, ports, spec } = input;
  // Explanations are the spec's; on netns, with the same choice of ipBlock matching as the target.
  const engineOptions = spec.name === 'sim' ? spec.options : spec.name === 'netns' && spec.options.ipBlockMatchesPodIps === false ? { ipBlockMatchesPodIps: false } : {};
  let view: MatrixView;
  let built = topology;
  if (spec.name === 'sim') view = specView(topology, policies, ports, spec.options, clusterPolicies);
  else {
    const result = await input.observe();
    built = result.built;
    view = observedView(built, ports, result.observed);
  }
  if (format === 'md') return formatMatrixMarkdown(view);
  if (format === 'csv') return formatMatrixCsv(view);
  const meta = [
    `Inputs: ${input.sources.join(', ')}`,
    spec.name === 'sim' ? 'Verdicts: the sim engine (the spec).' : `Verdicts: observed on the ${spec.name} target; explanations: the spec's, from the sim engine.`,
    `${view.endpoints.length} endpoints, ${policies.length} NetworkPolicies${clusterPolicies.length > 0 ? `, ${clusterPolicies.length} cluster-scoped policies` : ''}.`,
  ];
  return drawMatrix(format, { topology: built, policies, clusterPolicies, ports, options: engineOptions, meta, view });
}
