// `cluster up|down`: a kind cluster with a policy-enforcing CNI, ready when a deny-all canary
// blocks, with the agnhost image pre-loaded so scenarios never wait for a pull.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TargetError } from '../model/errors.js';
import { DEFAULT_AGNHOST_IMAGE } from '../targets/cluster/settings.js';
import { runCanary } from './canary.js';
import { cniPlan, type Cni } from './cnis.js';
import { kindConfig } from './kind-config.js';
import { requireDockerEngine, requireTools, type Runner } from './tools.js';

export interface ClusterUpOptions {
  cni: Cni;
  name: string;
  nodes: number;
  image?: string;
  cniVersion?: string;
  /** Skip the deny-all canary (not recommended: a CNI that fails open passes everything). */
  skipCanary?: boolean;
  canaryAttempts?: number;
  canaryPauseMs?: number;
}

export function kindContext(name: string): string {
  return `kind-${name}`;
}

/** Creates the cluster and returns its kubeconfig context. Deletes it again when a later step fails. */
export async function clusterUp(options: ClusterUpOptions, run: Runner, log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const context = kindContext(options.name);
  const plan = cniPlan(options.cni, context, options.cniVersion);
  requireTools(plan.tools, env);
  await requireDockerEngine(run);
  const image = options.image ?? DEFAULT_AGNHOST_IMAGE;
  const dir = mkdtempSync(join(tmpdir(), 'netpol-kind-'));
  let created = false;
  try {
    const config = join(dir, 'kind.yaml');
    writeFileSync(config, kindConfig({ nodes: options.nodes, disableDefaultCni: plan.disableDefaultCni }));
    log(`creating kind cluster ${options.name} (${options.nodes} node${options.nodes === 1 ? '' : 's'}, CNI ${options.cni}${plan.version ? ` ${plan.version}` : ''})`);
    await run('kind', ['create', 'cluster', '--name', options.name, '--config', config]);
    created = true;
    for (const step of plan.steps) {
      log(`installing: ${step.what}`);
      await runStep(run, step.file, step.args, step.input, step.retries ?? 1);
    }
    await run('kubectl', ['--context', context, 'wait', '--for=condition=Ready', 'nodes', '--all', '--timeout=300s']);
    log(`pre-loading ${image}`);
    await run('docker', ['pull', image]);
    await run('kind', ['load', 'docker-image', image, '--name', options.name]);
    if (options.skipCanary) log('canary skipped: enforcement NOT checked');
    else await runCanary(run, { context, image, attempts: options.canaryAttempts ?? 30, pauseMs: options.canaryPauseMs ?? 1000 }, log);
    return context;
  } catch (error) {
    if (created) {
      log(`deleting kind cluster ${options.name} after the failure`);
      await run('kind', ['delete', 'cluster', '--name', options.name], { check: false });
    }
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runStep(run: Runner, file: string, args: string[], input: string | undefined, tries: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run(file, args, input !== undefined ? { input } : {});
      return;
    } catch (error) {
      if (attempt >= tries || !(error instanceof TargetError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
  }
}

export async function clusterDown(name: string, run: Runner, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  requireTools(['docker', 'kind'], env);
  await run('kind', ['delete', 'cluster', '--name', name]);
}
