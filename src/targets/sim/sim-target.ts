// The sim target: the engine as a target. It holds the objects a real cluster would hold and
// observes each flow as the spec's verdict. Always available.
import { createEngine, type Engine, type EngineOptions } from '../../engine/index.js';
import type { Flow, Observation } from '../../model/verdicts.js';
import type { KubeObject, ObjectRef } from '../../model/api.js';
import type { Topology } from '../../model/topology.js';
import { ObjectStore } from '../object-store.js';
import type { SimOptions } from '../spec.js';
import type { Capability, Target } from '../target.js';
import { UNMODELLED_PEERS } from '../unmodelled-peers.js';

export class SimTarget implements Target {
  readonly name = 'sim';
  readonly lacking = new Map<Capability, string>();
  private readonly store = new ObjectStore();
  private engine: Engine | undefined;

  constructor(private readonly options: EngineOptions) {
    for (const [capability, reason] of UNMODELLED_PEERS) this.lacking.set(capability, reason);
    if (options.ipBlockMatchesPodIps === false) {
      this.lacking.set('ipblock-pod-ip', 'run with --no-ipblock-pod-ips: ipBlock peers do not match pod addresses (implementation-defined)');
    } else {
      this.lacking.set('no-ipblock-pod-ip', 'ipBlock peers match pod addresses (the default; --no-ipblock-pod-ips turns it off)');
    }
  }

  async up(topology: Topology): Promise<Topology> {
    this.store.reset(topology);
    this.engine = undefined;
    return topology;
  }

  async apply(objects: readonly KubeObject[]): Promise<void> {
    this.store.apply(objects);
    this.engine = undefined;
  }

  async remove(refs: readonly ObjectRef[]): Promise<void> {
    this.store.remove(refs);
    this.engine = undefined;
  }

  async probe(flows: readonly Flow[]): Promise<Observation[]> {
    const engine = (this.engine ??= createEngine({ topology: this.store.topology, policies: this.store.policies, clusterPolicies: this.store.clusterPolicies }, this.options));
    return flows.map((flow) => ({ kind: 'verdict', flow, verdict: engine.verdict(flow) }));
  }

  async down(): Promise<void> {
    await this.up({ namespaces: [], pods: [], externals: [] });
  }
}

export async function createSimTarget(options: SimOptions): Promise<SimTarget> {
  return new SimTarget(options);
}
