// `curriculum check DIR`: does every lesson of a course say true things about traffic?
// Exit 0 only when every lesson holds; 1 when one does not (or the folder is not a course).
import { Command, Option } from 'commander';
import { EXIT, type CliContext } from '../context.js';
import { targetSpecFrom } from './target-flags.js';

/** Targets a course is checked on: the spec itself, and real packets without a cluster. */
export const CURRICULUM_TARGETS = ['sim', 'netns'] as const;

interface CheckFlags {
  target: string;
  junit?: string;
}

export function curriculumCommand(ctx: CliContext): Command {
  const command = new Command('curriculum').description('Check a course: lessons as folders of manifests plus a feature stating what they do to traffic');
  command
    .command('check')
    .description('Validate every lesson\'s manifests and run its claims; exit 0 only when every lesson holds (layout: docs/curriculum.md)')
    .argument('<dir>', 'the course folder: one sub-folder per lesson, each with one .feature and its manifests')
    .addOption(new Option('--target <target>', 'where the claims are checked').choices(CURRICULUM_TARGETS).default('sim'))
    .option('--junit <file>', 'also write a JUnit report of every claim to this file')
    .action(async (dir: string, flags: CheckFlags) => {
      // The course is run through cucumber, loaded only when a course is checked.
      const [{ checkCurriculum }, { formatCurriculumReport }] = await Promise.all([import('../../curriculum/check.js'), import('../../curriculum/report.js')]);
      const report = await checkCurriculum({
        courseDir: dir,
        target: targetSpecFrom({ target: flags.target }),
        ...(flags.junit !== undefined ? { junitFile: flags.junit } : {}),
      });
      ctx.io.out(formatCurriculumReport(report));
      ctx.exitCode = report.holds ? EXIT.ok : EXIT.invalid;
    });
  return command;
}
