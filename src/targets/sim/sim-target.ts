// The sim target: the engine as a target. It holds the objects a real cluster would hold and
// observes each flow as the spec's verdict. Always available; no capability is lacking.
import { createEngine, type Engine, type EngineOptions } from '../../engine/index.js';
import { InputError } from '../../model/errors.js';
import { namespaceLabels, podPorts } from '../../model/topology.js';
import { podId, type Flow, type KubeObject, type NetworkPolicy, type Observation, type ObjectRef, type Topology } from '../../model/types.js';
import type { TargetOptions } from '../index.js';
import type { Capability, Target } from '../target.js';

export class SimTarget implements Target {
  readonly name = 'sim';
  readonly lacking = new Map<Capability, string>();
  private topology: Topology = { namespaces: [], pods: [], externals: [] };
  private policies = new Map<string, NetworkPolicy>();
  private engine: Engine | undefined;

  constructor(private readonly options: EngineOptions) {
    if (options.ipBlockMatchesPodIps === false) {
      this.lacking.set('ipblock-pod-ip', 'run with --no-ipblock-pod-ips: ipBlock peers do not match pod addresses (implementation-defined)');
    }
  }

  async up(topology: Topology): Promise<Topology> {
    this.topology = structuredClone(topology);
    this.policies.clear();
    this.engine = undefined;
    return topology;
  }

  async apply(objects: readonly KubeObject[]): Promise<void> {
    for (const object of objects) {
      switch (object.kind) {
        case 'NetworkPolicy':
          this.policies.set(podId(object.metadata.namespace, object.metadata.name), structuredClone(object));
          break;
        case 'Namespace': {
          const name = object.metadata.name;
          const others = this.topology.namespaces.filter((n) => n.name !== name);
          this.topology.namespaces = [...others, { name, labels: namespaceLabels(name, object.metadata.labels) }];
          break;
        }
        case 'Pod': {
          const id = podId(object.metadata.namespace, object.metadata.name);
          const existing = this.topology.pods.find((p) => podId(p.namespace, p.name) === id);
          if (existing) {
            existing.labels = { ...object.metadata.labels };
          } else {
            const ip = object.status?.podIP;
            if (ip === undefined) throw new InputError(`pod ${id}: a pod added after the topology is up needs status.podIP`);
            this.topology.pods.push({ namespace: object.metadata.namespace, name: object.metadata.name, labels: { ...object.metadata.labels }, ip, ports: podPorts(object) });
          }
          break;
        }
      }
    }
    this.engine = undefined;
  }

  async remove(refs: readonly ObjectRef[]): Promise<void> {
    for (const ref of refs) {
      const id = podId(ref.namespace ?? '', ref.name);
      switch (ref.kind) {
        case 'NetworkPolicy':
          this.policies.delete(id);
          break;
        case 'Pod':
          this.topology.pods = this.topology.pods.filter((p) => podId(p.namespace, p.name) !== id);
          break;
        case 'Namespace':
          this.topology.namespaces = this.topology.namespaces.filter((n) => n.name !== ref.name);
          this.topology.pods = this.topology.pods.filter((p) => p.namespace !== ref.name);
          for (const [key, policy] of this.policies) if (policy.metadata.namespace === ref.name) this.policies.delete(key);
          break;
      }
    }
    this.engine = undefined;
  }

  async probe(flows: readonly Flow[]): Promise<Observation[]> {
    const engine = (this.engine ??= createEngine({ topology: this.topology, policies: [...this.policies.values()] }, this.options));
    return flows.map((flow) => ({ kind: 'verdict', flow, verdict: engine.verdict(flow) }));
  }

  async down(): Promise<void> {
    await this.up({ namespaces: [], pods: [], externals: [] });
  }
}

export async function createSimTarget(options: TargetOptions & Pick<EngineOptions, 'fault'>): Promise<Target> {
  return new SimTarget({
    ...(options.ipBlockMatchesPodIps !== undefined ? { ipBlockMatchesPodIps: options.ipBlockMatchesPodIps } : {}),
    ...(options.fault !== undefined ? { fault: options.fault } : {}),
  });
}
