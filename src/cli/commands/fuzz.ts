// `fuzz`: random states applied to a target, every flow probed and compared with the engine; each
// disagreement shrunk on the target to a minimal state and written as a feature (with manifests)
// that reproduces it there and passes on sim. Exit 0 when nothing disagrees, 1 otherwise.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Command } from 'commander';
import type { EngineOptions } from '../../engine/index.js';
import { CLUSTER_POLICY_KINDS, type ClusterPolicyKind } from '../../model/cluster-policy.js';
import { UsageError } from '../../model/errors.js';
import { formatPort, parsePorts } from '../../model/notation.js';
import type { PortSpec } from '../../model/topology.js';
import { targetLabel, type TargetSpec } from '../../targets/spec.js';
import type { Target } from '../../targets/target.js';
import { EXIT, processIo, type CliContext } from '../context.js';
import { addTargetFlags, targetSpecFrom, type TargetFlags } from './target-flags.js';

interface FuzzFlags extends TargetFlags {
  cases: string;
  seed: string;
  ports: string;
  out: string;
  stopAfter?: string;
  maxShrinks?: string;
  maxShrinkChecks: string;
  /** false with --no-tiers. */
  tiers: boolean;
}

function count(text: string, flag: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag}: "${text}" is not a whole number >= ${min}`);
  return n;
}

function ports(text: string): PortSpec[] {
  try {
    const list = parsePorts(text.replaceAll(',', ', '), '--ports');
    if (list.length === 0) throw new UsageError('--ports: name at least one port, e.g. 80/TCP');
    return list;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The `run` flags that recreate this target (for the reproduction's header). */
function runFlags(spec: TargetSpec): string {
  const flags = [`--target ${targetLabel(spec)}`];
  if (spec.name !== 'cluster' && spec.options.ipBlockMatchesPodIps === false) flags.push('--no-ipblock-pod-ips');
  if (spec.name === 'netns' && spec.options.denyAction === 'drop') flags.push('--drop');
  if (spec.name === 'netns' && spec.options.fault !== undefined) flags.push(`--fault ${spec.options.fault}`);
  return flags.join(' ');
}

/** Ports, external hosts and cluster-scoped kinds the target can really do; a note for each one left out. */
function probeable(target: Target, wanted: readonly PortSpec[], tiers: boolean): { ports: PortSpec[]; externals: boolean; ipv6: boolean; kinds: ClusterPolicyKind[]; notes: string[] } {
  const notes: string[] = [];
  const ports = wanted.filter((p) => {
    const reason = p.protocol === 'UDP' ? target.lacking.get('udp') : p.protocol === 'SCTP' ? target.lacking.get('sctp') : undefined;
    if (reason !== undefined) notes.push(`not probing ${formatPort(p)}: ${reason}`);
    return reason === undefined;
  });
  const externalReason = target.lacking.get('external');
  if (externalReason !== undefined) notes.push(`no external hosts: ${externalReason}`);
  const kinds = CLUSTER_POLICY_KINDS.filter((kind) => {
    const reason = target.lacking.get(kind === 'ClusterNetworkPolicy' ? 'cnp' : 'anp');
    if (tiers && reason !== undefined) notes.push(`no ${kind}: ${reason}`);
    return tiers && reason === undefined;
  });
  return { ports, externals: externalReason === undefined, ipv6: !target.lacking.has('ipv6'), kinds, notes };
}

export function fuzzCommand(ctx: CliContext): Command {
  const command = new Command('fuzz')
    .description('apply random states to a target, probe every flow, compare with the engine; shrink each disagreement to a minimal feature')
    .option('--cases <n>', 'random states to try', '100')
    .option('--seed <n>', 'seed of the run (the same seed gives the same cases)', '1')
    .option('--ports <list>', 'ports every pod serves and every case probes', '80/TCP,81/TCP,80/UDP')
    .option('--out <dir>', 'where reproductions go: <dir>/fuzz-<seed>-<case>.feature and .yaml', 'fuzz-findings')
    .option('--stop-after <n>', 'stop after this many disagreeing cases')
    .option('--max-shrinks <n>', 'shrink at most this many disagreeing cases (default: every one)')
    .option('--max-shrink-checks <n>', 'states one shrink may apply and probe', '300')
    .option('--no-tiers', 'no cluster-scoped policies (default: every other case draws some, where the target serves them)');
  addTargetFlags(command).action(async (flags: FuzzFlags) => {
    const spec = targetSpecFrom(flags);
    const options = {
      cases: count(flags.cases, '--cases', 1),
      seed: count(flags.seed, '--seed', 0),
      ports: ports(flags.ports),
      stopAfter: flags.stopAfter === undefined ? undefined : count(flags.stopAfter, '--stop-after', 1),
      maxShrinks: flags.maxShrinks === undefined ? Infinity : count(flags.maxShrinks, '--max-shrinks', 0),
      maxShrinkChecks: count(flags.maxShrinkChecks, '--max-shrink-checks', 1),
    };
    // The fuzzer, the engine and the target are loaded only when the command runs.
    const [{ createTarget }, { fuzz, differentialShape }, { reproFeature, reproManifests }, { formatFuzzSummary, formatProgress }] = await Promise.all([
      import('../../targets/index.js'),
      import('../../generate/fuzz.js'),
      import('../../report/repro-feature.js'),
      import('../../report/fuzz-progress.js'),
    ]);
    const target = await createTarget(spec);
    try {
      const { ports: probed, externals, ipv6, kinds, notes } = probeable(target, options.ports, flags.tiers);
      if (probed.length === 0) throw new UsageError(`the ${target.name} target can probe none of --ports ${flags.ports}`);
      for (const note of notes) ctx.io.err(`fuzz: ${note}\n`);
      const engine: EngineOptions = spec.name !== 'cluster' && spec.options.ipBlockMatchesPodIps === false ? { ipBlockMatchesPodIps: false } : {};
      const out = resolve(flags.out);
      const label = runFlags(spec).replace(/^--target /, '');
      const line = `netpol-conformance fuzz ${runFlags(spec)} --cases ${options.cases} --seed ${options.seed} --ports ${probed.map(formatPort).join(',')}${flags.tiers ? '' : ' --no-tiers'}`;
      const live = ctx.io === processIo && process.stderr.isTTY === true;
      let shrinks = 0;
      const summary = await fuzz(target, {
        seed: options.seed,
        cases: options.cases,
        // Where the target carries IPv6, both families: IPv6 hosts and pods, pod pairs in both.
        shape: differentialShape(probed, externals, ipv6),
        otherFamily: ipv6,
        // A cluster keeps one set of namespaces and pods for the whole run; only policies change.
        perTopology: spec.name === 'cluster' ? Infinity : 10,
        engine,
        tiers: kinds,
        maxShrinkChecks: options.maxShrinkChecks,
        maxShrinks: options.maxShrinks,
        ...(options.stopAfter !== undefined ? { stopAfter: options.stopAfter } : {}),
        onProgress: (p) => {
          // On a terminal one line is rewritten in place; in a log, a line every 10 cases and one per finding.
          const lasting = p.event === 'disagreement' || p.event === 'shrunk';
          if (live) ctx.io.err(`\r\x1b[K${formatProgress(p)}${lasting ? '\n' : ''}`);
          else if (lasting || (p.event === 'case' && (p.casesDone % 10 === 0 || p.casesDone === p.cases))) ctx.io.err(`${formatProgress(p)}\n`);
        },
        onFinding: (finding) => {
          mkdirSync(out, { recursive: true });
          const base = `fuzz-${finding.id}`;
          const featureFile = join(out, `${base}.feature`);
          const manifestsFile = join(out, `${base}.yaml`);
          const shown = (file: string): string => relative(process.cwd(), file) || file;
          writeFileSync(manifestsFile, reproManifests(finding));
          writeFileSync(
            featureFile,
            reproFeature(finding, {
              target: label,
              command: line,
              featureFile: shown(featureFile),
              manifestsFile: shown(manifestsFile),
              runFlags: runFlags(spec),
              simFlags: engine.ipBlockMatchesPodIps === false ? '--target sim --no-ipblock-pod-ips' : '--target sim',
              engine,
            }),
          );
          shrinks++;
          ctx.io.err(`${live ? '\r\x1b[K' : ''}fuzz: wrote ${shown(featureFile)} and ${shown(manifestsFile)}\n`);
        },
      });
      if (live) ctx.io.err('\r\x1b[K');
      ctx.io.out(formatFuzzSummary(summary, shrinks));
      ctx.exitCode = summary.disagreeingCases.length > 0 ? EXIT.invalid : EXIT.ok;
    } finally {
      await target.down();
    }
  });
  return command;
}
