// The kind cluster configuration: kind's own pod subnet (10.244.0.0/16, so nothing overlaps the
// lessons' 192.168.0.0/16 addresses), the default CNI (kindnet) disabled when another is installed.
import { stringify } from 'yaml';

export const POD_SUBNET = '10.244.0.0/16';

export function kindConfig(options: { nodes: number; disableDefaultCni: boolean }): string {
  const nodes = [{ role: 'control-plane' }, ...Array.from({ length: Math.max(0, options.nodes - 1) }, () => ({ role: 'worker' }))];
  return stringify({
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    networking: { ...(options.disableDefaultCni ? { disableDefaultCNI: true } : {}), podSubnet: POD_SUBNET },
    nodes,
  });
}
