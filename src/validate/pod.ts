// The parts of a Pod this project reads, validated as upstream's validateContainers and
// validateContainerPorts (pkg/apis/core/validation/validation.go). `image` is not required: pods in
// a manifest describe topology, and every target runs its own server image.
import { PROTOCOLS, type Container, type ContainerPort, type PodSpecFields } from '../model/api.js';
import { child, duplicate, index, invalidEach, notSupported, required, type FieldError, type Findings } from './field-errors.js';
import { checkIp } from './ip.js';
import { isDns1123Label, isPortName, isPortNumber } from './names.js';

export interface DecodedPodParts {
  spec?: { containers?: Container[]; hostNetwork?: boolean; nodeName?: string };
  status?: { podIP?: string; hostIP?: string };
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
  return out;
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
