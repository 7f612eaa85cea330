// Validation of a custom resource against its CRD's structural OpenAPI v3 schema, as the API server
// does it on create (apiextensions-apiserver): nulls pruned, defaults applied, unknown fields
// reported (kubectl's strict field validation), then types, enums, bounds, sizes, patterns,
// list-type sets and maps, and the x-kubernetes-validations CEL rules (./cel-rules.ts) of every
// node whose value is present. Messages follow the API server's wording.
import { child, index, invalid, key, notSupported, required, typeMismatch, unknownField, type FieldError } from '../field-errors.js';
import { closestName, describeJson, isPlainObject } from '../schema.js';
import { celValue, evaluateRules } from './cel-rules.js';
import type { OpenApiSchema } from './schema-types.js';

export type { OpenApiSchema } from './schema-types.js';


export interface SchemaResult {
  /** The value as the API server stores it: nulls and unknown fields dropped, defaults applied. */
  value: unknown;
  errors: FieldError[];
  unknownFields: FieldError[];
}

interface Walk {
  errors: FieldError[];
  unknownFields: FieldError[];
}


const TYPE_WORDS: Record<NonNullable<OpenApiSchema['type']>, string> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
};

function hasType(value: unknown, schema: OpenApiSchema): boolean {
  if (schema['x-kubernetes-int-or-string']) return typeof value === 'string' || Number.isInteger(value);
  switch (schema.type) {
    case undefined:
      return true;
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
  }
}

/** Validates `raw` at `path`; `skip` names root fields validated elsewhere (metadata). */
export function validateAgainstSchema(raw: unknown, schema: OpenApiSchema, path = '', skip: readonly string[] = []): SchemaResult {
  const walk: Walk = { errors: [], unknownFields: [] };
  const value = visit(raw, schema, path, walk, skip);
  return { value, errors: walk.errors, unknownFields: walk.unknownFields };
}

function visit(raw: unknown, schema: OpenApiSchema, path: string, walk: Walk, skip: readonly string[] = []): unknown {
  if (raw === null || raw === undefined) return undefined; // null is pruned like an absent field
  if (!hasType(raw, schema)) {
    const hint = schema.type === 'string' && typeof raw !== 'object' ? ' (quote the value in YAML)' : '';
    walk.errors.push(typeMismatch(path, raw, `must be ${TYPE_WORDS[schema.type ?? 'object']}, not ${describeJson(raw)}${hint}`));
    return undefined;
  }
  const before = walk.errors.length;
  let value: unknown = raw;
  if (isPlainObject(raw)) value = visitObject(raw, schema, path, walk, skip);
  else if (Array.isArray(raw)) value = visitArray(raw, schema, path, walk);
  else checkScalar(raw, schema, path, walk);
  const rules = schema['x-kubernetes-validations'] ?? [];
  if (rules.length > 0) {
    const subtreeInvalid = walk.errors.length > before;
    walk.errors.push(...evaluateRules(rules, celValue(value, schema, skip), value, path, subtreeInvalid));
  }
  return value;
}

function visitObject(raw: Record<string, unknown>, schema: OpenApiSchema, path: string, walk: Walk, skip: readonly string[]): Record<string, unknown> {
  const properties = schema.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(raw)) {
    if (skip.includes(name)) {
      out[name] = item;
      continue;
    }
    const itemSchema = properties[name] ?? (isPlainObject(schema.additionalProperties) ? schema.additionalProperties : undefined);
    // Map entries are written as upstream's field.Path.Key does: `matchLabels[app]`.
    const fieldPath = properties[name] === undefined && itemSchema !== undefined ? key(path, name) : child(path, name);
    if (itemSchema === undefined) {
      if (schema['x-kubernetes-preserve-unknown-fields'] || schema.additionalProperties === true) out[name] = item;
      else walk.unknownFields.push(unknownField(fieldPath, `unknown field${suggestion(name, Object.keys(properties))}`));
      continue;
    }
    const decoded = visit(item, itemSchema, fieldPath, walk);
    if (decoded !== undefined) out[name] = decoded;
  }
  // Defaults apply to absent fields before validation (and so before the required check).
  for (const [name, itemSchema] of Object.entries(properties)) {
    if (out[name] === undefined && itemSchema.default !== undefined) out[name] = structuredClone(itemSchema.default);
  }
  for (const name of schema.required ?? []) {
    if (out[name] === undefined && !skip.includes(name)) walk.errors.push(required(child(path, name)));
  }
  const count = Object.keys(out).length;
  if (schema.minProperties !== undefined && count < schema.minProperties) {
    walk.errors.push(invalid(path, count, `should have at least ${schema.minProperties} ${schema.minProperties === 1 ? 'property' : 'properties'}${setFields(properties)}`));
  }
  if (schema.maxProperties !== undefined && count > schema.maxProperties) {
    walk.errors.push({ field: path, reason: 'TooMany', message: `must have at most ${schema.maxProperties} ${schema.maxProperties === 1 ? 'property' : 'properties'}, has ${count} (${Object.keys(out).join(', ')})`, value: count });
  }
  return out;
}

