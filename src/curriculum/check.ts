// `curriculum check`: validate every lesson's manifests, run every lesson's scenarios in ONE
// cucumber run (one target session for the whole course), and judge each lesson on its own.
import { resolve } from 'node:path';
import { runSuite, type ScenarioResult, type ScenarioStatus } from '../runner/run-suite.js';
import type { TargetSpec } from '../targets/spec.js';
import { discoverLessons, type Lesson, type LessonProblem } from './lessons.js';
import { manifestProblems } from './manifest-problems.js';
import { parseFeatures } from '../runner/feature-syntax.js';

export const ERRATUM_TAG = '@erratum';

export interface CheckOptions {
  courseDir: string;
  target: TargetSpec;
  /** Also write cucumber's JUnit report here. */
  junitFile?: string;
  /** Where relative paths start (steps also fall back to it); default: the process's. */
  cwd?: string;
}

export interface ClaimResult {
  name: string;
  /** Absolute path of the feature and 1-based line of the scenario. */
  file: string;
  line: number;
  status: ScenarioStatus;
  erratum: boolean;
  message?: string;
  skipReason?: string;
}

export interface LessonReport {
  name: string;
  dir: string;
  feature?: string;
  /** False when the lesson's scenarios were not run (no feature, or a referenced file is missing). */
  ran: boolean;
  claims: ClaimResult[];
  problems: LessonProblem[];
  holds: boolean;
}

export interface CurriculumReport {
  courseDir: string;
  target: string;
  lessons: LessonReport[];
  holds: boolean;
}

/** Passed claims hold; a skipped claim (capability the target lacks) is reported but not held against the lesson. */
export function claimHolds(status: ScenarioStatus): boolean {
  return status === 'passed' || status === 'skipped';
}

export async function checkCurriculum(options: CheckOptions): Promise<CurriculumReport> {
  const cwd = options.cwd ?? process.cwd();
  const lessons = discoverLessons(options.courseDir, cwd);
  for (const lesson of lessons) {
    for (const problem of manifestProblems(lesson.manifests, cwd)) lesson.problems.push({ kind: 'invalid-manifest', problem });
  }
  const parsed = await parseFeatures(lessons.flatMap((l) => (l.feature ? [l.feature] : [])), cwd);
  for (const lesson of lessons) {
    const feature = lesson.feature === undefined ? undefined : resolve(cwd, lesson.feature);
    for (const error of parsed.errors.filter((e) => e.file === feature)) lesson.problems.push({ kind: 'syntax', feature: lesson.feature ?? '', line: error.line, message: error.message });
  }
  // A lesson whose feature does not parse or names a missing file is not run: cucumber would
  // abort the whole run, or every scenario using the file would repeat the same error. Invalid
  // manifests do not stop the run: the lesson's other claims still count.
  const runnable = lessons.filter((l) => l.feature !== undefined && !l.problems.some(blocksRun));
  const features = runnable.map((l) => l.feature).filter((f): f is string => f !== undefined);
  const suite =
    features.length > 0
      ? await runSuite({ target: options.target, paths: features, quiet: true, ...(options.junitFile ? { junitFile: resolve(cwd, options.junitFile) } : {}) })
      : undefined;
  const byFeature = groupByFeature(suite?.scenarios ?? []);
  const reports = lessons.map((lesson) => judgeLesson(lesson, runnable.includes(lesson), byFeature));
  return {
    courseDir: options.courseDir,
    target: suite?.target ?? options.target.name,
    lessons: reports,
    holds: reports.every((r) => r.holds),
  };
}

function blocksRun(problem: LessonProblem): boolean {
  return problem.kind === 'missing-manifest' || problem.kind === 'unreadable' || problem.kind === 'syntax';
}

function groupByFeature(scenarios: readonly ScenarioResult[]): Map<string, ScenarioResult[]> {
  const groups = new Map<string, ScenarioResult[]>();
  for (const s of scenarios) groups.set(s.file, [...(groups.get(s.file) ?? []), s]);
  return groups;
}

function judgeLesson(lesson: Lesson, ran: boolean, byFeature: ReadonlyMap<string, ScenarioResult[]>): LessonReport {
  const claims = ran && lesson.feature ? (byFeature.get(lesson.feature) ?? []).map((s) => toClaim(s, lesson.feature ?? '')) : [];
  claims.sort((a, b) => a.line - b.line);
  const problems = [...lesson.problems];
  if (ran && lesson.feature && claims.length === 0) problems.push({ kind: 'no-claims', feature: lesson.feature });
  return {
    name: lesson.name,
    dir: lesson.dir,
    ...(lesson.feature ? { feature: lesson.feature } : {}),
    ran,
    claims,
    problems,
    holds: problems.length === 0 && claims.every((c) => claimHolds(c.status)),
  };
}

function toClaim(s: ScenarioResult, file: string): ClaimResult {
  return {
    name: s.name,
    file,
    line: s.line,
    status: s.status,
    erratum: s.tags.includes(ERRATUM_TAG),
    ...(s.message !== undefined ? { message: s.message } : {}),
    ...(s.skipReason !== undefined ? { skipReason: s.skipReason } : {}),
  };
}
