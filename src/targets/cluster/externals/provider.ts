// External hosts next to the cluster: something outside every pod network that serves the
// topology's ports and can run probes. The docker provider runs agnhost containers next to a kind
// cluster; tests plug in their own.
import type { ExternalHost } from '../../../model/topology.js';
import type { ExecResult } from '../exec-runner.js';

export interface ExternalEndpoint {
  name: string;
  declaredIp: string;
  /** The address it really has; differs from declaredIp when the declared one could not be used. */
  ip: string;
  /** Why the declared address could not be used (for reports). */
  note?: string;
  exec(command: string[], timeoutMs: number): Promise<ExecResult>;
  /** A shell command a person runs to repeat `command` on this host. */
  reproduce(command: string[]): string;
}

export interface ExternalContext {
  runId: string;
  /** kubeconfig context; kind contexts are `kind-<cluster name>`. */
  context: string;
  /** Pod network of the cluster, routed through a node from the external hosts. */
  podCidr: string;
  image: string;
}

export interface ExternalHostProvider {
  /** Why external hosts cannot run for this cluster, or undefined when they can. */
  unavailable(ctx: ExternalContext): Promise<string | undefined>;
  start(hosts: readonly ExternalHost[], ctx: ExternalContext): Promise<ExternalEndpoint[]>;
  /** Removes every container and network it started. Idempotent. */
  stop(): Promise<void>;
}
