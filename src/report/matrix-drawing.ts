// The drawn forms of a matrix from a cluster state on the engine: DOT, SVG and the HTML page. One
// function, so the command, the bench and embedders draw the same way.
import type { EngineOptions } from '../engine/index.js';
import type { NetworkPolicy } from '../model/api.js';
import type { ClusterPolicy } from '../model/cluster-policy.js';
import type { PortSpec, Topology } from '../model/topology.js';
import { formatMatrixDot } from './matrix-dot.js';
import { explainMatrix } from './matrix-explanations.js';
import { matrixHtml } from './matrix-html.js';
import type { MatrixView } from './matrix-view.js';
import { specView } from './matrix-view.js';
import { renderSvg } from './svg.js';

export interface Drawing {
  topology: Topology;
  policies: readonly NetworkPolicy[];
  /** ClusterNetworkPolicies, AdminNetworkPolicies and the BaselineAdminNetworkPolicy. */
  clusterPolicies?: readonly ClusterPolicy[];
  ports: readonly PortSpec[];
  options?: EngineOptions;
  /** Lines under the page's title (html). */
  meta?: string[];
  /** The cells to draw; default: the engine's matrix (specView). */
  view?: MatrixView;
}

export async function drawMatrix(format: 'dot' | 'svg' | 'html', d: Drawing): Promise<string> {
  const view = d.view ?? specView(d.topology, d.policies, d.ports, d.options, d.clusterPolicies);
  const dot = formatMatrixDot(view);
  if (format === 'dot') return dot;
  const svg = await renderSvg(dot);
  if (format === 'svg') return `${svg}\n`;
  const explanations = explainMatrix(view, d.topology, d.policies, d.options, d.clusterPolicies);
  return matrixHtml({ title: 'NetworkPolicy reachability', meta: d.meta ?? [], view, svg, ...(explanations ? { explanations } : {}) });
}
