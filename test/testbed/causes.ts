// Reading an API server's field causes the way the project's validator words its problems.

/** `Invalid value: "x": detail`, `Required value: detail`, `Unsupported value: "x": detail`, `Forbidden: detail`. */
export function causeDetail(message: string): string {
  const valued = /^(?:Invalid value|Unsupported value|Duplicate value): (?:"(?:[^"\\]|\\.)*"|[^ ]*): (.*)$/s.exec(message);
  if (valued) return (valued[1] ?? '').trim();
  const plain = /^(?:Required value|Forbidden|Too long|Too many|Invalid value)(?:: (.*))?$/s.exec(message);
  return plain ? (plain[1] ?? '').trim() : message.trim();
}

/**
 * A custom resource's causes without the notice the API server adds when schema errors kept it
 * from evaluating the CEL rules ("some validation rules were not checked because the object was
 * invalid"): it is not a finding about the object, and the validator does not repeat it.
 */
export function customResourceCauses<T extends { field: string; message: string }>(causes: readonly T[]): T[] {
  return causes.filter((c) => !(c.field === '' && c.message.includes('some validation rules were not checked')));
}

/** FieldValueInvalid -> Invalid, FieldValueTypeInvalid -> TypeMismatch, FieldValueUnknown -> UnknownField. */
export function causeReason(reason: string | undefined): string {
  const bare = (reason ?? '').replace(/^FieldValue/, '');
  if (bare === 'TypeInvalid') return 'TypeMismatch';
  if (bare === 'Unknown') return 'UnknownField';
  return bare;
}
