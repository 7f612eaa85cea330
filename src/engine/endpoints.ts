// The endpoints a compiled state judges: every pod, then every external host, each with its index
// into the match tables and its parsed address.
import { parseIp, type IpAddress } from '../model/cidr.js';
import { InputError } from '../model/errors.js';
import { podId, type PodSpec, type Topology } from '../model/topology.js';

export interface Endpoint {
  index: number;
  id: string;
  pod?: PodSpec;
  ip: IpAddress;
}

export function endpointsOf(topology: Topology): Endpoint[] {
  const endpoints: Endpoint[] = [];
  const address = (id: string, ip: string): IpAddress => {
    const parsed = parseIp(ip);
    if (!parsed) throw new InputError(`endpoint ${id}: "${ip}" is not an IP address`);
    return parsed;
  };
  for (const pod of topology.pods) {
    const id = podId(pod.namespace, pod.name);
    endpoints.push({ index: endpoints.length, id, pod, ip: address(id, pod.ip) });
  }
  for (const ext of topology.externals) endpoints.push({ index: endpoints.length, id: ext.name, ip: address(ext.name, ext.ip) });
  return endpoints;
}
