// `cluster up|down`: a kind cluster with a NetworkPolicy-enforcing CNI for the cluster target.
import { Command, Option } from 'commander';
import { UsageError } from '../../model/errors.js';
import { CNIS, isCni } from '../../kind/cnis.js';
import type { CliContext } from '../context.js';

interface UpFlags {
  cni: string;
  name?: string;
  nodes: string;
  agnhostImage?: string;
  cniVersion?: string;
  skipCanary?: boolean;
  verbose?: boolean;
}

const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function checkName(name: string): string {
  if (!CLUSTER_NAME.test(name) || name.length > 40) throw new UsageError(`--name "${name}": use lowercase letters, digits and inner hyphens (at most 40)`);
  return name;
}

export function clusterCommand(ctx: CliContext): Command {
  const log = (line: string): void => ctx.io.err(`${line}\n`);
  const command = new Command('cluster').description('create or delete a kind cluster with a NetworkPolicy-enforcing CNI (needs docker, kind, kubectl; helm for cilium)');
  command
    .command('up')
    .description('create a kind cluster, install the CNI, pre-load agnhost, check that a deny-all policy blocks; prints the kubeconfig context')
    .addOption(new Option('--cni <name>', `the CNI: ${CNIS.join(', ')}`).makeOptionMandatory())
    .option('--name <name>', 'kind cluster name (default: netpol-<cni>)')
    .option('--nodes <n>', 'number of nodes (1 control plane + workers)', '2')
    .option('--agnhost-image <image>', 'agnhost image to pre-load')
    .option('--cni-version <version>', 'CNI release to install instead of the pinned one')
    .option('--skip-canary', 'do not check that a deny-all policy blocks (not recommended)')
    .option('-v, --verbose', 'print every command')
    .action(async (flags: UpFlags) => {
      if (!isCni(flags.cni)) throw new UsageError(`--cni "${flags.cni}": choose one of ${CNIS.join(', ')}`);
      const nodes = Number(flags.nodes);
      if (!Number.isInteger(nodes) || nodes < 1 || nodes > 10) throw new UsageError(`--nodes "${flags.nodes}": give a whole number from 1 to 10`);
      const name = checkName(flags.name ?? `netpol-${flags.cni}`);
      // kind, kubectl and helm are driven through execa, loaded only when a cluster is made or deleted.
      const { clusterUp } = await import('../../kind/provision.js');
      const { createRunner } = await import('../../kind/tools.js');
      const run = createRunner(process.env, flags.verbose ? log : undefined);
      const context = await clusterUp(
        {
          cni: flags.cni,
          name,
          nodes,
          ...(flags.agnhostImage !== undefined ? { image: flags.agnhostImage } : {}),
          ...(flags.cniVersion !== undefined ? { cniVersion: flags.cniVersion } : {}),
          ...(flags.skipCanary ? { skipCanary: true } : {}),
        },
        run,
        log,
      );
      log(`ready: run the suite with --target cluster:${context}`);
      ctx.io.out(`${context}\n`);
    });
  command
    .command('down')
    .description('delete a kind cluster')
    .requiredOption('--name <name>', 'kind cluster name')
    .option('-v, --verbose', 'print every command')
    .action(async (flags: { name: string; verbose?: boolean }) => {
      const { clusterDown } = await import('../../kind/provision.js');
      const { createRunner } = await import('../../kind/tools.js');
      await clusterDown(checkName(flags.name), createRunner(process.env, flags.verbose ? log : undefined));
      log(`deleted kind cluster ${flags.name}`);
    });
  return command;
}
