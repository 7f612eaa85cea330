// `matrix`: the reachability of every ordered pair of distinct endpoints on every given port, from
// the spec (sim) or observed on a real target.
import { Command, Option } from 'commander';
import { allFlows, createEngine } from '../../engine/index.js';
import { endpointIds, isJudgedPair, type PortSpec, type Topology } from '../../model/topology.js';
import { observedReachability } from '../../model/verdicts.js';
import type { KubeObject, NetworkPolicy } from '../../model/api.js';
import type { ClusterPolicy } from '../../model/cluster-policy.js';
import { formatMatrixJson, formatMatrixTables, type ObservedFlow } from '../../report/matrix-output.js';
import { createTarget } from '../../targets/index.js';
import type { SimOptions, TargetSpec } from '../../targets/spec.js';
import type { CliContext } from '../context.js';
import { addInputFlags, parsePortFlag, readClusterInput, readsLiveCluster, type InputFlags } from './cluster-input.js';
import { UsageError } from '../../model/errors.js';
import { withClusterPodNames } from './cluster-pod-names.js';
import { formatRichMatrix, isRichFormat, RICH_FORMATS, type RichFormat } from './matrix-rich.js';
import { addTargetFlags, targetSpecFrom, type TargetFlags } from './target-flags.js';
import { collect } from './repeatable.js';

interface MatrixFlags extends TargetFlags, InputFlags {
  port: string[];
  external: string[];
  output: 'table' | 'json' | RichFormat;
}

export function matrixCommand(ctx: CliContext): Command {
  const command = new Command('matrix')
    .description('print the reachability of every pair of endpoints (pods and external hosts) on every port')
    .option('-f, --file <path>', 'manifest file or folder: Namespaces, Pods, workloads, NetworkPolicies; YAML or JSON (repeatable)', collect, [])
    .option('-p, --port <port/proto>', 'port to judge, e.g. 80/TCP, 53/UDP (repeatable; default 80/TCP)', collect, [])
    .option('-e, --external <name=ip>', 'an external host, e.g. backup=192.168.5.10 (repeatable)', collect, [])
    .addOption(
      new Option('-o, --output <format>', 'table, json, md, csv, dot (Graphviz), svg (the graph drawn) or html (one page: grids, graph, explanations)')
        .choices(['table', 'json', ...RICH_FORMATS])
        .default('table'),
    );
  addInputFlags(addTargetFlags(command), { cluster: false, analysis: true }).action(async (flags: MatrixFlags) => {
    const ports = (flags.port.length > 0 ? flags.port : ['80/TCP']).map(parsePortFlag);
    const spec = targetSpecFrom(flags);
    // --kubeconfig without -f reads a live cluster's state; on sim only (it is not copied anywhere).
    if (readsLiveCluster(flags) && spec.name !== 'sim') throw new UsageError(`a live cluster's state (no -f) is analysed on sim; to probe the ${spec.name} target give manifests with -f`);
    const input = await readClusterInput(readsLiveCluster(flags) ? flags : { ...flags, kubeconfig: undefined, context: undefined }, flags.external, ports, (line) => ctx.io.err(`${line}\n`));
    const { topology, policies, clusterPolicies } = input;
    const all: KubeObject[] = [...policies, ...clusterPolicies];
    if (spec.name !== 'sim' && topology.pods.some((p) => p.hostNetwork)) throw new UsageError(`hostNetwork pods are modelled by the sim target only; the ${spec.name} target cannot build them`);
    if (isRichFormat(flags.output)) {
      const observe = async (): Promise<MatrixResult> => observeMatrix(spec, topology, all, ports);
      ctx.io.out(await formatRichMatrix({ format: flags.output, topology, policies, clusterPolicies, ports, spec, sources: input.sources, observe }));
      return;
    }
    const { built, observed } = spec.name === 'sim' ? specMatrix(topology, policies, clusterPolicies, ports, spec.options) : await observeMatrix(spec, topology, all, ports);
    ctx.io.out(flags.output === 'json' ? formatMatrixJson(observed) : formatMatrixTables(observed, endpointIds(built)));
  });
  return command;
}

function withServedPorts(topology: Topology, ports: readonly PortSpec[]): Topology {
  const add = <T extends { ports: PortSpec[] }>(e: T): T => ({
    ...e,
    ports: [...e.ports, ...ports.filter((p) => !e.ports.some((q) => q.port === p.port && q.protocol === p.protocol))],
  });
  return { ...topology, pods: topology.pods.map(add), externals: topology.externals.map(add) };
}

interface MatrixResult {
  built: Topology;
  observed: ObservedFlow[];
}

/** The spec's matrix straight from the engine's fast path (no explanation per flow). */
function specMatrix(topology: Topology, policies: NetworkPolicy[], clusterPolicies: ClusterPolicy[], ports: PortSpec[], options: SimOptions): MatrixResult {
  const matrix = createEngine({ topology, policies, clusterPolicies }, options).matrix(ports);
  const n = matrix.endpoints.length;
  const observed: ObservedFlow[] = [];
  matrix.ports.forEach((port, p) => {
    const table = matrix.allowed[p];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (!isJudgedPair(i === j, matrix.external[i] === true, matrix.external[j] === true)) continue;
        const flow = { from: matrix.endpoints[i] ?? '', to: matrix.endpoints[j] ?? '', port: port.port, protocol: port.protocol };
        observed.push({ flow, reachability: table?.[i * n + j] === 1 ? 'allowed' : 'denied' });
      }
    }
  });
  return { built: topology, observed };
}

async function observeMatrix(spec: TargetSpec, topology: Topology, policies: KubeObject[], ports: PortSpec[]): Promise<MatrixResult> {
  if (spec.name === 'cluster') {
    const renamed = withClusterPodNames(topology);
    if (renamed.changed) return renamed.back(await observeMatrix(spec, renamed.topology, policies, ports));
  }
  const target = await createTarget(spec);
  try {
    // A real target can only observe ports that are served: every endpoint listens on the matrix ports.
    const built = await target.up(withServedPorts(topology, ports));
    await target.apply(policies);
    const observations = await target.probe(allFlows(built, ports));
    return { built, observed: observations.map((o) => ({ flow: o.flow, reachability: observedReachability(o) })) };
  } finally {
    await target.down();
  }
}
