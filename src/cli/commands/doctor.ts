// `doctor`: can this machine run a target, and which capabilities does it lack? Creating a real
// target checks its tools and permissions (and is torn down at once), so the answer is not a guess.
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { createTarget } from '../../targets/index.js';
import { addTargetFlags, targetSpecFrom, type TargetFlags } from './target-flags.js';

interface DoctorFlags extends TargetFlags {
  quiet?: boolean;
}

export function doctorCommand(ctx: CliContext): Command {
  const command = new Command('doctor')
    .description('check that a target can run on this machine and list the capabilities it lacks')
    .option('-q, --quiet', 'print nothing when the target is ready');
  addTargetFlags(command).action(async (flags: DoctorFlags) => {
    const target = await createTarget(targetSpecFrom(flags));
    try {
      if (flags.quiet) return;
      ctx.io.out(`${target.name}: ready\n`);
      for (const [capability, reason] of target.lacking) ctx.io.out(`  lacks @${capability}: ${reason}\n`);
    } finally {
      await target.down();
    }
  });
  return command;
}
