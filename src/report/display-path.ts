// A file as a person reads it in a report: relative to the current directory when it is below it,
// absolute otherwise (`../../../tmp/x.feature` says less than `/tmp/x.feature`).
import { isAbsolute, relative } from 'node:path';

export function displayPath(file: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}
