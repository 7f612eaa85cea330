// metadata, as upstream's ValidateObjectMeta (pkg/apis/core/validation): name by the kind's rule,
// namespace a DNS-1123 label for namespaced kinds, labels and annotation keys.
import type { ObjectMeta } from '../model/api.js';
import { child, invalid, invalidEach, required, type FieldError } from './field-errors.js';
import { isDns1123Label, isLabelKey } from './names.js';
import { validateLabels } from './selectors.js';

export type NameRule = (name: string) => string[];

export interface DecodedMeta extends Partial<ObjectMeta> {
  generateName?: string;
  annotations?: Record<string, string>;
}

export function validateObjectMeta(meta: DecodedMeta | undefined, nameRule: NameRule, namespaced: boolean): FieldError[] {
  const path = 'metadata';
  const errors: FieldError[] = [];
  const name = meta?.name ?? '';
  if (name === '') {
    // Upstream also accepts generateName; a conformance scenario needs names it can refer to.
    errors.push(
      required(child(path, 'name'), meta?.generateName ? 'must be set (generateName is not supported here)' : 'name or generateName is required'),
    );
  } else {
    errors.push(...invalidEach(child(path, 'name'), name, nameRule(name)));
  }
  if (namespaced && meta?.namespace !== undefined) {
    errors.push(...invalidEach(child(path, 'namespace'), meta.namespace, isDns1123Label(meta.namespace)));
  }
  errors.push(...validateLabels(meta?.labels, child(path, 'labels')));
  for (const k of Object.keys(meta?.annotations ?? {})) {
    errors.push(...isLabelKey(k.toLowerCase()).map((m) => invalid(child(path, 'annotations'), k, m)));
  }
  return errors;
}
