// Loading manifests: files and directories of multi-document YAML, validated as the API server
// would (src/validate) before anything trusts their shape. Problems name file, line, object and field.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isModelledKind, validateDocument, type ValidationOptions } from './index.js';
import { expandWorkloads, type WorkloadOptions } from '../model/workloads.js';
import { formatProblem, type Problem } from './problem.js';
import { samePriorityOverlaps } from './tier-overlaps.js';
import { isClusterPolicyKind } from '../model/cluster-policy.js';
import { InputError } from '../model/errors.js';
import { readManifestText, type RawDocument } from './manifest-text.js';
import type { KubeObject, LoadedObject, Pod, Workload } from '../model/api.js';

export { readManifestText, type RawDocument } from './manifest-text.js';

export interface LoadOptions extends CheckOptions {
  /** Called for each warning (accepted input the API server would warn about). */
  onWarning?: (warning: Problem) => void;
}

export interface CheckOptions extends ValidationOptions, WorkloadOptions {
  /**
   * Objects of kinds this tool does not model (Service, ConfigMap, CRDs, ...): `skip` them with one
   * warning per kind, or reject each as an `error` (--strict). Default `error`.
   */
  unmodelledKinds?: 'skip' | 'error';
  /**
   * Same-priority policies of one cluster-scoped tier whose rules act differently: `warn` (the
   * default), or `leave` them to a caller that judges them on connections (lint).
   */
  tierOverlaps?: 'warn' | 'leave';
}

/** Objects of one unmodelled kind that were skipped. */
export interface SkippedKind {
  kind: string;
  count: number;
  /** Where the first one is. */
  first: Problem['source'];
  line?: number;
}

export interface CheckedManifests {
  objects: LoadedObject[];
  problems: Problem[];
  warnings: Problem[];
  /** How many documents (objects) were read, valid or not. */
  documents: number;
  /** Kinds skipped (with unmodelledKinds `skip`), in the order first met. */
  skipped: SkippedKind[];
  /** How many workloads were read (they are among `objects` as the pods they give). */
  workloads: number;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
/** Larger files are not read: no manifest is this big, and parsing one would take the memory. */
const MAX_FILE_BYTES = 32 * 2 ** 20;

function listFiles(path: string, problems: Problem[]): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    problems.push({ source: { file: path }, object: '', field: '', reason: 'Syntax', message: 'no such file or directory' });
    return [];
  }
  if (!stats.isDirectory()) return [path];
  // Sorted, and recursive, so a directory always loads in the same order. A broken symlink inside
  // is reported when read, like any unreadable file.
  return readdirSync(path, { withFileTypes: true })
    .map((entry) => entry.name)
    .sort()
    .flatMap((name) => {
      const child = join(path, name);
      if (isDirectory(child)) return listFiles(child, problems);
      return MANIFEST_FILE.test(name) ? [child] : [];
    });
}

/** Whether the path is a directory (false when it does not exist or cannot be read). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export interface ReadManifests {
  documents: RawDocument[];
  problems: Problem[];
  /** The files in the order they were read (problems are reported in this order). */
  files?: string[];
}

