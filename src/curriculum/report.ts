// The per-lesson report of `curriculum check`: one verdict line per lesson, then, for a lesson that
// does not hold, one line per problem a course author can act on (file and line first).
import { relative } from 'node:path';
import type { LessonProblem } from './lessons.js';
import { claimHolds, type ClaimResult, type CurriculumReport, type LessonReport } from './check.js';

/** At most this many lines of one failure's message (the differing flows come first). */
const KEY_LINES = 8;

export function formatCurriculumReport(report: CurriculumReport, cwd: string = process.cwd()): string {
  const show = (path: string): string => relative(cwd, path) || '.';
  const lines = [`curriculum check: ${report.lessons.length} ${plural(report.lessons.length, 'lesson')} in ${report.courseDir} on ${report.target}`, ''];
  for (const lesson of report.lessons) lines.push(...formatLesson(lesson, show));
  lines.push('', summary(report));
  return `${lines.join('\n')}\n`;
}

function formatLesson(lesson: LessonReport, show: (path: string) => string): string[] {
  const checked = lesson.claims.filter((c) => c.status !== 'skipped');
  const failing = lesson.claims.filter((c) => !claimHolds(c.status));
  const skipped = lesson.claims.filter((c) => c.status === 'skipped');
  const errata = lesson.claims.filter((c) => c.erratum);
  const counts = [
    `${checked.length} ${plural(checked.length, 'claim')} checked`,
    ...(failing.length > 0 ? [`${failing.length} ${failing.length === 1 ? 'fails' : 'fail'}`] : []),
    ...(skipped.length > 0 ? [`${skipped.length} skipped`] : []),
    ...(errata.length > 0 ? [`${errata.length} ${plural(errata.length, 'erratum', 'errata')}`] : []),
    ...(lesson.problems.length > 0 ? [`${lesson.problems.length} ${plural(lesson.problems.length, 'problem')}`] : []),
  ];
  const out = [`${lesson.holds ? 'ok  ' : 'FAIL'} ${lesson.name}: ${lesson.ran ? counts.join(', ') : ['not run', ...counts.slice(1)].join(', ')}`];
  // A claim that fails only because it applies an invalid manifest says nothing the manifest's
  // problem does not: it is named under that problem, not repeated with the same message.
  const explained = new Set<ClaimResult>();
  for (const problem of lesson.problems) {
    out.push(`       ${formatProblemLine(problem, lesson, show)}`);
    if (problem.kind !== 'invalid-manifest') continue;
    for (const claim of failing.filter((c) => failsOnlyFrom(c, problem.problem, show))) {
      explained.add(claim);
      out.push(`           so this claim fails: "${claim.name}" (${where(claim, show)})`);
    }
  }
  for (const claim of failing.filter((c) => !explained.has(c))) out.push(...formatFailingClaim(claim, show));
  for (const claim of skipped) out.push(`       skipped: "${claim.name}" (${where(claim, show)}): ${claim.skipReason ?? 'no reason given'}`);
  for (const claim of errata) out.push(`       erratum: "${claim.name}" (${where(claim, show)})`);
  return out;
}

export function formatProblemLine(problem: LessonProblem, lesson: Pick<LessonReport, 'dir'>, show: (path: string) => string): string {
  switch (problem.kind) {
    case 'no-feature':
      return `no feature: ${show(lesson.dir)}/ has no .feature file (a lesson folder holds one .feature and its manifests)`;
    case 'several-features':
      return `several features: ${show(lesson.dir)}/ holds ${problem.files.join(', ')}; a lesson folder holds exactly one`;
    case 'missing-manifest':
      return `missing manifest: ${show(problem.feature)}:${problem.line} names "${problem.reference}", which is not in ${problem.looked.map(show).join(' nor ')}`;
    case 'unreadable':
      return `unreadable: ${show(problem.file)}: ${problem.reason}`;
    case 'invalid-manifest':
      return `invalid manifest: ${problem.problem}`;
    case 'syntax':
      return `syntax: ${show(problem.feature)}:${problem.line}: ${problem.message}`;
    case 'no-claims':
      return `no claims: ${show(problem.feature)} produced no scenario (write one scenario per claim, or fix its Gherkin syntax)`;
  }
}

