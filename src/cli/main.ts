// The `netpol-conformance` entry point: one binary, one sub-command per job (docs/architecture.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { PROJECT_ROOT } from '../project-root.js';
import { InputError, NetpolError, UsageError } from '../model/errors.js';
import { EXIT, processIo, type CliContext, type Io } from './context.js';
import { commandFactories } from './commands/index.js';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('netpol-conformance')
    .description('What does a Kubernetes NetworkPolicy really do? Scenario-driven checks on sim, netns and real clusters.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions();
  for (const factory of commandFactories) program.addCommand(factory(ctx));
  configure(program, ctx.io);
  return program;
}

function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string };
  return version ?? 'unknown';
}

/** Every command writes through `io` and throws instead of exiting, so tests can run it in-process. */
function configure(command: Command, io: Io): void {
  command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  for (const sub of command.commands) configure(sub, io);
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const ctx: CliContext = { io, exitCode: EXIT.ok };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message; help and version are successes.
    const ok = ['commander.helpDisplayed', 'commander.help', 'commander.version', 'commander.executeSubCommandAsync'];
    return ok.includes(error.code) ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError) {
    io.err(`netpol-conformance: ${error.message}\n(run with --help for usage)\n`);
    return EXIT.usage;
  }
  if (error instanceof InputError) {
    io.err(`netpol-conformance: ${error.message}\n`);
    return EXIT.invalid;
  }
  if (error instanceof NetpolError) {
    io.err(`netpol-conformance: ${error.message}\n`);
    return EXIT.environment;
  }
  throw error;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
