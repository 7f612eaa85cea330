// Port matching. A rule's port entry matches a flow when the protocol matches (absent means TCP)
// and the port does: absent port = every port; numeric port with optional inclusive endPort; a
// named port resolved on the *destination* pod's container ports (name and protocol).
import type { NetworkPolicyPort, Protocol } from '../model/api.js';
import type { PodSpec } from '../model/topology.js';
import type { EngineFault } from './options.js';

export type CompiledPort =
  | { kind: 'any'; protocol: Protocol | undefined }
  | { kind: 'range'; protocol: Protocol | undefined; from: number; to: number }
  | { kind: 'named'; protocol: Protocol | undefined; name: string };

export function compilePort(port: NetworkPolicyPort): CompiledPort {
  const protocol = port.protocol;
  if (port.port === undefined) return { kind: 'any', protocol };
  // A string in the IntOrString is a port name, as the API reads it (`"80"` is a name, one the
  // validator rejects for lacking a letter), and as the netns target compiles it.
  if (typeof port.port === 'string') return { kind: 'named', protocol, name: port.port };
  return { kind: 'range', protocol, from: port.port, to: port.endPort ?? port.port };
}

function protocolMatches(port: CompiledPort, protocol: Protocol, fault: EngineFault | undefined): boolean {
  if (port.protocol === undefined) return fault === 'protocol-any' || protocol === 'TCP';
  return port.protocol === protocol;
}

/**
 * `namedPortPod` is the pod whose container ports resolve named ports: the destination of the flow
 * (undefined when the destination is an external host, which a named port can never match).
 */
export function portMatches(
  port: CompiledPort,
  flowPort: number,
  protocol: Protocol,
  namedPortPod: PodSpec | undefined,
  fault: EngineFault | undefined,
): boolean {
  if (!protocolMatches(port, protocol, fault)) return false;
  switch (port.kind) {
    case 'any':
      return true;
    case 'range':
      return flowPort >= port.from && flowPort <= port.to;
    case 'named':
      return (
        namedPortPod !== undefined &&
        namedPortPod.ports.some((p) => p.name === port.name && p.protocol === (port.protocol ?? 'TCP') && p.port === flowPort)
      );
  }
}

export function describePort(port: NetworkPolicyPort | undefined): string {
  if (port === undefined) return 'any port';
  const protocol = port.protocol ?? 'TCP';
  if (port.port === undefined) return `any ${protocol} port`;
  if (port.endPort !== undefined) return `${port.port}-${port.endPort}/${protocol}`;
  return typeof port.port === 'string' ? `named port "${port.port}"/${protocol}` : `${port.port}/${protocol}`;
}
