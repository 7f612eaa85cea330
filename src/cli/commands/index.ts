// The sub-commands, in the order `--help` lists them. One module per command.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { cleanupCommand } from './cleanup.js';
import { clusterCommand } from './cluster.js';
import { compareCommand } from './compare.js';
import { curriculumCommand } from './curriculum.js';
import { doctorCommand } from './doctor.js';
import { explainCommand } from './explain.js';
import { fuzzCommand } from './fuzz.js';
import { generateCommand } from './generate.js';
import { lintCommand } from './lint.js';
import { matrixCommand } from './matrix.js';
import { runCommand } from './run.js';
import { testbedCommand } from './testbed.js';
import { validateCommand } from './validate.js';

export type CommandFactory = (ctx: CliContext) => Command;

export const commandFactories: CommandFactory[] = [
  runCommand,
  matrixCommand,
  explainCommand,
  doctorCommand,
  validateCommand,
  lintCommand,
  curriculumCommand,
  compareCommand,
  generateCommand,
  fuzzCommand,
  clusterCommand,
  cleanupCommand,
  testbedCommand,
];
