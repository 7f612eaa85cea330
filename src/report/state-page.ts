// The page of a failing scenario's state: the scenario's topology and policies at the failed claim,
// as the matrix page draws them (the spec's verdict on every pair of the claimed ports, the graph,
// explanations), with the claimed flows outlined and the failing ones in red, each with what was
// claimed and what the target observed.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { formatPort } from '../model/notation.js';
import type { FailedClaimState, StatePageWriter } from '../model/state-page.js';
import type { PortSpec } from '../model/topology.js';
import { formatMatrixDot } from './matrix-dot.js';
import { explainMatrix } from './matrix-explanations.js';
import { matrixHtml, type PageClaim } from './matrix-html.js';
import { specView } from './matrix-view.js';
import { renderSvg } from './svg.js';

export interface ScenarioName {
  name: string;
  /** The feature file. */
  uri: string;
}

/** `features/x.feature` + name -> `x-only-the-api-pod-reaches-1a2b3c4d.html`: readable, and unique per scenario. */
export function statePageName(scenario: ScenarioName): string {
  const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 50);
  const hash = createHash('sha256').update(`${scenario.uri}\n${scenario.name}`).digest('hex').slice(0, 8);
  return `${slug(basename(scenario.uri, '.feature'))}-${slug(scenario.name)}-${hash}.html`;
}

export async function statePageHtml(scenario: ScenarioName, state: FailedClaimState): Promise<string> {
  const ports: PortSpec[] = [];
  for (const c of state.claims) if (!ports.some((p) => p.port === c.flow.port && p.protocol === c.flow.protocol)) ports.push({ port: c.flow.port, protocol: c.flow.protocol });
  const view = specView(state.topology, state.policies, ports, {}, state.clusterPolicies);
  const index = new Map(view.endpoints.map((e, i) => [e.id, i]));
  const claims: PageClaim[] = state.claims.flatMap((c) => {
    const from = index.get(c.flow.from);
    const to = index.get(c.flow.to);
    const port = ports.findIndex((p) => p.port === c.flow.port && p.protocol === c.flow.protocol);
    if (from === undefined || to === undefined) return [];
    const agrees = c.expected === c.observed;
    const text = `${agrees ? 'Claim holds' : 'CLAIM FAILS'}: the scenario claims ${c.expected}; the ${state.target} target observed ${c.observed}.`;
    return [{ port, from, to, text, agrees }];
  });
  const failing = claims.filter((c) => !c.agrees).length;
  return matrixHtml({
    title: `State of a failing scenario: ${scenario.name}`,
    meta: [
      `Feature: ${scenario.uri}`,
      `Target: ${state.target}. ${failing} of ${claims.length} claimed flows differ (outlined in red; claimed flows in blue).`,
      `Grids: the spec's verdict (sim engine) on every pair, on the claimed ports (${ports.map(formatPort).join(', ')}).`,
      `${view.endpoints.length} endpoints, ${state.policies.length} NetworkPolicies${(state.clusterPolicies ?? []).length > 0 ? ` and ${(state.clusterPolicies ?? []).length} cluster-scoped policies` : ''} applied.`,
    ],
    view,
    svg: await renderSvg(formatMatrixDot(view)),
    claims,
    ...((e) => (e ? { explanations: e } : {}))(explainMatrix(view, state.topology, state.policies, {}, state.clusterPolicies)),
  });
}

/** A writer for one scenario's pages, into `dir`. */
export function statePageWriter(dir: string, scenario: ScenarioName): StatePageWriter {
  return async (state) => {
    const file = resolve(join(dir, statePageName(scenario)));
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, await statePageHtml(scenario, state));
    return file;
  };
}
