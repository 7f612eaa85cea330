// Reading an API server's field causes the way the project's validator words its problems.

/** `Invalid value: "x": detail`, `Required value: detail`, `Unsupported value: "x": detail`, `Forbidden: detail`. */
export function causeDetail(message: string): string {
  const valued = /^(?:Invalid value|Unsupported value|Duplicate value): (?:"(?:[^"\\]|\\.)*"|[^ ]*): (.*)$/s.exec(message);
  if (valued) return (valued[1] ?? '').trim();
  const plain = /^(?:Required value|Forbidden|Too long|Too many)(?:: (.*))?$/s.exec(message);
  return plain ? (plain[1] ?? '').trim() : message.trim();
}

/** FieldValueInvalid -> Invalid, FieldValueTypeInvalid -> TypeMismatch, FieldValueUnknown -> UnknownField. */
export function causeReason(reason: string | undefined): string {
  const bare = (reason ?? '').replace(/^FieldValue/, '');
  if (bare === 'TypeInvalid') return 'TypeMismatch';
  if (bare === 'Unknown') return 'UnknownField';
  return bare;
}
