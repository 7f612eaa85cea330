// Decoding as the API server does it before validating: every field must exist in the schema
// (kubectl applies with strict field validation by default) and have the right JSON type (a string
// where an integer belongs fails to decode). The schema is the OpenAPI model of Namespace, Pod and
// NetworkPolicy as @kubernetes/client-node (release-1.36) generates it, kept in api-schema.json
// (`npm run schema:update` rewrites it, a test checks it against the installed client), so the
// validator does not load the client's 140 model modules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';
import type { ApiModels, Attribute, ROOT_MODELS } from './api-models.js';
import { child, index, key, typeMismatch, unknownField, type FieldError } from './field-errors.js';

export type RootModel = (typeof ROOT_MODELS)[number];

/** resource.Quantity fields: typed `string` in the OpenAPI model, but JSON numbers decode too (`cpu: 1`). */
const QUANTITY_FIELDS = new Set(['limits', 'requests', 'sizeLimit', 'overhead', 'allocatedResources']);

// Read from the sources' folder, so the built CLI (which has no copy) reads the same file.
const MODELS = new Map(Object.entries(JSON.parse(readFileSync(join(PROJECT_ROOT, 'src/validate/api-schema.json'), 'utf8')) as ApiModels));
/** Per model, its attributes by field name (a Pod has dozens: no linear search per field). */
const FIELDS = new Map([...MODELS].map(([name, attributes]) => [name, new Map(attributes.map((a) => [a[0], a]))]));

interface TypeShape {
  /** `Array<T>`: T. */
  item?: string;
  /** `{ [key: string]: T; }`: T. */
  value?: string;
}
const SHAPES = new Map<string, TypeShape>();

/** The type text parsed once per distinct type, not once per value. */
function shapeOf(type: string): TypeShape {
  let shape = SHAPES.get(type);
  if (!shape) {
    const array = /^Array<(.+)>$/.exec(type);
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    shape = array ? { item: array[1] ?? 'any' } : map ? { value: map[1] ?? 'any' } : {};
    SHAPES.set(type, shape);
  }
  return shape;
}

export interface Decoded {
  /** The input with nulls removed (Go decodes null as "absent") and unknown fields dropped. */
  value: unknown;
  /** Wrong JSON types: the API server would not decode the object (HTTP 400). */
  typeErrors: FieldError[];
  unknownFields: FieldError[];
}

export function decode(raw: unknown, model: RootModel): Decoded {
  const result: Decoded = { value: undefined, typeErrors: [], unknownFields: [] };
  result.value = decodeValue(raw, model, '', '', result);
  return result;
}

/** Decodes `metadata` of a custom resource (its CRD schema leaves ObjectMeta to the API server). */
export function decodeObjectMeta(raw: unknown): Decoded {
  const result: Decoded = { value: undefined, typeErrors: [], unknownFields: [] };
  result.value = decodeValue(raw, 'V1ObjectMeta', '', 'metadata', result);
  return result;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A JSON value as type messages name it: `a list`, `an object`, `string "x"`. */
export function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isPlainObject(value)) return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Records a value of the wrong JSON type (a function, not a closure per value: decoding is hot). */
function typeError(out: Decoded, path: string, value: unknown, expected: string, hint = ''): undefined {
  out.typeErrors.push(typeMismatch(path, value, `must be ${expected}, not ${describeJson(value)}${hint}`));
  return undefined;
}

function decodeValue(value: unknown, type: string, format: string, path: string, out: Decoded): unknown {
  if (value === null || value === undefined) return undefined;
  const shape = shapeOf(type);
  if (shape.item !== undefined) {
    if (!Array.isArray(value)) return typeError(out, path, value, 'a list');
    const itemType = shape.item;
    const items = value.map((item, i) => (item === null ? zeroValue(itemType) : decodeValue(item, itemType, '', index(path, i), out)));
    // A list with a mistyped item is dropped whole, so no validator meets a hole in it.
    return items.some((item, i) => item === undefined && value[i] !== null) ? undefined : items;
  }
  if (shape.value !== undefined) {
    if (!isPlainObject(value)) return typeError(out, path, value, 'an object');
    const decoded: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const item = decodeValue(v, shape.value, format, key(path, k), out);
      if (item !== undefined) decoded[k] = item;
    }
    return decoded;
  }
  switch (type) {
    case 'any':
      return value;
    case 'string':
      if (format === 'quantity' && typeof value === 'number') return value;
      return typeof value === 'string' ? value : typeError(out, path, value, 'a string', typeof value === 'object' ? '' : ' (quote the value in YAML)');
    case 'Date':
      return typeof value === 'string' || value instanceof Date ? value : typeError(out, path, value, 'a date string');
    case 'boolean':
      return typeof value === 'boolean' ? value : typeError(out, path, value, 'true or false');
    case 'number':
      return decodeNumber(value, format, (e) => typeError(out, path, value, e));
    case 'IntOrString':
      return typeof value === 'string' ? value : decodeNumber(value, 'int32', (e) => typeError(out, path, value, `${e} or a string`));
  }
  const fields = FIELDS.get(type);
  if (!fields) return value; // a model outside the closure cannot happen; accept rather than crash
  if (!isPlainObject(value)) return typeError(out, path, value, 'an object');
  const decoded: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(value)) {
    const attribute = fields.get(name);
    const fieldPath = child(path, name);
    if (!attribute) {
      out.unknownFields.push(unknownField(fieldPath, `unknown field${suggest(name, [...fields.values()])}`));
      continue;
    }
    const [, type, format] = attribute;
    const item = decodeValue(v, type, QUANTITY_FIELDS.has(name) ? 'quantity' : format, fieldPath, out);
    if (item !== undefined) decoded[name] = item;
  }
  return decoded;
}

/** What Go decodes a null list item into: the zero value of the item type. */
function zeroValue(type: string): unknown {
  switch (type) {
    case 'string':
      return '';
    case 'number':
    case 'IntOrString':
      return 0;
    case 'boolean':
      return false;
    case 'any':
      return undefined;
    default:
      return MODELS.has(type) ? {} : undefined;
  }
}

function decodeNumber(value: unknown, format: string, mismatch: (expected: string) => undefined): unknown {
  if (format === 'double') return typeof value === 'number' ? value : mismatch('a number');
  if (typeof value !== 'number' || !Number.isInteger(value)) return mismatch('an integer');
  if (format === 'int32' && (value < -(2 ** 31) || value >= 2 ** 31)) return mismatch('a 32-bit integer');
  return value;
}

/** The known name one or two edits away from `name` (case aside), if any. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(candidate, name);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** ` (did you mean "from"?)` when a known field is one or two edits away, else ''. */
function suggest(name: string, attributes: readonly Attribute[]): string {
  const best = closestName(name, attributes.map(([baseName]) => baseName));
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