/** For "exactly one of" objects, say which fields there are to choose from. */
function setFields(properties: Record<string, OpenApiSchema>): string {
  const names = Object.keys(properties);
  return names.length > 1 ? `: set one of ${names.join(', ')}` : '';
}

function suggestion(name: string, known: readonly string[]): string {
  const best = closestName(name, known);
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

function visitArray(raw: unknown[], schema: OpenApiSchema, path: string, walk: Walk): unknown[] {
  const items: unknown[] = [];
  raw.forEach((item, i) => {
    const decoded = schema.items ? visit(item, schema.items, index(path, i), walk) : item;
    if (decoded !== undefined) items.push(decoded);
  });
  if (schema.minItems !== undefined && raw.length < schema.minItems) {
    walk.errors.push(invalid(path, raw.length, `should have at least ${schema.minItems} ${schema.minItems === 1 ? 'item' : 'items'}`));
  }
  if (schema.maxItems !== undefined && raw.length > schema.maxItems) {
    walk.errors.push({ field: path, reason: 'TooMany', message: `must have at most ${schema.maxItems} items, has ${raw.length}`, value: raw.length });
  }
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'set' || listType === 'map') {
    const keys = schema['x-kubernetes-list-map-keys'] ?? [];
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const identity = listType === 'set' ? JSON.stringify(item) : JSON.stringify(keys.map((k) => (isPlainObject(item) ? item[k] : undefined)));
      if (seen.has(identity)) walk.errors.push({ field: index(path, i), reason: 'Duplicate', message: '', value: item });
      seen.add(identity);
    });
  }
  return items;
}

function checkScalar(value: unknown, schema: OpenApiSchema, path: string, walk: Walk): void {
  if (schema.enum !== undefined && !schema.enum.some((e) => e === value)) {
    walk.errors.push(notSupported(path, value, schema.enum.map(String)));
    return;
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) walk.errors.push(invalid(path, value, `should be greater than or equal to ${schema.minimum}`));
    if (schema.maximum !== undefined && value > schema.maximum) walk.errors.push(invalid(path, value, `should be less than or equal to ${schema.maximum}`));
  }
  if (typeof value === 'string') {
    // The API server counts characters (runes), not UTF-16 units.
    const length = Array.from(value).length;
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      walk.errors.push({ field: path, reason: 'TooLong', message: `may not be more than ${schema.maxLength} characters`, value });
    }
    if (schema.minLength !== undefined && length < schema.minLength) walk.errors.push(invalid(path, value, `should be at least ${schema.minLength} chars long`));
    if (schema.pattern !== undefined && !patternOf(schema.pattern).test(value)) {
      walk.errors.push(invalid(path, value, `should match '${schema.pattern}'`));
    }
  }
}

const patterns = new Map<string, RegExp>();

/** CRD patterns are RE2 (Go); the ones upstream writes mean the same as a JavaScript RegExp. */
function patternOf(source: string): RegExp {
  let compiled = patterns.get(source);
  if (!compiled) patterns.set(source, (compiled = new RegExp(source)));
  return compiled;
}
