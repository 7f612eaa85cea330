// How each CNI is installed on kind, the way its project documents it, as data: the commands to
// run and the ones to retry until the CNI is up. Versions are pinned to releases known to install
// this way; --cni-version overrides them.
import { stringify } from 'yaml';
import { crdFiles } from '../validate/crd/crd-files.js';
import { POD_SUBNET } from './kind-config.js';
import type { Tool } from './tools.js';

export const CNIS = ['calico', 'cilium', 'antrea', 'kube-router', 'kindnet'] as const;
export type Cni = (typeof CNIS)[number];

export function isCni(name: string): name is Cni {
  return (CNIS as readonly string[]).includes(name);
}

export interface Step {
  what: string;
  file: Tool;
  args: string[];
  input?: string;
  /** Retry until it succeeds (resources that an operator creates later), at most this many times. */
  retries?: number;
}

export interface CniPlan {
  cni: Cni;
  version: string | undefined;
  tools: Tool[];
  /** kind's own CNI stays only for kindnet. */
  disableDefaultCni: boolean;
  steps: Step[];
}

export const DEFAULT_VERSIONS: Record<Cni, string | undefined> = {
  calico: 'v3.33.1',
  // No pin: the notes could not confirm the newest Cilium release; helm installs the chart's latest.
  cilium: undefined,
  antrea: 'v2.7.0',
  'kube-router': 'v2.11.1',
  kindnet: undefined,
};

const ROLLOUT_WAIT = '--timeout=300s';

/**
 * Which version of the Network Policy API's cluster-scoped resources each CNI implements as
 * `cluster up` installs it (docs/cluster.md): for those, the CRDs (crds/network-policy-api,
 * standard channel) are installed before the CNI's controllers start, so they find them.
 */
export const POLICY_API_SUPPORT: Record<Cni, { versions: ('v1alpha2' | 'v1alpha1')[]; note: string }> = {
  calico: { versions: ['v1alpha2'], note: 'ClusterNetworkPolicy since v3.32 (Calico tiers kube-admin and kube-baseline)' },
  cilium: { versions: [], note: 'implements neither version' },
  antrea: { versions: [], note: 'AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1) behind its alpha AdminNetworkPolicy feature gate, which cluster up does not turn on' },
  'kube-router': { versions: [], note: 'implements neither version' },
  kindnet: { versions: [], note: 'implements neither version as kind configures it' },
};

/** `kubectl apply --server-side` of the CRDs of the versions the CNI implements (none: no step). */
function policyApiCrdSteps(cni: Cni, kubectl: (...args: string[]) => string[]): Step[] {
  const versions = POLICY_API_SUPPORT[cni].versions;
  const files = crdFiles('standard').filter((file) => versions.some((v) => file.includes(`/${v}/`)));
  if (files.length === 0) return [];
  // Server-side: the CRDs are too large for client-side apply's annotation.
  return [{ what: `Network Policy API CRDs (${versions.join(', ')})`, file: 'kubectl', args: kubectl('apply', '--server-side', '--force-conflicts', ...files.flatMap((f) => ['-f', f])) }];
}

/** Calico's custom-resources.yaml with the pool moved to kind's pod subnet (the default is 192.168.0.0/16). */
export function calicoResources(): string {
  const installation = {
    apiVersion: 'operator.tigera.io/v1',
    kind: 'Installation',
    metadata: { name: 'default' },
    spec: { calicoNetwork: { ipPools: [{ name: 'default-ipv4-ippool', blockSize: 26, cidr: POD_SUBNET, encapsulation: 'VXLANCrossSubnet', natOutgoing: 'Enabled', nodeSelector: 'all()' }] } },
  };
  const apiServer = { apiVersion: 'operator.tigera.io/v1', kind: 'APIServer', metadata: { name: 'default' }, spec: {} };
  return `${stringify(installation)}---\n${stringify(apiServer)}`;
}

export function cniPlan(cni: Cni, context: string, versionOverride?: string): CniPlan {
  const version = versionOverride ?? DEFAULT_VERSIONS[cni];
  const kubectl = (...args: string[]): string[] => ['--context', context, ...args];
  const base = { cni, version, tools: ['docker', 'kind', 'kubectl'] as Tool[], disableDefaultCni: cni !== 'kindnet' };
  switch (cni) {
    case 'calico': {
      const url = (file: string): string => `https://raw.githubusercontent.com/projectcalico/calico/${version}/manifests/${file}`;
      return {
        ...base,
        steps: [
          // `create`, not `apply`: the CRD bundle is too large for apply's annotation (Calico's kind guide).
          { what: 'Calico CRDs', file: 'kubectl', args: kubectl('create', '-f', url('operator-crds.yaml')) },
          // After Calico's own CRDs (which may include these: server-side apply then adopts them).
          ...policyApiCrdSteps(cni, kubectl),
          { what: 'Tigera operator', file: 'kubectl', args: kubectl('create', '-f', url('tigera-operator.yaml')) },
          { what: 'Calico installation (pool 10.244.0.0/16)', file: 'kubectl', args: kubectl('create', '-f', '-'), input: calicoResources() },
          { what: 'calico-node running', file: 'kubectl', args: kubectl('rollout', 'status', '-n', 'calico-system', 'daemonset/calico-node', ROLLOUT_WAIT), retries: 30 },
        ],
      };
    }
    case 'cilium':
      return {
        ...base,
        tools: [...base.tools, 'helm'],
        steps: [
          { what: 'Cilium chart repository', file: 'helm', args: ['repo', 'add', 'cilium', 'https://helm.cilium.io/', '--force-update'] },
          {
            what: 'Cilium',
            file: 'helm',
            args: ['install', 'cilium', 'cilium/cilium', ...(version ? ['--version', version] : []), '--kube-context', context, '--namespace', 'kube-system', '--set', 'image.pullPolicy=IfNotPresent', '--set', 'ipam.mode=kubernetes'],
          },
          { what: 'cilium agents running', file: 'kubectl', args: kubectl('rollout', 'status', '-n', 'kube-system', 'daemonset/cilium', ROLLOUT_WAIT), retries: 10 },
        ],
      };
    case 'antrea':
      return {
        ...base,
        steps: [
          { what: 'Antrea', file: 'kubectl', args: kubectl('apply', '-f', `https://github.com/antrea-io/antrea/releases/download/${version}/antrea.yml`) },
          { what: 'antrea-agent running', file: 'kubectl', args: kubectl('rollout', 'status', '-n', 'kube-system', 'daemonset/antrea-agent', ROLLOUT_WAIT), retries: 10 },
          { what: 'antrea-controller running', file: 'kubectl', args: kubectl('rollout', 'status', '-n', 'kube-system', 'deployment/antrea-controller', ROLLOUT_WAIT), retries: 10 },
        ],
      };
    case 'kube-router':
      return {
        ...base,
        steps: [
          // Router and firewall only; kind's kube-proxy keeps serving Services (kube-router's generic manifest).
          { what: 'kube-router', file: 'kubectl', args: kubectl('apply', '-f', `https://raw.githubusercontent.com/cloudnativelabs/kube-router/${version}/daemonset/generic-kuberouter.yaml`) },
          { what: 'kube-router running', file: 'kubectl', args: kubectl('rollout', 'status', '-n', 'kube-system', 'daemonset/kube-router', ROLLOUT_WAIT), retries: 10 },
        ],
      };
    case 'kindnet':
      // kindnet enforces NetworkPolicy since kind v0.24.0, but fails open: the canary decides.
      return { ...base, steps: [] };
  }
}
