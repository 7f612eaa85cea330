// Field errors before they are tied to an object: the counterpart of upstream's field.ErrorList.
// Validators return these; validateDocument adds the file, object and kind (see problem.ts).
import type { Problem } from './problem.js';

export type FieldError = Pick<Problem, 'field' | 'reason' | 'message' | 'value'>;

/** What a validator found: errors reject the object; warnings are what the API server would warn about. */
export interface Findings {
  errors: FieldError[];
  warnings: FieldError[];
}

export function child(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** A map entry, written as upstream's field.Path.Key does: `metadata.labels[app]`. */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

export function required(field: string, message = ''): FieldError {
  return { field, reason: 'Required', message };
}

export function invalid(field: string, value: unknown, message: string): FieldError {
  return { field, reason: 'Invalid', message, value };
}

export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  return { field, reason: 'NotSupported', message: `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`, value };
}

export function forbidden(field: string, message: string): FieldError {
  return { field, reason: 'Forbidden', message };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { field, reason: 'Duplicate', message: '', value };
}

export function typeMismatch(field: string, value: unknown, message: string): FieldError {
  return { field, reason: 'TypeMismatch', message, value };
}

export function unknownField(field: string, message: string): FieldError {
  return { field, reason: 'UnknownField', message };
}

/** One Invalid error per message of a syntax check (upstream's `for _, msg := range IsX(v)` idiom). */
export function invalidEach(field: string, value: unknown, messages: readonly string[]): FieldError[] {
  return messages.map((m) => invalid(field, value, m));
}
