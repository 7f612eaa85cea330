// Decoding as the API server does it before validating: every field must exist in the schema
// (kubectl applies with strict field validation by default) and have the right JSON type (a string
// where an integer belongs fails to decode). The schema is the OpenAPI model of
// @kubernetes/client-node (release-1.36), read from its generated `attributeTypeMap`s; only the
// models reachable from Namespace, Pod and NetworkPolicy are loaded (about 140 small modules, ~40 ms).
import { child, index, key, typeMismatch, unknownField, type FieldError } from './field-errors.js';

interface Attribute {
  baseName: string;
  type: string;
  format: string;
}

const MODELS_DIR = '@kubernetes/client-node/dist/gen/models';
const ROOTS = ['V1Namespace', 'V1Pod', 'V1NetworkPolicy'] as const;
export type RootModel = (typeof ROOTS)[number];

const SCALARS = new Set(['string', 'number', 'boolean', 'any', 'Date', 'IntOrString', 'Array', 'key']);
/** resource.Quantity fields: typed `string` in the OpenAPI model, but JSON numbers decode too (`cpu: 1`). */
const QUANTITY_FIELDS = new Set(['limits', 'requests', 'sizeLimit', 'overhead', 'allocatedResources']);

function isAttributeList(value: unknown): value is Attribute[] {
  return Array.isArray(value) && value.every((a) => typeof a === 'object' && a !== null && 'baseName' in a && 'type' in a);
}

async function loadModels(): Promise<Map<string, Attribute[]>> {
  const models = new Map<string, Attribute[]>();
  let pending: string[] = [...ROOTS];
  while (pending.length > 0) {
    for (const name of pending) models.set(name, []);
    const loaded = await Promise.all(
      pending.map(async (name): Promise<[string, Attribute[]]> => {
        const module: unknown = await import(`${MODELS_DIR}/${name}.js`);
        const model: unknown = (module as Record<string, unknown>)[name];
        const attributes: unknown = (model as { attributeTypeMap?: unknown } | undefined)?.attributeTypeMap;
        if (!isAttributeList(attributes)) throw new Error(`@kubernetes/client-node model ${name} has no attributeTypeMap`);
        return [name, attributes];
      }),
    );
    const next = new Set<string>();
    for (const [name, attributes] of loaded) {
      models.set(name, attributes);
      for (const a of attributes) {
        for (const word of a.type.match(/[A-Za-z0-9]+/g) ?? []) if (!SCALARS.has(word) && !models.has(word)) next.add(word);
      }
    }
    pending = [...next];
  }
  return models;
}

const MODELS = await loadModels();

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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isPlainObject(value)) return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function decodeValue(value: unknown, type: string, format: string, path: string, out: Decoded): unknown {
  if (value === null || value === undefined) return undefined;
  const mismatch = (expected: string, hint = ''): undefined => {
    out.typeErrors.push(typeMismatch(path, value, `must be ${expected}, not ${describeJson(value)}${hint}`));
    return undefined;
  };
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) return mismatch('a list');
    const itemType = array[1] ?? 'any';
    const items = value.map((item, i) => (item === null ? zeroValue(itemType) : decodeValue(item, itemType, '', index(path, i), out)));
    // A list with a mistyped item is dropped whole, so no validator meets a hole in it.
    return items.some((item, i) => item === undefined && value[i] !== null) ? undefined : items;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (!isPlainObject(value)) return mismatch('an object');
    const decoded: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const item = decodeValue(v, map[1] ?? 'any', format, key(path, k), out);
      if (item !== undefined) decoded[k] = item;
    }
    return decoded;
  }
  switch (type) {
    case 'any':
      return value;
    case 'string':
      if (format === 'quantity' && typeof value === 'number') return value;
      return typeof value === 'string' ? value : mismatch('a string', typeof value === 'object' ? '' : ' (quote the value in YAML)');
    case 'Date':
      return typeof value === 'string' || value instanceof Date ? value : mismatch('a date string');
    case 'boolean':
      return typeof value === 'boolean' ? value : mismatch('true or false');
    case 'number':
      return decodeNumber(value, format, mismatch);
    case 'IntOrString':
      return typeof value === 'string' ? value : decodeNumber(value, 'int32', (e) => mismatch(`${e} or a string`));
  }
  const attributes = MODELS.get(type);
  if (!attributes) return value; // a model outside the closure cannot happen; accept rather than crash
  if (!isPlainObject(value)) return mismatch('an object');
  const decoded: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(value)) {
    const attribute = attributes.find((a) => a.baseName === name);
    const fieldPath = child(path, name);
    if (!attribute) {
      out.unknownFields.push(unknownField(fieldPath, `unknown field${suggest(name, attributes)}`));
      continue;
    }
    const fieldFormat = QUANTITY_FIELDS.has(name) ? 'quantity' : attribute.format;
    const item = decodeValue(v, attribute.type, fieldFormat, fieldPath, out);
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

/** ` (did you mean "from"?)` when a known field is one or two edits away, else ''. */
function suggest(name: string, attributes: readonly Attribute[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const a of attributes) {
    const d = a.baseName.toLowerCase() === name.toLowerCase() ? 0 : editDistance(a.baseName, name);
    if (d < bestDistance) [best, bestDistance] = [a.baseName, d];
  }
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