/** Whether the claim's failure is this manifest problem and nothing else. */
function failsOnlyFrom(claim: ClaimResult, problem: string, show: (path: string) => string): boolean {
  const lines = keyLines(claim).map((l) => shortenPaths(l, show));
  return lines.length > 0 && lines.every((l) => l === shortenPaths(problem, show));
}

function formatFailingClaim(claim: ClaimResult, show: (path: string) => string): string[] {
  const head = `       fails: "${claim.name}" (${where(claim, show)})${claim.erratum ? ' [erratum]' : ''}`;
  return [head, ...keyLines(claim).map((line) => `           ${shortenPaths(line, show)}`)];
}

/** The lines of a failure a person needs: which flows differ and how, not the whole tables. */
export function keyLines(claim: Pick<ClaimResult, 'status' | 'message'>): string[] {
  if (claim.message === undefined || claim.message.trim() === '') {
    switch (claim.status) {
      case 'undefined':
        return ['a step matches no step of the vocabulary (docs/steps.md)'];
      case 'pending':
        return ['a step is pending'];
      case 'ambiguous':
        return ['a step matches several step definitions'];
      default:
        return [`status ${claim.status}`];
    }
  }
  const lines = claim.message
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !/^\s+at /.test(l))
    .map((l, i) => (i === 0 ? l.replace(/^(?:\w*Error|ClaimFailed): /, '') : l));
  const picked = lines.some((l) => l.trim() === 'Differing flows:') ? differingFlows(lines) : lines.map((l) => l.trim());
  if (picked.length <= KEY_LINES) return picked;
  return [...picked.slice(0, KEY_LINES - 1), `... ${picked.length - KEY_LINES + 1} more lines`];
}

/** From a mismatch report: each failed claim, how many flows differ, and the differing flows with their reasons. */
function differingFlows(lines: readonly string[]): string[] {
  const picked: string[] = [];
  let inFlows = false;
  for (const line of lines) {
    if (line.trim() === 'Differing flows:') {
      inFlows = true;
      continue;
    }
    if (inFlows && /^\s/.test(line)) {
      picked.push(line.trim());
      continue;
    }
    inFlows = false;
    if (/^Claim( at line \d+)?: /.test(line) || /^On \S+: \d+ of \d+ flows differ/.test(line)) picked.push(line.trim());
  }
  return picked;
}

/** Errors name files by absolute path; the report names them as the person typed them. */
function shortenPaths(line: string, show: (path: string) => string): string {
  return line.replace(/(?<![\w.])\/[^\s:"',()]+/g, (path) => {
    const shown = show(path);
    return shown.startsWith('..') ? path : shown;
  });
}

function where(claim: ClaimResult, show: (path: string) => string): string {
  return `${show(claim.file)}:${claim.line}`;
}

function summary(report: CurriculumReport): string {
  const failingLessons = report.lessons.filter((l) => !l.holds).length;
  const claims = report.lessons.flatMap((l) => l.claims);
  const checked = claims.filter((c) => c.status !== 'skipped').length;
  const failing = claims.filter((c) => !claimHolds(c.status)).length;
  const skipped = claims.filter((c) => c.status === 'skipped').length;
  const errata = claims.filter((c) => c.erratum).length;
  const problems = report.lessons.reduce((n, l) => n + l.problems.length, 0);
  const verdict = report.holds ? 'every lesson holds' : `${failingLessons} of ${report.lessons.length} ${plural(report.lessons.length, 'lesson')} ${failingLessons === 1 ? 'does' : 'do'} not hold`;
  return `${verdict}: ${checked} ${plural(checked, 'claim')} checked, ${failing} failing, ${skipped} skipped, ${errata} ${plural(errata, 'erratum', 'errata')}, ${problems} other ${plural(problems, 'problem')}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
