// The parts of a Pod this project reads, validated as upstream's validateContainers and
// validateContainerPorts (pkg/apis/core/validation/validation.go). `image` is not required: pods in
// a manifest describe topology, and every target runs its own server image.
import { PROTOCOLS, type Container, type ContainerPort, type PodSpecFields } from '../model/api.js';
import { parseIp } from '../model/cidr.js';
import { child, duplicate, index, invalid, invalidEach, notSupported, required, type FieldError, type Findings } from './field-errors.js';
import { checkIp } from './ip.js';
import { isDns1123Label, isPortName, isPortNumber } from './names.js';

export interface DecodedPodParts {
  spec?: { containers?: Container[]; hostNetwork?: boolean; nodeName?: string };
  status?: { podIP?: string; podIPs?: { ip?: string }[]; hostIP?: string };
}

/** The parts of a pod's spec the analysis reads. */
export function podSpecFields(spec: DecodedPodParts['spec']): PodSpecFields {
  return { containers: spec?.containers ?? [], ...(spec?.hostNetwork ? { hostNetwork: true } : {}), ...(spec?.nodeName ? { nodeName: spec.nodeName } : {}) };
}

export function validatePodParts(pod: DecodedPodParts, strictIp: boolean): Findings {
  const out: Findings = { errors: [], warnings: [] };
  const containers = pod.spec?.containers ?? [];
  const path = 'spec.containers';
  if (containers.length === 0) out.errors.push(required(path));
  const names = new Set<string>();
  containers.forEach((container, i) => {
    const namePath = child(index(path, i), 'name');
    const name = container.name ?? '';
    if (name === '') out.errors.push(required(namePath));
    else if (names.has(name)) out.errors.push(duplicate(namePath, name));
    else out.errors.push(...invalidEach(namePath, name, isDns1123Label(name)));
    names.add(name);
    out.errors.push(...validateContainerPorts(container.ports ?? [], child(index(path, i), 'ports')));
  });
  for (const field of ['podIP', 'hostIP'] as const) {
    const ip = pod.status?.[field];
    if (ip === undefined || ip === '') continue;
    const checked = checkIp(`status.${field}`, ip, strictIp);
    out.errors.push(...checked.errors);
    out.warnings.push(...checked.warnings);
  }
  out.errors.push(...validatePodIps(pod.status ?? {}, strictIp));
  return out;
}

/** status.podIPs as upstream's validatePodIPsHostIPs: valid addresses, the first equal to podIP, at most one per family. */
function validatePodIps(status: NonNullable<DecodedPodParts['status']>, strictIp: boolean): FieldError[] {
  const ips = status.podIPs ?? [];
  const errors: FieldError[] = [];
  const families = new Set<number>();
  ips.forEach((entry, i) => {
    const field = child(index('status.podIPs', i), 'ip');
    const checked = checkIp(field, entry.ip ?? '', strictIp);
    errors.push(...checked.errors);
    const family = parseIp(entry.ip ?? '')?.family;
    if (family !== undefined && families.has(family)) errors.push(invalid('status.podIPs', ips.map((e) => e.ip), 'may specify no more than one IP for each IP family'));
    if (family !== undefined) families.add(family);
  });
  const first = ips[0]?.ip;
  if (first !== undefined && status.podIP !== undefined && status.podIP !== '' && first !== status.podIP) {
    errors.push(invalid('status.podIPs[0].ip', first, 'must match status.podIP'));
  }
  return errors;
}

function validateContainerPorts(ports: readonly ContainerPort[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const portPath = index(path, i);
    if (port.name !== undefined && port.name !== '') {
      const nameErrors = isPortName(port.name);
      if (nameErrors.length > 0) errors.push(...invalidEach(child(portPath, 'name'), port.name, nameErrors));
      else if (names.has(port.name)) errors.push(duplicate(child(portPath, 'name'), port.name));
      else names.add(port.name);
    }
    if (port.containerPort === undefined || port.containerPort === 0) errors.push(required(child(portPath, 'containerPort')));
    else errors.push(...invalidEach(child(portPath, 'containerPort'), port.containerPort, isPortNumber(port.containerPort)));
    const protocol: string | undefined = port.protocol;
    if (protocol !== undefined && !(PROTOCOLS as readonly string[]).includes(protocol)) {
      errors.push(notSupported(child(portPath, 'protocol'), protocol, PROTOCOLS));
    }
  });
  return errors;
}
