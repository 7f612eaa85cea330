// One problem found in the input: where (file, document, line), which object, which field, what is
// wrong. `reason` and `message` follow the API server's field errors (apimachinery
// pkg/util/validation/field/errors.go) so a cluster's dry-run answer can be compared cause by cause.
import type { ObjectSource } from '../model/api.js';

/** The API server's cause reasons (without the `FieldValue` prefix), plus the decoding failures. */
export type ProblemReason =
  | 'Required'
  | 'Invalid'
  | 'NotSupported'
  | 'Forbidden'
  | 'Duplicate'
  | 'TooLong'
  | 'TooMany'
  /** The value has the wrong JSON type (the API server fails to decode it: HTTP 400). */
  | 'TypeMismatch'
  /** A field the schema does not have (strict field validation, kubectl's default: HTTP 400). */
  | 'UnknownField'
  /** The text is not YAML, or the document is not an object this tool reads. */
  | 'Syntax';

export interface Problem {
  source: ObjectSource;
  /** `namespace/name`, `name` for a Namespace, or `document N` when the object has no usable name. */
  object: string;
  /** The kind as written, when there is one. */
  kind?: string;
  /** Field path as the API server writes it (`spec.ingress[0].ports[1].endPort`); '' for the whole document. */
  field: string;
  reason: ProblemReason;
  /** The detail text, worded as upstream's (backquotes included). */
  message: string;
  /** The offending value, when there is one to show. */
  value?: unknown;
  /** 1-based line (and column) in the file, when known. */
  line?: number;
  column?: number;
}

/** `bad.yaml:14`, or `bad.yaml#2` (1-based document) when the line is unknown. */
export function formatLocation(source: ObjectSource, line?: number, column?: number): string {
  if (line !== undefined) return `${source.file}:${line}${column !== undefined ? `:${column}` : ''}`;
  return source.document === undefined ? source.file : `${source.file}#${source.document + 1}`;
}

/** Renders a value the way the API server's messages do: strings quoted, the rest as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return value.toString();
  // JSON has no text for a function or a symbol; decoded YAML holds neither, so name the type.
  return JSON.stringify(value) ?? typeof value;
}

/** The detail as a person reads it: upstream's words without markdown backquotes, plus the value. */
export function describeProblem(p: Problem): string {
  const text = p.message.replaceAll('`', '');
  switch (p.reason) {
    case 'Required':
      return text === '' ? 'required value' : text;
    case 'Invalid':
      return p.value === undefined ? text : `${text} (got ${shortened(formatValue(p.value), MAX_VALUE)})`;
    case 'NotSupported':
      return `unsupported value ${shortened(formatValue(p.value), MAX_VALUE)}: ${text}`;
    case 'Duplicate':
      return `duplicate value ${shortened(formatValue(p.value), MAX_VALUE)}${text === '' ? '' : `: ${text}`}`;
    case 'Forbidden':
    case 'TooLong':
    case 'TooMany':
    case 'TypeMismatch': // its message already shows the value
    case 'UnknownField':
    case 'Syntax':
      return text;
  }
}

/** Longer values, names and fields are shortened, so one huge value or key cannot make a line unreadable. */
const MAX_VALUE = 300;
const MAX_PART = 1000;

function shortened(text: string, max = MAX_PART): string {
  return text.length <= max ? text : `${text.slice(0, max - 100)}... (${text.length} characters in all)`;
}

/** `\u0000` for each control character. */
function escapeControls(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    out += code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  }
  return out;
}

/** One line: `FILE[:LINE]: KIND namespace/name: FIELD: MESSAGE`. */
export function formatProblem(p: Problem): string {
  const parts = [formatLocation(p.source, p.line, p.column)];
  const what = [p.kind, p.object].filter((s) => s !== undefined && s !== '').join(' ');
  if (what !== '') parts.push(shortened(what, MAX_VALUE));
  if (p.field !== '') parts.push(shortened(p.field, MAX_VALUE));
  // Control characters (a NUL in a value) would break the line or the terminal: show them escaped.
  parts.push(escapeControls(shortened(describeProblem(p))));
  return parts.join(': ');
}

/**
 * The cause as the API server words it (`field.Error.Error()`), e.g.
 * `spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive`.
 */
export function apiServerMessage(p: Problem): string {
  const value = formatValue(p.value);
  const detail = p.message;
  const body = ((): string => {
    switch (p.reason) {
      case 'Required':
        return detail === '' ? 'Required value' : `Required value: ${detail}`;
      case 'Invalid':
        return `Invalid value: ${value}: ${detail}`;
      case 'NotSupported':
        return `Unsupported value: ${value}: ${detail}`;
      case 'Forbidden':
        return `Forbidden: ${detail}`;
      case 'Duplicate':
        return `Duplicate value: ${value}`;
      case 'TooLong':
        return `Too long: ${detail}`;
      case 'TooMany':
        return `Too many: ${detail}`;
      case 'TypeMismatch':
      case 'UnknownField':
      case 'Syntax':
        return detail;
    }
  })();
  return p.field === '' ? body : `${p.field}: ${body}`;
}
