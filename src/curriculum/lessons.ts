// Lesson discovery (docs/curriculum.md): a course is a folder with one sub-folder per lesson; a
// lesson folder holds exactly one `.feature` and the manifests it uses. Structural problems (no
// feature, several, a reference to a missing file) are collected per lesson, never thrown, so one
// broken lesson cannot hide the others.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { InputError } from '../model/errors.js';
import { isDirectory } from '../validate/loader.js';
import { candidatePaths, findManifestReferences, resolveReference } from './references.js';

export type LessonProblem =
  | { kind: 'no-feature' }
  | { kind: 'several-features'; files: string[] }
  | { kind: 'missing-manifest'; feature: string; line: number; reference: string; looked: string[] }
  | { kind: 'unreadable'; file: string; reason: string }
  | { kind: 'invalid-manifest'; problem: string }
  | { kind: 'syntax'; feature: string; line: number; message: string }
  /** The feature ran but produced no scenario (none written, or cucumber could not parse it). */
  | { kind: 'no-claims'; feature: string };

export interface Lesson {
  /** The folder's name, e.g. `01-deny-all-traffic-to-an-application`. */
  name: string;
  /** Absolute path of the lesson folder. */
  dir: string;
  /** Absolute path of the lesson's feature, when it has exactly one. */
  feature?: string;
  /** Manifest files to validate before running: the folder's YAML plus files it refers to elsewhere. */
  manifests: string[];
  problems: LessonProblem[];
}

const MANIFEST = /\.ya?ml$/i;

/** Lesson folders of a course, sorted by name; the course folder itself when it holds a feature. */
export function discoverLessons(courseDir: string, cwd: string = process.cwd()): Lesson[] {
  const root = resolve(cwd, courseDir);
  if (!isDirectory(root)) throw new InputError(`curriculum folder "${courseDir}" not found (or not a folder)`);
  if (featuresIn(root).length > 0) return [readLesson(root, cwd)];
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_'))
    .map((e) => e.name)
    .sort();
  if (folders.length === 0) {
    throw new InputError(`"${courseDir}" holds no lesson folders: expected one folder per lesson, each with one .feature and its manifests`);
  }
  return folders.map((name) => readLesson(join(root, name), cwd));
}

function readLesson(dir: string, cwd: string): Lesson {
  const lesson: Lesson = { name: basename(dir), dir, manifests: [], problems: [] };
  const local = yamlFilesUnder(dir);
  const features = featuresIn(dir);
  if (features.length === 0) lesson.problems.push({ kind: 'no-feature' });
  if (features.length > 1) lesson.problems.push({ kind: 'several-features', files: features.map((f) => basename(f)) });
  const feature = features.length === 1 ? features[0] : undefined;
  if (feature === undefined) {
    lesson.manifests = local;
    return lesson;
  }
  lesson.feature = feature;

  let text: string;
  try {
    text = readFileSync(feature, 'utf8');
  } catch (error) {
    lesson.problems.push({ kind: 'unreadable', file: feature, reason: reason(error) });
    lesson.manifests = local;
    return lesson;
  }
  // A file only ever named by "is validated" steps may be invalid on purpose: its scenario judges it.
  const appliedElsewhere = new Set<string>();
  const validatedOnly = new Set<string>();
  const applied = new Set<string>();
  for (const ref of findManifestReferences(text)) {
    const found = resolveReference(feature, ref.path, cwd);
    if (found === undefined) {
      lesson.problems.push({ kind: 'missing-manifest', feature, line: ref.line, reference: ref.path, looked: candidatePaths(feature, ref.path, cwd) });
      continue;
    }
    const files = isDirectory(found) ? yamlFilesUnder(found) : [found];
    for (const file of files) {
      if (ref.use === 'validate') validatedOnly.add(file);
      else applied.add(file);
      if (ref.use !== 'validate' && !isInside(dir, file)) appliedElsewhere.add(file);
    }
  }
  for (const file of applied) validatedOnly.delete(file);
  lesson.manifests = [...local, ...appliedElsewhere].filter((file) => !validatedOnly.has(file));
  return lesson;
}

function featuresIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.feature'))
    .map((e) => join(dir, e.name))
    .sort();
}

/** YAML files directly in a folder. */
function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && MANIFEST.test(e.name))
    .map((e) => join(dir, e.name))
    .sort();
}

/** YAML files anywhere under a folder, hidden folders excepted (what `the manifests in "DIR"` reads). */
function yamlFilesUnder(dir: string): string[] {
  const files = yamlFilesIn(dir);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith('.')) files.push(...yamlFilesUnder(join(dir, entry.name)));
  }
  return files;
}

function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith('/');
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