export function readManifestPaths(paths: readonly string[]): ReadManifests {
  const documents: RawDocument[] = [];
  const problems: Problem[] = [];
  const files = paths.flatMap((p) => listFiles(p, problems));
  for (const file of files) {
    let text: string;
    try {
      const size = statSync(file).size;
      if (size > MAX_FILE_BYTES) {
        const mib = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MiB`;
        const message = `file is ${mib(size)}; manifests larger than ${MAX_FILE_BYTES / 2 ** 20} MiB are not read (the API server takes requests of at most 3 MiB)`;
        problems.push({ source: { file }, object: '', field: '', reason: 'Syntax', message });
        continue;
      }
      text = readFileSync(file, 'utf8');
    } catch (error) {
      problems.push({ source: { file }, object: '', field: '', reason: 'Syntax', message: `cannot read: ${(error as Error).message}` });
      continue;
    }
    const read = readManifestText(text, file);
    documents.push(...read.documents);
    problems.push(...read.problems);
  }
  return { documents, problems, files };
}

/** `Pod prod/api`: what makes two documents describe the same object. */
function identity(object: KubeObject): string {
  const namespace = object.kind === 'Namespace' || isClusterPolicyKind(object.kind) ? undefined : object.metadata.namespace;
  return namespace === undefined ? `${object.kind} ${object.metadata.name}` : `${object.kind} ${namespace}/${object.metadata.name}`;
}

/**
 * Validates read documents: every problem and warning with its line, and the objects when valid.
 * An object defined twice is kept once, the later definition winning as with `kubectl apply -f`.
 */
export function checkDocuments(read: ReadManifests, options: CheckOptions = {}): CheckedManifests {
  const result: CheckedManifests = { objects: [], problems: [...read.problems], warnings: [], documents: read.documents.length, skipped: [], workloads: 0 };
  const seen = new Map<string, { doc: RawDocument; at: number }>();
  const workloads: { workload: Workload; doc: RawDocument }[] = [];
  const skipped = new Map<string, SkippedKind>();
  for (const doc of read.documents) {
    const docKind = kindOf(doc.raw);
    if (options.unmodelledKinds === 'skip' && docKind !== undefined && !isModelledKind(docKind)) {
      const earlier = skipped.get(docKind);
      if (earlier) earlier.count++;
      else skipped.set(docKind, { kind: docKind, count: 1, first: doc.source, ...((l) => (l ? { line: l } : {}))(doc.locate('')?.line) });
      continue;
    }
    const validated = validateDocument(doc.raw, doc.source, options);
    const located = (p: Problem): Problem => {
      const at = doc.locate(p.field);
      return at ? { ...p, line: at.line, column: at.column } : p;
    };
    result.problems.push(...validated.problems.map(located));
    result.warnings.push(...validated.warnings.map(located));
    if (validated.workload) workloads.push({ workload: validated.workload, doc });
    if (!validated.object) continue;
    const id = identity(validated.object);
    const entry: LoadedObject = { object: validated.object, source: doc.source, locate: (field) => doc.locate(field) };
    const earlier = seen.get(id);
    if (!earlier) {
      seen.set(id, { doc, at: result.objects.length });
      result.objects.push(entry);
      continue;
    }
    const line = earlier.doc.locate('')?.line;
    const [kind = '', object = ''] = id.split(' ');
    const message = `replaces the ${kind} defined at ${earlier.doc.source.file}${line === undefined ? '' : `:${line}`} (the later definition wins, as with kubectl apply)`;
    result.warnings.push(located({ source: doc.source, kind, object, field: 'metadata.name', reason: 'Duplicate', message, value: validated.object.metadata.name }));
    result.objects[earlier.at] = entry;
    seen.set(id, { doc, at: earlier.at });
  }
  result.skipped = [...skipped.values()];
  result.warnings.push(...result.skipped.map(skippedWarning));
  if (workloads.length > 0) withWorkloads(result, workloads, options);
  const overlaps = options.tierOverlaps === 'leave' ? [] : samePriorityOverlaps(result.objects.map((o) => o.object));
  for (const overlap of overlaps) {
    const loaded = result.objects.find((o) => o.object === overlap.policy);
    if (!loaded) continue;
    const at = loaded.locate?.(overlap.warning.field);
    result.warnings.push({ source: loaded.source, kind: overlap.policy.kind, object: overlap.policy.metadata.name, ...overlap.warning, ...(at ? { line: at.line, column: at.column } : {}) });
  }
  // Report in reading order: file by file, and by line inside a file.
  const fileOrder = new Map<string, number>();
  for (const file of read.files ?? []) if (!fileOrder.has(file)) fileOrder.set(file, fileOrder.size);
  const byPlace = (a: Problem, b: Problem): number =>
    (fileOrder.get(a.source.file) ?? 0) - (fileOrder.get(b.source.file) ?? 0) || (a.line ?? 0) - (b.line ?? 0);
  result.problems.sort(byPlace);
  result.warnings.sort(byPlace);
  return result;
}

function kindOf(raw: unknown): string | undefined {
  const kind = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['kind'] : undefined;
  return typeof kind === 'string' && kind !== '' ? kind : undefined;
}

function skippedWarning(s: SkippedKind): Problem {
  const objects = `${s.count} ${s.kind} object${s.count === 1 ? '' : 's'}`;
  const message = `not modelled by this tool: ${objects} skipped, ${s.count === 1 ? 'this one' : 'the first here'} (--strict rejects them)`;
  return { source: s.first, object: '', kind: s.kind, field: '', reason: 'Invalid', message, ...(s.line ? { line: s.line } : {}) };
}

/** Workloads become the pods they give (src/model/workloads.ts); pods they own fold into them. */
function withWorkloads(result: CheckedManifests, read: readonly { workload: Workload; doc: RawDocument }[], options: WorkloadOptions): void {
  // The same workload defined twice: the later definition wins, as with kubectl apply.
  const unique = new Map(read.map((w) => [`${w.workload.metadata.namespace}/${w.workload.kind}/${w.workload.metadata.name}`, w]));
  const workloads = [...unique.values()];
  result.workloads = workloads.length;
  const pods = result.objects.filter((o): o is LoadedObject & { object: Pod } => o.object.kind === 'Pod');
  const loadedPod = new Map<Pod, LoadedObject>(pods.map((p) => [p.object, p]));
  const docOf = new Map(workloads.map((w) => [w.workload, w.doc]));
  const placed = expandWorkloads(pods.map((p) => p.object), workloads.map((w) => w.workload), options).map(({ pod, workload }): LoadedObject => {
    const own = loadedPod.get(pod);
    const doc = workload ? docOf.get(workload) : undefined;
    // A pod of the input keeps its own place; a pod a workload gives is placed at the workload.
    if (own && !doc) return own;
    return { object: pod, source: doc?.source ?? own?.source ?? { file: '' }, ...(doc ? { locate: (field: string) => doc.locate(field) } : {}) };
  });
  result.objects = [...result.objects.filter((o) => o.object.kind !== 'Pod'), ...placed];
}

export function checkManifests(paths: readonly string[], options: CheckOptions = {}): CheckedManifests {
  return checkDocuments(readManifestPaths(paths), options);
}

function loaded(checked: CheckedManifests, options: LoadOptions): LoadedObject[] {
  for (const warning of checked.warnings) options.onWarning?.(warning);
  if (checked.problems.length > 0) throw new InputError(checked.problems.map(formatProblem).join('\n'));
  return checked.objects;
}

/** Valid objects from files and directories, or an InputError with one line per problem. */
export function loadManifests(paths: readonly string[], options: LoadOptions = {}): LoadedObject[] {
  return loaded(checkManifests(paths, options), options);
}

export function loadManifestText(text: string, file: string, options: LoadOptions = {}): LoadedObject[] {
  return loaded(checkDocuments(readManifestText(text, file), options), options);
}
