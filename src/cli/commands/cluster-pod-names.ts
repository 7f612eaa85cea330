// A workload's endpoint is named with its kind (`web[Deployment]`), which is no valid pod name on
// a real cluster. Before the cluster target builds a topology, such pods get a name the API
// accepts (`web-deployment`); observations are mapped back, so reports keep the endpoint's name.
import type { Topology } from '../../model/topology.js';
import type { ObservedFlow } from '../../report/matrix-output.js';

export interface Renamed {
  /** Whether any pod was renamed. */
  changed: boolean;
  topology: Topology;
  /** Topology and observations with the original names again. */
  back<T extends { built: Topology; observed: ObservedFlow[] }>(result: T): T;
  /** The original endpoint id of a renamed one (others unchanged). */
  original(id: string): string;
}

function clusterName(name: string): string {
  return name.replace(/\[([A-Za-z]+)\]$/, (_, kind: string) => `-${kind.toLowerCase()}`);
}

export function withClusterPodNames(topology: Topology): Renamed {
  const renames = new Map<string, string>(); // `ns/cluster-name` -> `ns/original`
  const pods = topology.pods.map((p) => {
    const name = clusterName(p.name);
    if (name === p.name) return p;
    renames.set(`${p.namespace}/${name}`, `${p.namespace}/${p.name}`);
    return { ...p, name };
  });
  const original = (id: string): string => renames.get(id) ?? id;
  return {
    changed: renames.size > 0,
    topology: { ...topology, pods },
    original,
    back: (result) => ({
      ...result,
      built: { ...result.built, pods: result.built.pods.map((p) => ((id) => (id === `${p.namespace}/${p.name}` ? p : { ...p, name: id.slice(p.namespace.length + 1) }))(original(`${p.namespace}/${p.name}`))) },
      observed: result.observed.map((o) => ({ ...o, flow: { ...o.flow, from: original(o.flow.from), to: original(o.flow.to) } })),
    }),
  };
}
