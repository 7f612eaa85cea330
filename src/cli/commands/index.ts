// The sub-commands, in the order `--help` lists them. One module per command.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export type CommandFactory = (ctx: CliContext) => Command;

export const commandFactories: CommandFactory[] = [];
