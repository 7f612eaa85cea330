// Reads what matrix, explain and lint work on: manifests (-f) or a live cluster (--kubeconfig,
// --context, --namespace), the external hosts (--external NAME=IP) and ports (--port 80/TCP), into a
// topology plus its policies. Unmodelled kinds are skipped and objects as clusters export them are
// read, each with a warning, unless --strict.
import type { Command } from 'commander';
import { clusterPolicyId, isClusterPolicy, type ClusterPolicy } from '../../model/cluster-policy.js';
import { UsageError } from '../../model/errors.js';
import { checkDocuments, checkManifests, type CheckOptions, type CheckedManifests } from '../../validate/loader.js';
import { formatProblem } from '../../validate/problem.js';
import { InputError } from '../../model/errors.js';
import { buildTopology } from '../../model/build-topology.js';
import type { ExternalHost, PortSpec, Topology } from '../../model/topology.js';
import { policyKey, type LoadedObject, type NetworkPolicy } from '../../model/api.js';
import { parsePort } from '../../model/notation.js';
import { parseIp } from '../../model/cidr.js';
import { collect } from './repeatable.js';

export interface ClusterInput {
  topology: Topology;
  policies: NetworkPolicy[];
  /** ClusterNetworkPolicies, AdminNetworkPolicies and the BaselineAdminNetworkPolicy. */
  clusterPolicies: ClusterPolicy[];
  /** The objects, with where each came from. */
  loaded: LoadedObject[];
  /** The inputs as reports name them: the files, or `cluster:CONTEXT`. */
  sources: string[];
}

export interface InputFlags {
  file: string[];
  strict?: boolean;
  replicas?: boolean;
  kubeconfig?: string;
  context?: string;
  namespace?: string[];
}

/**
 * --strict and --namespace, and for the analysis commands --replicas; `cluster` adds --kubeconfig
 * and --context (matrix has them from its target flags). `validate` reads strictly whatever it is
 * told: there, --strict only rejects the kinds it would skip.
 */
export function addInputFlags(command: Command, options: { cluster: boolean; analysis: boolean }): Command {
  command.option('--strict', options.analysis ? 'reject kinds this tool does not model, and what the API server would reject, instead of warning' : 'reject kinds this tool does not model instead of skipping them');
  if (options.analysis) command.option('--replicas', 'one endpoint per replica of a workload (name-0, name-1, ...) instead of one per workload');
  command.option('--namespace <name>', 'with a live cluster (no -f): read only this namespace (repeatable)', collect, []);
  if (options.cluster) {
    command
      .option('--kubeconfig <file>', 'read the state of a live cluster (read-only) instead of -f manifests')
      .option('--context <name>', 'with --kubeconfig: the context (default: the current one)');
  }
  return command;
}

export function parseExternal(text: string, ports: readonly PortSpec[]): ExternalHost {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--external "${text}": write NAME=IP, e.g. backup=192.168.5.10`);
  const name = text.slice(0, eq);
  const ip = text.slice(eq + 1);
  if (name.includes('/')) throw new UsageError(`--external "${text}": an external host's name has no "/"`);
  if (!parseIp(ip)) throw new UsageError(`--external "${text}": "${ip}" is not an IP address (write NAME=IP, e.g. backup=192.168.5.10 or backup=2001:db8::5)`);
  return { name, ip, ports: [...ports] };
}

/** `80/TCP`: the protocol is required on the command line as in features (docs/steps.md). */
export function parsePortFlag(text: string): PortSpec {
  try {
    return parsePort(text, '--port');
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function checkOptions(flags: InputFlags): CheckOptions {
  return { tolerant: !flags.strict, unmodelledKinds: flags.strict ? 'error' : 'skip', ...(flags.replicas ? { replicas: true } : {}) };
}

/** Whether the input is a live cluster: no -f, and a kubeconfig (or a context) named. */
export function readsLiveCluster(flags: InputFlags): boolean {
  return flags.file.length === 0 && (flags.kubeconfig !== undefined || flags.context !== undefined);
}

/** The input checked, problems and all: manifests (-f), or the live cluster the flags name. */
export async function checkInput(flags: InputFlags, options: CheckOptions, warn: (line: string) => void): Promise<CheckedManifests & { sources: string[] }> {
  if (flags.file.length > 0) return { ...checkManifests(flags.file, options), sources: [...flags.file] };
  if (!readsLiveCluster(flags)) throw new UsageError('give at least one manifest file or folder with -f, or a live cluster with --kubeconfig FILE');
  // Loaded here: the Kubernetes client takes most of a second to load, which offline runs should not pay.
  const { readLiveState } = await import('../../targets/cluster/live-state.js');
  const state = await readLiveState({
    ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.context !== undefined ? { context: flags.context } : {}),
    ...(flags.namespace && flags.namespace.length > 0 ? { namespaces: flags.namespace } : {}),
  });
  for (const line of state.unreadable) warn(`warning: ${state.name}: cannot list ${line.replace(/^GET /, '')}; read without them`);
  return { ...checkDocuments({ documents: state.documents, problems: [] }, options), sources: [state.name] };
}

/** The objects of the input; warnings (skipped kinds, tolerated problems) go to `warn`, one line each. */
export async function readObjects(flags: InputFlags, warn: (line: string) => void, extra: CheckOptions = {}): Promise<{ loaded: LoadedObject[]; sources: string[] }> {
  const checked = await checkInput(flags, { ...checkOptions(flags), ...extra }, warn);
  for (const w of checked.warnings) warn(`warning: ${formatProblem(w)}`);
  if (checked.problems.length > 0) throw new InputError(checked.problems.map(formatProblem).join('\n'));
  return { loaded: checked.objects, sources: checked.sources };
}

export async function readClusterInput(flags: InputFlags, externals: readonly string[], ports: readonly PortSpec[], warn: (line: string) => void): Promise<ClusterInput> {
  const { loaded, sources } = await readObjects(flags, warn);
  const objects = loaded.map((l) => l.object);
  // As validate says it: an empty folder is a mistake to point out, not an empty answer.
  if (objects.length === 0 && flags.file.length > 0) throw new InputError(`${flags.file.join(', ')}: no objects found (looked for .yaml, .yml and .json files)`);
  const topology = buildTopology(objects, externals.map((e) => parseExternal(e, ports)));
  // Policies with the same namespace/name replace each other in file order, as `kubectl apply` would.
  const policies = new Map<string, NetworkPolicy>();
  const clusterPolicies = new Map<string, ClusterPolicy>();
  for (const o of objects) {
    if (o.kind === 'NetworkPolicy') policies.set(policyKey(o), o);
    if (isClusterPolicy(o)) clusterPolicies.set(clusterPolicyId(o), o);
  }
  return { topology, policies: [...policies.values()], clusterPolicies: [...clusterPolicies.values()], loaded, sources };
}
