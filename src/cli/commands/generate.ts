// `generate`: the systematic families of cases written as feature files on the x/y/z model, one
// file per family, every truth table from the engine. They run with `run` on any target.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { families } from '../../generate/families/index.js';
import { UsageError } from '../../model/errors.js';
import { parsePorts } from '../../model/notation.js';
import { familyFeature, xyzTopology } from '../../report/family-feature.js';
import type { CliContext } from '../context.js';

interface GenerateFlags {
  families?: string;
  out: string;
  ports: string;
}

export const DEFAULT_PORTS = '80/TCP,81/TCP,80/UDP,81/UDP';

export function generateCommand(ctx: CliContext): Command {
  const all = families([]).map((f) => f.name);
  return new Command('generate')
    .description('write systematic families of cases as features on the x/y/z model, expected truth tables from the engine')
    .option('--families <list>', `comma-separated families (default: all): ${all.join(', ')}`)
    .option('--out <dir>', 'where the feature files go (one per family)', 'generated')
    .option('--ports <list>', 'ports every probe step claims, e.g. 80/TCP,53/UDP (SCTP cases also get a twin probed on SCTP)', DEFAULT_PORTS)
    .addHelpText('after', `\nFamilies:\n${families([]).map((f) => `  ${f.name.padEnd(13)} ${f.summary}`).join('\n')}\n`)
    .action((flags: GenerateFlags) => {
      let ports;
      try {
        ports = parsePorts(flags.ports.replaceAll(',', ', '), '--ports');
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
      if (ports.length === 0) throw new UsageError('--ports: name at least one port, e.g. 80/TCP');
      const available = families(ports);
      const wanted = flags.families === undefined ? available.map((f) => f.name) : flags.families.split(',').map((f) => f.trim()).filter(Boolean);
      const unknown = wanted.filter((name) => !available.some((f) => f.name === name));
      if (unknown.length > 0) throw new UsageError(`unknown family "${unknown[0]}"; choose from ${available.map((f) => f.name).join(', ')}`);
      const topology = xyzTopology();
      const dir = resolve(flags.out);
      mkdirSync(dir, { recursive: true });
      const command = `netpol-conformance generate --families ${wanted.join(',')} --ports ${ports.map((p) => `${p.port}/${p.protocol}`).join(',')}`;
      let total = 0;
      for (const family of available.filter((f) => wanted.includes(f.name))) {
        const cases = family.cases({ topology });
        const file = join(dir, `${family.name}.feature`);
        writeFileSync(file, familyFeature(family, cases, topology, ports, command));
        total += cases.length;
        ctx.io.out(`${file}: ${cases.length} cases\n`);
      }
      ctx.io.out(`${total} cases in ${wanted.length} feature files; run them with: netpol-conformance run --target TARGET ${flags.out}\n`);
    });
}
