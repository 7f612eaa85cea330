// Checks of what `run` and `compare` hand to cucumber, made before anything runs: a malformed tag
// expression, an unknown format or a path that does not exist is a usage error in one line, not
// cucumber's stack trace or an empty run.
import { existsSync } from 'node:fs';
import { UsageError } from '../../model/errors.js';

/** cucumber's built-in formatters (@cucumber/cucumber lib/formatter/builtin; a test keeps this in step). */
export const CUCUMBER_FORMATS = ['progress', 'pretty', 'summary', 'progress-bar', 'rerun', 'snippets', 'usage', 'usage-json', 'json', 'message', 'html', 'junit'] as const;

/** `@ingress and not @sctp`; parsed as cucumber will, and every operand must be a tag (`@...`). */
export async function checkTagExpression(expression: string, flag = '--tags'): Promise<void> {
  // The parser ships with cucumber; loaded only by the commands that run features.
  const { default: parse } = await import('@cucumber/tag-expressions');
  try {
    parse(expression);
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).replace(/^.*because of syntax error: /, '');
    throw new UsageError(`${flag} "${expression}": not a tag expression (${why.replace(/\.$/, '')}); write e.g. "@ingress and not @sctp"`);
  }
  const words = expression.replace(/\\./g, 'x').split(/[\s()]+/).filter((w) => w !== '' && !['and', 'or', 'not'].includes(w));
  const untagged = words.find((w) => !w.startsWith('@'));
  if (untagged !== undefined) throw new UsageError(`${flag} "${expression}": "${untagged}" is not a tag (tags start with @, e.g. @${untagged})`);
}

/** A built-in format, optionally `NAME:FILE`, or the path of a formatter module. */
export function checkFormat(format: string): void {
  const name = format.split(':')[0] ?? format;
  if ((CUCUMBER_FORMATS as readonly string[]).includes(name)) return;
  if (/^[./]/.test(format) && existsSync(format)) return;
  throw new UsageError(`--format "${format}": no such format; choose one of ${CUCUMBER_FORMATS.join(', ')} (or NAME:FILE, or a formatter module's path)`);
}

/** Feature files and folders must exist (`file.feature:12` names line 12 of the file). */
export function checkFeaturePaths(paths: readonly string[]): void {
  const missing = paths.filter((p) => !existsSync(p.replace(/(:\d+)+$/, '')));
  if (missing.length > 0) throw new UsageError(`no such feature file or folder: ${missing.join(', ')}`);
}
