// Writes a bench state as manifest files, so the same state can be read by the CLI (one List JSON
// file: the `explain` / `matrix` start-up benchmark) and by other tools (one object per YAML file).
// Pod addresses are written to status.podIP, so every reader sees the addresses the engine uses.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NAMESPACE_NAME_LABEL, type ClusterPolicy, type KubeObject, type NetworkPolicy, type Pod, type Topology } from '../src/index.js';

export interface BenchState {
  topology: Topology;
  policies: readonly NetworkPolicy[];
  clusterPolicies?: readonly ClusterPolicy[];
}

/** Namespaces, pods (with their addresses) and policies of a state, as API objects. */
export function stateObjects(state: BenchState): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const ns of state.topology.namespaces) {
    const labels = Object.fromEntries(Object.entries(ns.labels).filter(([k]) => k !== NAMESPACE_NAME_LABEL));
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns.name, ...(Object.keys(labels).length > 0 ? { labels } : {}) } });
  }
  for (const p of state.topology.pods) {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace: p.namespace, name: p.name, labels: { ...p.labels } },
      spec: {
        containers: [
          {
            name: 'main',
            image: 'registry.k8s.io/pause:3.10',
            ports: p.ports.map((port) => ({ containerPort: port.port, protocol: port.protocol, ...(port.name !== undefined ? { name: port.name } : {}) })),
          },
        ],
      },
      status: { podIP: p.ip },
    };
    objects.push(pod);
  }
  objects.push(...state.policies, ...(state.clusterPolicies ?? []));
  return objects;
}

/** One `kind: List` JSON file holding every object of the state. */
export function writeListFile(state: BenchState, file: string): void {
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: stateObjects(state) }));
}

/** One file per object kind in `dir`: JSON, named .yaml so that every directory reader takes it. */
export function writeManifestDir(state: BenchState, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const objects = stateObjects(state);
  const files = { Namespace: 'namespaces.yaml', Pod: 'pods.yaml', NetworkPolicy: 'networkpolicies.yaml' } as const;
  for (const [kind, name] of Object.entries(files)) {
    const items = objects.filter((o) => o.kind === kind);
    writeFileSync(join(dir, name), JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  }
}
