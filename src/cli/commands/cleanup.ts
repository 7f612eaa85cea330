// `cleanup --target cluster`: deletes the namespaces and cluster-scoped policies crashed runs left
// behind. Only objects labelled as owned by netpol-conformance (with a run id) are candidates, and
// only those older than --older-than, because a younger one may belong to a run still going
// (unless --run names it).
import { Command, Option } from 'commander';
import { UsageError } from '../../model/errors.js';
import type { CliContext } from '../context.js';
import { targetSpecFrom } from './target-flags.js';

interface CleanupFlags {
  target: string;
  context?: string;
  kubeconfig?: string;
  olderThan: string;
  run?: string;
  dryRun?: boolean;
}

/** `90s`, `30m`, `2h`, `1d`, or plain seconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new UsageError(`--older-than "${text}": write a duration such as 90s, 30m, 2h or 1d`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}

/** The netns sandboxes kept with --keep: each one's processes, and with them its namespaces, go. */
async function cleanupKeptSandboxes(ctx: CliContext, flags: CleanupFlags): Promise<void> {
  const { removeKept } = await import('../../targets/netns/kept.js');
  const { removed, gone } = removeKept({ ...(flags.run !== undefined ? { runId: flags.run } : {}), ...(flags.dryRun ? { dryRun: true } : {}) });
  const verb = flags.dryRun ? 'would remove' : 'removed';
  for (const k of removed) ctx.io.out(`${verb} the kept netns sandbox of run ${k.runId} (PID ${k.initPid}, kept since ${k.created})\n`);
  for (const k of gone) ctx.io.out(`${flags.dryRun ? 'would forget' : 'forgot'} the record of run ${k.runId}: its sandbox is gone already\n`);
  if (removed.length + gone.length === 0) ctx.io.out(flags.run !== undefined ? `no kept netns sandbox of run ${flags.run}\n` : 'no kept netns sandbox\n');
}

export function cleanupCommand(ctx: CliContext): Command {
  return new Command('cleanup')
    .description('delete what crashed runs left on a cluster (namespaces and cluster-scoped policies owned by netpol-conformance only), or the netns sandboxes runs kept (--keep)')
    .addOption(new Option('--target <name>', 'cluster, cluster:CONTEXT, or netns (the sandboxes kept with --keep)').default('cluster'))
    .option('--context <name>', 'kubeconfig context (default: the current context)')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--older-than <duration>', 'only namespaces created longer ago than this', '1h')
    .option('--run <id>', "only this run's namespaces (whatever their age), or its kept netns sandbox")
    .option('--dry-run', 'list what would be deleted, delete nothing')
    .action(async (flags: CleanupFlags) => {
      const spec = targetSpecFrom(flags);
      if (spec.name === 'netns') return cleanupKeptSandboxes(ctx, flags);
      if (spec.name !== 'cluster') throw new UsageError(`cleanup works on the cluster and netns targets (the ${spec.name} target leaves nothing behind)`);
      // The Kubernetes client is loaded only when a cluster is cleaned up.
      const { cleanupOwnedClusterPolicies, cleanupOwnedNamespaces } = await import('../../targets/cluster/cleanup.js');
      const options = {        olderThanMs: parseDuration(flags.olderThan),
        ...(spec.options.context !== undefined ? { context: spec.options.context } : {}),
        ...(spec.options.kubeconfig !== undefined ? { kubeconfig: spec.options.kubeconfig } : {}),
        ...(flags.run !== undefined ? { runId: flags.run } : {}),
        ...(flags.dryRun ? { dryRun: true } : {}),
      };
      // Cluster-scoped policies first: they may select pods of the namespaces about to go.
      const policies = await cleanupOwnedClusterPolicies(options);
      const report = await cleanupOwnedNamespaces(options);
      const verb = flags.dryRun ? 'would delete' : 'deleted';
      for (const name of policies.deleted) ctx.io.out(`${verb} ${name}\n`);
      for (const kept of policies.kept) ctx.io.out(`kept ${kept.name}: ${kept.reason}\n`);
      for (const name of report.deleted) ctx.io.out(`${verb} namespace ${name}\n`);
      for (const kept of report.kept) ctx.io.out(`kept namespace ${kept.name}: ${kept.reason}\n`);
      if (policies.deleted.length > 0) ctx.io.out(`${verb} ${policies.deleted.length} cluster-scoped polic${policies.deleted.length === 1 ? 'y' : 'ies'}\n`);
      ctx.io.out(`${verb} ${report.deleted.length} namespace${report.deleted.length === 1 ? '' : 's'} on context ${report.context}${report.kept.length > 0 ? `; kept ${report.kept.length}` : ''}\n`);
    });
}
