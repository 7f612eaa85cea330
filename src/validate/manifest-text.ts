// Multi-document YAML as kubectl reads it. kubectl (sigs.k8s.io/yaml on go-yaml v2) speaks YAML 1.1,
// so `yes`/`no`/`on`/`off` are booleans and `0755` is octal; we parse the same way, so a label
// `debug: yes` is rejected here as the API server would reject it. Two 1.1 extras go-yaml does not
// apply to untyped values are left out: timestamps and sexagesimal numbers stay strings.
import { LineCounter, parseAllDocuments, visit, type Document, type Tags } from 'yaml';
import type { ObjectSource } from '../model/api.js';
import { lineIndex, readPlainJson } from './json-text.js';
import type { Problem } from './problem.js';

/** One object read from a file, before validation. */
export interface RawDocument {
  raw: unknown;
  source: ObjectSource;
  /** Where each field path of `raw` sits in the file: 1-based line and column, or undefined. */
  locate(field: string): { line: number; column: number } | undefined;
}

const OPTIONS = {
  version: '1.1' as const,
  // The library's warnings (a map key that is itself a map, ...) would go to stderr: the
  // validation reports what matters about such input itself.
  logLevel: 'error' as const,
  customTags: (tags: Tags): Tags =>
    tags.filter((t) => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME')),
};

/** `spec.ingress[0].from` -> ['spec', 'ingress', 0, 'from']; map keys `labels[app]` -> 'app'. */
export function fieldSegments(field: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of field.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(/^\d+$/.test(match[2]) ? Number(match[2]) : match[2]);
  }
  return segments;
}

function locator(doc: Document, lines: LineCounter, prefix: (string | number)[]): Locator {
  return (field) => {
    const segments = [...prefix, ...fieldSegments(field)];
    // The deepest node that exists: a missing field is reported where its parent is.
    for (let n = segments.length; n >= 0; n--) {
      const node: unknown = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) {
        const { line, col } = lines.linePos(range[0]);
        return { line, column: col };
      }
    }
    return undefined;
  };
}

/** Where the document's first alias (`*name`) is. */
function firstAlias(doc: Document, lines: LineCounter): { line: number; column: number } | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  if (offset === undefined) return undefined;
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Locator = (field: string) => { line: number; column: number } | undefined;

/**
 * The objects of one parsed document: a `List` (or `NetworkPolicyList`, ...) becomes its items,
 * which inherit the list's apiVersion and kind when they omit them. `locatorAt` locates fields
 * under a path prefix (the item's place in the list).
 */
function objectsOf(raw: unknown, source: ObjectSource, index: number, locatorAt: (prefix: (string | number)[]) => Locator, out: { documents: RawDocument[]; problems: Problem[] }): void {
  if (raw === null || raw === undefined) return;
  const kind = isRecord(raw) ? raw['kind'] : undefined;
  if (isRecord(raw) && typeof kind === 'string' && kind.endsWith('List') && 'items' in raw) {
    const items = raw['items'];
    if (!Array.isArray(items)) {
      const at = locatorAt([])('items');
      out.problems.push({ source, object: `document ${index + 1}`, kind, field: 'items', reason: 'TypeMismatch', message: 'must be a list', ...(at ? { line: at.line, column: at.column } : {}) });
      return;
    }
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    items.forEach((item: unknown, j) => {
      const filled = isRecord(item) && itemKind ? { apiVersion: raw['apiVersion'], kind: itemKind, ...item } : item;
      out.documents.push({ raw: filled, source, locate: locatorAt(['items', j]) });
    });
    return;
  }
  out.documents.push({ raw, source, locate: locatorAt([]) });
}

/**
 * The documents of one file. Empty documents are skipped; Lists become their items. Plain JSON is
 * read natively (json-text.ts); everything else, and JSON that YAML might read differently, as YAML.
 */
export function readManifestText(text: string, file: string): { documents: RawDocument[]; problems: Problem[] } {
  const out: { documents: RawDocument[]; problems: Problem[] } = { documents: [], problems: [] };
  const json = readPlainJson(text);
  if (json) {
    const position = lineIndex(text);
    objectsOf(json.value, { file }, 0, (prefix) => (field) => position(json.offsetOf([...prefix, ...fieldSegments(field)])), out);
    return out;
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { ...OPTIONS, lineCounter: lines });
  // Number the documents only when there is more than one, so single-object files read `bad.yaml:3`.
  const numbered = docs.length > 1;
  docs.forEach((doc, i) => {
    const source: ObjectSource = numbered ? { file, document: i } : { file };
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const [pos] = error.linePos ?? [];
        const message = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.code;
        out.problems.push({
          source,
          object: numbered ? `document ${i + 1}` : '',
          field: '',
          reason: 'Syntax',
          message: `invalid YAML: ${message}`,
          ...(pos ? { line: pos.line, column: pos.col } : {}),
        });
      }
      return;
    }
    let raw: unknown;
    try {
      raw = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // An alias bomb (billion laughs) expands past maxAliasCount; the library throws.
      const at = firstAlias(doc, lines);
      const why = error instanceof Error ? error.message : String(error);
      out.problems.push({ source, object: numbered ? `document ${i + 1}` : '', field: '', reason: 'Syntax', message: `invalid YAML: ${why}`, ...(at ? { line: at.line, column: at.column } : {}) });
      return;
    }
    objectsOf(raw, source, i, (prefix) => locator(doc, lines, prefix), out);
  });
  return out;
}
