// The fake's data plane: it runs the commands the cluster target execs (`agnhost connect`, alone or
// in the target's batch script) by judging each connection with the project's engine over the
// objects the fake holds, so contract tests see real policy effects. Denied connections time out
// (a dropping CNI) or are refused (a rejecting one such as kube-router), as configured. A lag
// models eventual consistency: the data plane keeps enforcing the old policies for a number of
// execs after a change. A fault (one of the engine's, src/engine/options.ts) makes the data plane
// enforce the policies the way a buggy plugin would, so the fuzzer has something to find.
import { createEngine, type Engine, type EngineFault } from '../../src/engine/index.js';
import { NAMESPACE_NAME_LABEL, PROTOCOLS, type NetworkPolicy, type Protocol } from '../../src/model/api.js';
import type { ExternalHost, PodSpec, Topology } from '../../src/model/topology.js';
import type { ClusterPolicy } from '../../src/model/cluster-policy.js';
import type { Store, StoredPod } from './store.js';

export interface DataplaneOptions {
  denyAs: 'timeout' | 'refused';
  /** Execs served with the previous policies after each policy change. */
  enforcementLagExecs: number;
  externals: readonly ExternalHost[];
  fault?: EngineFault;
}

export interface CommandResult {
  stdout: string;
  exitCode: number;
}

const CONNECT = /\/agnhost connect (\S+) --timeout=(\S+) --protocol=(\w+)/;
const MARKER = /printf '@@netpol (\d+) /;

function splitHostPort(text: string): { host: string; port: number } | undefined {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(text);
  return m ? { host: m[1] ?? '', port: Number(m[2]) } : undefined;
}

function servedPorts(pod: StoredPod): { port: number; protocol: Protocol }[] {
  const env = pod.spec.containers.flatMap((c) => c.env ?? []);
  return env.flatMap((e) => {
    const m = /^SERVE_(?:(TCP|UDP|SCTP)_)?PORT_(\d+)$/.exec(e.name);
    return m ? [{ port: Number(m[2]), protocol: (m[1] ?? 'TCP') as Protocol }] : [];
  });
}

export class Dataplane {
  private enforced: NetworkPolicy[] = [];
  private enforcedClusterPolicies: ClusterPolicy[] = [];
  private seenGeneration = 0;
  private lagLeft = 0;

  constructor(
    private readonly store: Store,
    readonly options: DataplaneOptions,
  ) {}

  private current(): NetworkPolicy[] {
    return [...this.store.policies.values()].map((p) => ({ apiVersion: p.apiVersion, kind: p.kind, metadata: { name: p.metadata.name, namespace: p.metadata.namespace }, spec: p.spec }));
  }

  topology(): Topology {
    const pods: PodSpec[] = [...this.store.pods.values()]
      .filter((p) => p.status.podIP !== undefined)
      .map((p) => ({
        namespace: p.metadata.namespace,
        name: p.metadata.name,
        labels: { ...p.metadata.labels },
        ip: p.status.podIP ?? '',
        ports: p.spec.containers.flatMap((c) => (c.ports ?? []).map((cp) => ({ port: cp.containerPort, protocol: cp.protocol ?? 'TCP', ...(cp.name ? { name: cp.name } : {}) }))),
      }));
    const namespaces = [...this.store.namespaces.values()].map((n) => ({ name: n.metadata.name, labels: { ...n.metadata.labels, [NAMESPACE_NAME_LABEL]: n.metadata.name } }));
    return { namespaces, pods, externals: [...this.options.externals] };
  }

  /** Called once per exec: the policies the data plane enforces for it, over the current topology. */
  private engineForExec(): Engine {
    if (this.store.policyGeneration !== this.seenGeneration) {
      this.seenGeneration = this.store.policyGeneration;
      this.lagLeft = this.options.enforcementLagExecs;
    }
    if (this.lagLeft > 0) this.lagLeft--;
    else {
      this.enforced = this.current();
      // The stored objects as the cluster holds them: rewritten names, selectors confined to the run.
      this.enforcedClusterPolicies = [...this.store.clusterPolicies.values()].map((p) => ({ apiVersion: p.apiVersion, kind: p.kind, metadata: { name: p.metadata.name }, spec: p.spec }) as unknown as ClusterPolicy);
    }
    return createEngine({ topology: this.topology(), policies: this.enforced, clusterPolicies: this.enforcedClusterPolicies }, this.options.fault ? { fault: this.options.fault } : {});
  }

  /** Endpoint id (`namespace/pod` with cluster names, or an external's name) of an address. */
  endpointAt(ip: string): { id: string; pod?: StoredPod; external?: ExternalHost } | undefined {
    const pod = [...this.store.pods.values()].find((p) => p.status.podIP === ip);
    if (pod) return { id: `${pod.metadata.namespace}/${pod.metadata.name}`, pod };
    const external = this.options.externals.find((e) => e.ip === ip);
    return external ? { id: external.name, external } : undefined;
  }

  private connect(engine: Engine, sourceId: string, target: string, protocolText: string): { exitCode: number; message: string } {
    const hp = splitHostPort(target);
    const protocol = protocolText.toUpperCase() as Protocol;
    if (!hp || !(PROTOCOLS as readonly string[]).includes(protocol)) return { exitCode: 1, message: `OTHER: bad arguments ${target} ${protocolText}` };
    const destination = this.endpointAt(hp.host);
    if (!destination) return { exitCode: 1, message: 'TIMEOUT' };
    const flow = { from: sourceId, to: destination.id, port: hp.port, protocol };
    const allowed = sourceId === destination.id || engine.isAllowed(flow);
    if (!allowed) return { exitCode: 1, message: this.options.denyAs === 'timeout' ? 'TIMEOUT' : 'REFUSED' };
    const served = destination.pod ? servedPorts(destination.pod) : (destination.external?.ports ?? []);
    if (!served.some((s) => s.port === hp.port && s.protocol === protocol)) return { exitCode: 1, message: 'REFUSED' };
    return { exitCode: 0, message: '' };
  }

  /** Runs what the target execs: `/bin/sh -c <batch script>` or a bare `/agnhost connect ...`. */
  run(sourceId: string, command: readonly string[]): CommandResult {
    const engine = this.engineForExec();
    if (command[0] === '/agnhost' && command[1] === 'connect') {
      const r = this.connect(engine, sourceId, command[2] ?? '', (command[4] ?? '').replace('--protocol=', ''));
      return { stdout: r.message === '' ? '' : `${r.message}\n`, exitCode: r.exitCode };
    }
    if (command[0] === '/bin/sh' && command[1] === '-c') {
      const out: string[] = [];
      for (const line of (command[2] ?? '').split('\n')) {
        const connect = CONNECT.exec(line);
        const marker = MARKER.exec(line);
        if (!connect || !marker) continue;
        const r = this.connect(engine, sourceId, connect[1] ?? '', connect[3] ?? '');
        out.push(`@@netpol ${marker[1]} ${r.exitCode} ${r.message}`.trimEnd());
      }
      // Background jobs finish in any order; so do ours.
      out.reverse();
      return { stdout: out.map((l) => `${l}\n`).join(''), exitCode: 0 };
    }
    return { stdout: `sh: ${command[0] ?? ''}: not found\n`, exitCode: 127 };
  }
}
