// What a target is asked to be: its name and the options of that target alone. The command line
// parses it once; from there it travels as plain JSON (through cucumber's world parameters into
// the features' hooks, and into the session's cache key), so every option must be JSON: a value a
// target needs that is not (a test's stand-in for docker, say) is passed to its factory instead.
// The options are type aliases, not interfaces, so that the compiler checks them against
// cucumber's JSON type where runSuite hands the spec over. A leaf module: it imports only types
// and the error class.
import type { EngineOptions } from '../engine/options.js';
import { UsageError } from '../model/errors.js';
import type { NetnsFault } from './netns/faults.js';

export const TARGET_NAMES = ['sim', 'netns', 'cluster'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** sim: the engine's choices where the spec leaves them open, and the simulated plugin bugs. */
export type SimOptions = EngineOptions;

export type NetnsOptions = {
  /** Whether ipBlock peers match pod addresses (implementation-defined; upstream expects yes). */
  ipBlockMatchesPodIps?: boolean;
  /** Reject (default) or drop denied packets; drop makes denied probes time out. */
  denyAction?: 'reject' | 'drop';
  /** Probe timeout; default 500 ms with reject, 300 ms with drop (every denied flow waits it out). */
  probeTimeoutMs?: number;
  /** Attempts per disagreeing flow, the first included; default 3. */
  maxAttempts?: number;
  /** A deliberate dataplane bug (src/targets/netns/faults.ts), to prove `fuzz` finds it; never in a conformance run. */
  fault?: NetnsFault;
  /**
   * Keep the sandbox after the run (with its namespaces, agents and rules), for a person to enter;
   * `cleanup --target netns` removes it.
   */
  keep?: boolean;
  /** Write each pod's nftables ruleset, as applied, to `<dir>/<namespace>_<pod>.nft`. */
  dumpRules?: string;
};

/** Tunables of the cluster target; defaults in src/targets/cluster/settings.ts. */
export type ClusterSettings = {
  /** agnhost image (with tag) for pods and external hosts. */
  image?: string;
  /** Run id suffixed to every namespace; random when absent. Lowercase letters and digits. */
  runId?: string;
  /** How long pods may take to become Ready (ms). */
  readyTimeoutMs?: number;
  /** How long a deletion may take to finish (ms). */
  deleteTimeoutMs?: number;
  /** Rounds of probing for flows that disagree with the expectation (first round included). */
  probeRounds?: number;
  /** Time window for all rounds (ms): no round starts after it. */
  probeWindowMs?: number;
  /** Pause before re-probing disagreeing flows (ms). */
  reprobeDelayMs?: number;
  /** `agnhost connect --timeout` in seconds. */
  connectTimeoutSeconds?: number;
  /** Execs in flight at once. */
  execConcurrency?: number;
  /** How long one exec may take before it counts as failed (ms). */
  execTimeoutMs?: number;
  /** Poll interval while waiting for readiness or deletions (ms). */
  pollIntervalMs?: number;
  /** The cluster's pod network, routed through a node from external hosts (kind's default). */
  podCidr?: string;
};

export type ClusterOptions = {
  /** kubeconfig context; default: the current one. */
  context?: string;
  /** kubeconfig file; default: $KUBECONFIG or ~/.kube/config. */
  kubeconfig?: string;
  /** Explicit settings; they win over the NETPOL_* environment variables. */
  settings?: ClusterSettings;
};

export type TargetSpec =
  | { name: 'sim'; options: SimOptions }
  | { name: 'netns'; options: NetnsOptions }
  | { name: 'cluster'; options: ClusterOptions };

/** `sim`, `netns`, `cluster` or `cluster:CONTEXT`: the name and, for a cluster, the context. */
export function parseTargetName(text: string): { name: TargetName; context?: string } {
  const [name, context] = text.split(':', 2) as [string, string | undefined];
  if (!isTargetName(name)) {
    throw new UsageError(`unknown target "${text}"; choose one of ${TARGET_NAMES.join(', ')} (or cluster:CONTEXT)`);
  }
  if (context !== undefined && name !== 'cluster') throw new UsageError(`target "${name}" takes no ":CONTEXT"`);
  return context ? { name, context } : { name };
}

export function isTargetName(text: string): text is TargetName {
  return (TARGET_NAMES as readonly string[]).includes(text);
}

/** How reports name the target: `sim`, `netns`, `cluster` or `cluster:CONTEXT`. */
export function targetLabel(spec: TargetSpec): string {
  return spec.name === 'cluster' && spec.options.context ? `cluster:${spec.options.context}` : spec.name;
}

/**
 * A spec that arrives as JSON from outside the program (cucumber's world parameters, which a
 * profile or `--world-parameters` may set): its shape is checked, nothing is parsed again.
 */
export function targetSpecFromJson(value: unknown, where: string): TargetSpec {
  const spec = value as { name?: unknown; options?: unknown } | null;
  const options = spec?.options ?? {};
  if (typeof spec?.name !== 'string' || !isTargetName(spec.name) || typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new UsageError(`${where}: "target" must be {"name": "sim"|"netns"|"cluster", "options": {...}}`);
  }
  return { name: spec.name, options };
}
