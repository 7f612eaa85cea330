// The cluster state a self-contained target holds, as an API server would: the topology with the
// current labels, and the applied policies. Targets that enforce it themselves (sim, netns) share
// this bookkeeping and only differ in what they do with the result.
import { clusterPolicyId, isClusterPolicy, isClusterPolicyKind, type ClusterPolicy } from '../model/cluster-policy.js';
import { InputError } from '../model/errors.js';
import { podId, withNamespaceNameLabel, type PodSpec, type Topology } from '../model/topology.js';
import { podPorts } from '../model/build-topology.js';
import type { KubeObject, NetworkPolicy, ObjectRef } from '../model/api.js';

export interface StoreChanges {
  /** Pods that did not exist before (a Pod applied after the topology was built). */
  addedPods: PodSpec[];
  /** Ids of pods that are gone (deleted, or their namespace deleted). */
  removedPods: string[];
}

export class ObjectStore {
  private current: Topology = { namespaces: [], pods: [], externals: [] };
  private readonly policyMap = new Map<string, NetworkPolicy>();
  private readonly clusterPolicyMap = new Map<string, ClusterPolicy>();

  get topology(): Topology {
    return this.current;
  }

  get policies(): NetworkPolicy[] {
    return [...this.policyMap.values()];
  }

  /** ClusterNetworkPolicies, AdminNetworkPolicies and the BaselineAdminNetworkPolicy. */
  get clusterPolicies(): ClusterPolicy[] {
    return [...this.clusterPolicyMap.values()];
  }

  /** Exactly this topology, no policies. */
  reset(topology: Topology): void {
    this.current = structuredClone(topology);
    this.policyMap.clear();
    this.clusterPolicyMap.clear();
  }

  /** Create or update: policies by namespace/name; Namespaces and Pods update their labels. */
  apply(objects: readonly KubeObject[]): StoreChanges {
    const addedPods: PodSpec[] = [];
    for (const object of objects) {
      if (isClusterPolicy(object)) {
        this.clusterPolicyMap.set(clusterPolicyId(object), structuredClone(object));
        continue;
      }
      switch (object.kind) {
        case 'NetworkPolicy':
          this.policyMap.set(podId(object.metadata.namespace, object.metadata.name), structuredClone(object));
          break;
        case 'Namespace': {
          const name = object.metadata.name;
          const others = this.current.namespaces.filter((n) => n.name !== name);
          this.current.namespaces = [...others, { name, labels: withNamespaceNameLabel(name, object.metadata.labels) }];
          break;
        }
        case 'Pod': {
          const id = podId(object.metadata.namespace, object.metadata.name);
          const existing = this.current.pods.find((p) => podId(p.namespace, p.name) === id);
          if (existing) {
            existing.labels = { ...object.metadata.labels };
            break;
          }
          const ip = object.status?.podIP;
          if (ip === undefined) throw new InputError(`pod ${id} is not in the topology; a pod added later needs status.podIP`);
          const pod: PodSpec = { namespace: object.metadata.namespace, name: object.metadata.name, labels: { ...object.metadata.labels }, ip, ports: podPorts(object) };
          this.current.pods.push(pod);
          addedPods.push(pod);
          break;
        }
      }
    }
    return { addedPods, removedPods: [] };
  }

  /** Delete policies, pods, or namespaces with everything in them. */
  remove(refs: readonly ObjectRef[]): StoreChanges {
    const before = this.current.pods.map((p) => podId(p.namespace, p.name));
    for (const ref of refs) {
      const id = podId(ref.namespace ?? '', ref.name);
      if (isClusterPolicyKind(ref.kind)) {
        this.clusterPolicyMap.delete(clusterPolicyId({ kind: ref.kind, metadata: { name: ref.name } }));
        continue;
      }
      switch (ref.kind) {
        case 'NetworkPolicy':
          this.policyMap.delete(id);
          break;
        case 'Pod':
          this.current.pods = this.current.pods.filter((p) => podId(p.namespace, p.name) !== id);
          break;
        case 'Namespace':
          this.current.namespaces = this.current.namespaces.filter((n) => n.name !== ref.name);
          this.current.pods = this.current.pods.filter((p) => p.namespace !== ref.name);
          for (const [key, policy] of this.policyMap) if (policy.metadata.namespace === ref.name) this.policyMap.delete(key);
          break;
      }
    }
    const after = new Set(this.current.pods.map((p) => podId(p.namespace, p.name)));
    return { addedPods: [], removedPods: before.filter((id) => !after.has(id)) };
  }
}
