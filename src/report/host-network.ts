// What a reader must know when a flow starts or ends at a hostNetwork pod: policies never select it
// and it is seen as its node's address. Added to explanations (explain, the matrix page).
import type { Flow } from '../model/verdicts.js';
import type { Topology } from '../model/topology.js';

export function hostNetworkNotes(topology: Topology, flow: Pick<Flow, 'from' | 'to'>): string[] {
  const notes: string[] = [];
  for (const id of [flow.from, flow.to]) {
    const pod = topology.pods.find((p) => `${p.namespace}/${p.name}` === id);
    if (!pod?.hostNetwork) continue;
    const sharing = topology.pods.filter((p) => p !== pod && p.hostNetwork && p.ip === pod.ip).map((p) => `${p.namespace}/${p.name}`);
    notes.push(
      `Note: ${id} runs in its node's network (hostNetwork). No NetworkPolicy selects it, neither by its podSelector nor as a peer by podSelector or namespaceSelector; its traffic is judged as traffic of its node's address ${pod.ip}, which only ipBlock peers match.` +
        (sharing.length > 0 ? ` It shares that address with ${sharing.join(', ')}.` : '') +
        ' How plugins treat hostNetwork pods is implementation-defined; this is what most do.',
    );
  }
  return notes;
}
