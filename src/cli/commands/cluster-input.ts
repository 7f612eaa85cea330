// Reads what matrix and explain work on: manifests (-f), the external hosts (--external NAME=IP)
// and ports (--port 80/TCP), into a topology plus its policies.
import { UsageError } from '../../model/errors.js';
import { loadManifests } from '../../validate/loader.js';
import { buildTopology } from '../../model/build-topology.js';
import type { ExternalHost, PortSpec, Topology } from '../../model/topology.js';
import { policyKey, type NetworkPolicy } from '../../model/api.js';
import { parsePort } from '../../model/notation.js';

export interface ClusterInput {
  topology: Topology;
  policies: NetworkPolicy[];
}

export function parseExternal(text: string, ports: readonly PortSpec[]): ExternalHost {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--external "${text}": write NAME=IP, e.g. backup=192.168.5.10`);
  const name = text.slice(0, eq);
  if (name.includes('/')) throw new UsageError(`--external "${text}": an external host's name has no "/"`);
  return { name, ip: text.slice(eq + 1), ports: [...ports] };
}

export function parsePortFlag(text: string): PortSpec {
  try {
    return parsePort(text, '--port', 'TCP');
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function readClusterInput(files: readonly string[], externals: readonly string[], ports: readonly PortSpec[]): ClusterInput {
  if (files.length === 0) throw new UsageError('give at least one manifest file or folder with -f');
  const objects = loadManifests(files).map((l) => l.object);
  const topology = buildTopology(objects, externals.map((e) => parseExternal(e, ports)));
  // Policies with the same namespace/name replace each other in file order, as `kubectl apply` would.
  const policies = new Map<string, NetworkPolicy>();
  for (const o of objects) if (o.kind === 'NetworkPolicy') policies.set(policyKey(o), o);
  return { topology, policies: [...policies.values()] };
}
