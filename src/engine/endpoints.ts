// The endpoints a compiled state judges: every pod, then every external host, each with its index
// into the match tables and its parsed addresses (a pod has one per family: dual-stack).
import { parseIp, type IpAddress, type IpFamily } from '../model/cidr.js';
import { InputError } from '../model/errors.js';
import { chooseFamily, endpointAddresses, podId, type ExternalHost, type PodSpec, type Topology } from '../model/topology.js';
import type { Flow } from '../model/verdicts.js';

export interface Endpoint {
  index: number;
  id: string;
  pod?: PodSpec;
  /** The primary address. */
  ip: IpAddress;
  /** Every address, by family. */
  addresses: Partial<Record<IpFamily, IpAddress>>;
  /** The families of its addresses, primary first. */
  families: IpFamily[];
}

function endpoint(index: number, id: string, spec: PodSpec | ExternalHost, pod: PodSpec | undefined): Endpoint {
  const parsed = endpointAddresses(spec).map((ip) => {
    const address = parseIp(ip);
    if (!address) throw new InputError(`endpoint ${id}: "${ip}" is not an IP address`);
    return address;
  });
  const primary = parsed[0] ?? { family: 4, value: 0n, leadingZeros: false, ipv4Mapped: false };
  const addresses: Partial<Record<IpFamily, IpAddress>> = {};
  for (const a of parsed) addresses[a.family] ??= a;
  return { index, id, ...(pod ? { pod } : {}), ip: primary, addresses, families: parsed.map((a) => a.family) };
}

export function endpointsOf(topology: Topology): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const pod of topology.pods) endpoints.push(endpoint(endpoints.length, podId(pod.namespace, pod.name), pod, pod));
  for (const ext of topology.externals) endpoints.push(endpoint(endpoints.length, ext.name, ext, undefined));
  return endpoints;
}

/**
 * The family a flow is judged in: the one it names, else as model/topology.ts flowFamily says.
 * Ends with no family in common cannot talk; the policies are then judged in the destination's.
 */
export function judgedFamily(flow: Flow, src: Endpoint, dst: Endpoint): IpFamily {
  return chooseFamily(src.families, dst.families, flow.family) ?? flow.family ?? dst.ip.family;
}
