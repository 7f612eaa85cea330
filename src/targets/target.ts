// The one interface every target implements (docs/architecture.md, "The Target contract").

import type { Flow, Observation, Reachability } from '../model/verdicts.js';
import type { KubeObject, ObjectRef } from '../model/api.js';
import type { Topology } from '../model/topology.js';

/**
 * Capabilities a scenario may need; each is also a feature tag (`@udp`, `@sctp`, ...). `cnp` and
 * `anp`: the cluster serves ClusterNetworkPolicy (v1alpha2) / AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy (v1alpha1); `nodes-peer` and `domain-names-peer`: the experimental
 * egress peers, enforced. `ipblock-pod-ip`: ipBlock peers match pod addresses (upstream's
 * expectation); `no-ipblock-pod-ip`: they do not (as Cilium; the targets' --no-ipblock-pod-ips).
 * Both are implementation-defined, so a scenario whose ipBlock contains pod addresses carries the
 * one its expectations assume.
 */
export const CAPABILITIES = ['udp', 'sctp', 'ipblock-pod-ip', 'no-ipblock-pod-ip', 'endport', 'named-port', 'external', 'ipv6', 'cnp', 'anp', 'nodes-peer', 'domain-names-peer'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export function isCapability(tag: string): tag is Capability {
  return (CAPABILITIES as readonly string[]).includes(tag);
}

/** What a target left running after down() for a person to look at (the netns target's `--keep`). */
export interface KeptState {
  runId: string;
  /** The command prefix that enters it. */
  enter: string;
  /** The network namespaces in it, one per pod and external host. */
  namespaces: string[];
}

export interface ProbeOptions {
  /**
   * What the caller expects for each flow (same order as the flows). Real targets re-probe flows
   * that disagree, in bounded rounds, before reporting them (enforcement is eventually consistent).
   */
  expected?: readonly Reachability[];
}

/** One cause of an API server's rejection (field path and message). */
export interface ServerProblem {
  field: string;
  message: string;
}

export interface Target {
  readonly name: string;
  /** Capabilities this target lacks, each with the reason a person will read in the report. */
  readonly lacking: ReadonlyMap<Capability, string>;
  /**
   * Make the data plane hold exactly this topology (namespaces with these labels, pods with these
   * labels, addresses and listeners, external hosts) and no NetworkPolicies. Called at the start of
   * every scenario; a target may reuse what it already built. Returns the topology as built: a
   * target that cannot choose addresses (a real cluster) reports the pod IPs it really got.
   */
  up(topology: Topology): Promise<Topology>;
  /** Create or update objects: policies of every kind, and Pods or Namespaces whose labels changed. */
  apply(objects: readonly KubeObject[]): Promise<void>;
  /** Delete objects (policies, pods); resolves once they are gone. */
  remove(refs: readonly ObjectRef[]): Promise<void>;
  /** Observe flows; the result is in the same order as `flows`. The target picks the parallelism. */
  probe(flows: readonly Flow[], options?: ProbeOptions): Promise<Observation[]>;
  /**
   * Targets backed by an API server validate too (server-side dry-run create) so validation cases
   * can compare the server's answer with the project's validator. Takes the object as written.
   */
  dryRunValidate?(object: unknown): Promise<ServerProblem[]>;
  /** Remove everything this target created. Idempotent. */
  down(): Promise<void>;
  /** Set by down() when the target kept its state on purpose (netns `--keep`). */
  readonly kept?: KeptState | undefined;
}
