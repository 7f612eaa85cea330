// Readiness that matters: a CNI counts as ready only when a deny-all policy really blocks. kindnet
// fails open when its policy controller cannot start, and every CNI programs policies a moment
// after they are written, so "pods Running" proves nothing.
import { stringify } from 'yaml';
import { TargetError } from '../model/errors.js';
import type { Runner } from './tools.js';

export const CANARY_NAMESPACE = 'netpol-canary';
export const CANARY_POLICY = 'netpol-canary-deny';

export interface CanaryOptions {
  context: string;
  image: string;
  /** How many connect attempts (1 s apart at most) before giving up. */
  attempts: number;
  pauseMs: number;
}

const labels = { 'app.kubernetes.io/managed-by': 'netpol-conformance' };

function manifests(image: string): string {
  const pod = (name: string, args: string[]) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: CANARY_NAMESPACE, labels: { ...labels, app: name } },
    spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'agnhost', image, imagePullPolicy: 'IfNotPresent', args, env: [{ name: 'SERVE_PORT_80', value: 'canary' }] }] },
  });
  return [pod('server', ['porter']), pod('client', ['pause'])].map((m) => stringify(m)).join('---\n');
}

function denyAll(): string {
  return stringify({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: CANARY_POLICY, namespace: CANARY_NAMESPACE, labels },
    spec: { podSelector: { matchLabels: { app: 'server' } }, policyTypes: ['Ingress'] },
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function runCanary(run: Runner, options: CanaryOptions, log: (line: string) => void): Promise<void> {
  const kubectl = (...args: string[]): string[] => ['--context', options.context, ...args];
  const connect = async (ip: string): Promise<boolean> => {
    const r = await run('kubectl', kubectl('exec', '-n', CANARY_NAMESPACE, 'client', '--', '/agnhost', 'connect', `${ip}:80`, '--timeout=1s', '--protocol=tcp'), { check: false });
    return r.exitCode === 0;
  };
  const until = async (wanted: boolean, ip: string): Promise<boolean> => {
    for (let i = 0; i < options.attempts; i++) {
      if ((await connect(ip)) === wanted) return true;
      await sleep(options.pauseMs);
    }
    return false;
  };
  await run('kubectl', kubectl('delete', 'namespace', CANARY_NAMESPACE, '--ignore-not-found', '--wait=true'));
  try {
    await run('kubectl', kubectl('create', 'namespace', CANARY_NAMESPACE));
    await run('kubectl', kubectl('label', 'namespace', CANARY_NAMESPACE, 'app.kubernetes.io/managed-by=netpol-conformance'));
    await run('kubectl', kubectl('apply', '-f', '-'), { input: manifests(options.image) });
    await run('kubectl', kubectl('wait', '-n', CANARY_NAMESPACE, '--for=condition=Ready', 'pod', '--all', '--timeout=180s'));
    const ip = (await run('kubectl', kubectl('get', 'pod', 'server', '-n', CANARY_NAMESPACE, '-o', 'jsonpath={.status.podIP}'))).stdout.trim();
    if (ip === '') throw new TargetError('canary: the server pod has no IP address');
    log(`canary: client -> server (${ip}:80) without a policy`);
    if (!(await until(true, ip))) throw new TargetError(`canary: the client cannot reach the server at ${ip}:80 even without a policy; the pod network is not working`);
    await run('kubectl', kubectl('apply', '-f', '-'), { input: denyAll() });
    log('canary: the same connection under a deny-all ingress policy');
    if (!(await until(false, ip))) {
      throw new TargetError(`canary: a deny-all policy did not block traffic after ${options.attempts} attempts; this CNI does not enforce NetworkPolicy (kindnet fails open when its policy controller cannot start: kubectl logs -n kube-system daemonset/kindnet)`);
    }
  } finally {
    await run('kubectl', kubectl('delete', 'namespace', CANARY_NAMESPACE, '--ignore-not-found', '--wait=false'), { check: false });
  }
}
