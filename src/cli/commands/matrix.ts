// `matrix`: the reachability of every ordered pair of distinct endpoints on every given port (or
// of one source, one destination), from the spec (sim) or observed on a real target. Tables, JSON
// and rows are written as they are produced, so a matrix of ten thousand pods streams.
import { Command, Option } from 'commander';
import { allFlows } from '../../engine/index.js';
import { endpointIds, type PortSpec, type Topology } from '../../model/topology.js';
import { observedReachability } from '../../model/verdicts.js';
import type { KubeObject } from '../../model/api.js';
import type { ObservedFlow } from '../../report/matrix-output.js';
import { writeMatrixJson, writeMatrixRows, writeMatrixTables } from '../../report/matrix-stream.js';
import { formatKept } from '../../report/kept.js';
import type { KeptState, Target } from '../../targets/target.js';
import { createTarget } from '../../targets/index.js';
import type { TargetSpec } from '../../targets/spec.js';
import { InputError } from '../../model/errors.js';
import type { CliContext } from '../context.js';
import { addInputFlags, parsePortFlag, readClusterInput, readsLiveCluster, type InputFlags } from './cluster-input.js';
import { UsageError } from '../../model/errors.js';
import { withClusterPodNames } from './cluster-pod-names.js';
import { formatRichMatrix, isRichFormat, RICH_FORMATS, type RichFormat } from './matrix-rich.js';
import { checkFocus, inFocus, observedSlice, specSlice, withServed, type Focus } from './matrix-slice.js';
import { addTargetFlags, targetSpecFrom, type TargetFlags } from './target-flags.js';
import { collect } from './repeatable.js';

interface MatrixFlags extends TargetFlags, InputFlags {
  port: string[];
  external: string[];
  from?: string;
  to?: string;
  output: 'table' | 'json' | 'rows' | RichFormat;
}

const WRITERS = { table: writeMatrixTables, json: writeMatrixJson, rows: writeMatrixRows } as const;

export function matrixCommand(ctx: CliContext): Command {
  const command = new Command('matrix')
    .description('print the reachability of every pair of endpoints (pods and external hosts) on every port')
    .option('-f, --file <path>', 'manifest file or folder: Namespaces, Pods, workloads, NetworkPolicies; YAML or JSON (repeatable)', collect, [])
    .option('-p, --port <port/proto>', 'port to judge with its protocol, e.g. 80/TCP, 53/UDP (repeatable; default 80/TCP)', collect, [])
    .option('-e, --external <name=ip>', 'an external host, e.g. backup=192.168.5.10 (repeatable)', collect, [])
    .option('--from <endpoint>', 'only flows from this endpoint: namespace/pod or an external host name (table, json, rows)')
    .option('--to <endpoint>', 'only flows to this endpoint (table, json, rows)')
    .addOption(
      new Option(
        '-o, --output <format>',
        'table, json (one entry per flow), rows (one JSON line per port and source, allowed destinations as a bitmap), md, csv, dot (Graphviz), svg (the graph drawn) or html (one page: grids, graph, explanations)',
      )
        .choices(['table', 'json', 'rows', ...RICH_FORMATS])
        .default('table'),
    );
  addInputFlags(addTargetFlags(command), { cluster: false, analysis: true }).action(async (flags: MatrixFlags) => {
    if (flags.from !== undefined && flags.from === flags.to) throw new UsageError('--from and --to name the same endpoint');
    const focus: Focus = { ...(flags.from !== undefined ? { from: flags.from } : {}), ...(flags.to !== undefined ? { to: flags.to } : {}) };
    if (isRichFormat(flags.output) && (focus.from !== undefined || focus.to !== undefined)) throw new UsageError(`--from and --to go with -o table, json or rows, not ${flags.output}`);
    const ports = (flags.port.length > 0 ? flags.port : ['80/TCP']).map(parsePortFlag);
    // Without -f, --kubeconfig and --context name the live cluster to read, not a target.
    const spec = targetSpecFrom(readsLiveCluster(flags) ? { ...flags, kubeconfig: undefined, context: undefined } : flags);
    // --kubeconfig without -f reads a live cluster's state; on sim only (it is not copied anywhere).
    if (readsLiveCluster(flags) && spec.name !== 'sim') throw new UsageError(`a live cluster's state (no -f) is analysed on sim; to probe the ${spec.name} target give manifests with -f`);
    const input = await readClusterInput(readsLiveCluster(flags) ? flags : { ...flags, kubeconfig: undefined, context: undefined }, flags.external, ports, (line) => ctx.io.err(`${line}\n`));
    const { topology, policies, clusterPolicies } = input;
    const all: KubeObject[] = [...policies, ...clusterPolicies];
    const endpoints = endpointIds(topology);
    if (endpoints.length < 2) {
      const plural = (n: number, word: string): string => `${n === 0 ? 'no' : n} ${word}${n === 1 ? '' : 's'}`;
      const externals = flags.external.length > 0 ? ` and --external names ${plural(topology.externals.length, 'host')}` : '';
      const sources = input.sources.join(', ');
      throw new InputError(
        `nothing to show: ${sources} declare${input.sources.length === 1 ? 's' : ''} ${plural(topology.pods.length, 'pod')}${externals}; a matrix needs at least two endpoints (Pods in the manifests, or external hosts: --external NAME=IP)`,
      );
    }
    if (spec.name !== 'sim' && topology.pods.some((p) => p.hostNetwork)) throw new UsageError(`hostNetwork pods are modelled by the sim target only; the ${spec.name} target cannot build them`);
    if (isRichFormat(flags.output)) {
      const observe = async (): Promise<MatrixResult> => observeMatrix(spec, topology, all, ports);
      ctx.io.out(await formatRichMatrix({ format: flags.output, topology, policies, clusterPolicies, ports, spec, sources: input.sources, observe }));
      return;
    }
    checkFocus(topology, focus);
    let slice;
    let kept: KeptState | undefined;
    if (spec.name === 'sim') slice = specSlice({ topology, policies, clusterPolicies }, ports, spec.options, focus);
    else {
      const observed = await observeMatrix(spec, topology, all, ports, (f) => inFocus(focus, f));
      slice = observedSlice(observed.built, observed.observed, ports, focus);
      kept = observed.kept;
    }
    // Marked from the declared topology: a real target serves every matrix port only to observe it.
    WRITERS[flags.output](withServed(slice, topology), (text) => ctx.io.out(text));
    if (kept) ctx.io.err(formatKept(kept));
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
  /** What the target kept after the run (netns `--keep`). */
  kept?: KeptState;
}

/** Probes every flow (or those `wanted` keeps) on a real target. */
async function observeMatrix(spec: TargetSpec, topology: Topology, policies: KubeObject[], ports: PortSpec[], wanted: (flow: { from: string; to: string }) => boolean = () => true): Promise<MatrixResult> {
  if (spec.name === 'cluster') {
    const renamed = withClusterPodNames(topology);
    if (renamed.changed) return renamed.back(await observeMatrix(spec, renamed.topology, policies, ports, (f) => wanted({ from: renamed.original(f.from), to: renamed.original(f.to) })));
  }
  const target: Target = await createTarget(spec);
  let result: MatrixResult;
  try {
    // A real target can only observe ports that are served: every endpoint listens on the matrix ports.
    const built = await target.up(withServedPorts(topology, ports));
    await target.apply(policies);
    const observations = await target.probe(allFlows(built, ports).filter(wanted));
    result = { built, observed: observations.map((o) => ({ flow: o.flow, reachability: observedReachability(o) })) };
  } finally {
    await target.down();
  }
  return target.kept ? { ...result, kept: target.kept } : result;
}
