// Labels and label selectors, as apimachinery's ValidateLabels / ValidateLabelSelector
// (pkg/apis/meta/v1/validation). Note upstream reports label errors at the map's path
// (`metadata.labels`), not at the key, with the bad key or value as the value.
import type { LabelSelector } from '../model/api.js';
import { child, forbidden, index, invalid, invalidEach, required, type FieldError } from './field-errors.js';
import { isLabelKey, isLabelValue } from './names.js';

export function validateLabels(labels: Readonly<Record<string, string>> | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errors.push(...invalidEach(field, k, isLabelKey(k)));
    errors.push(...invalidEach(field, v, isLabelValue(v)));
  }
  return errors;
}

export function validateLabelSelector(selector: LabelSelector | undefined, field: string): FieldError[] {
  if (!selector) return [];
  const errors = validateLabels(selector.matchLabels, child(field, 'matchLabels'));
  (selector.matchExpressions ?? []).forEach((requirement, i) => {
    const path = index(child(field, 'matchExpressions'), i);
    const values = requirement.values ?? [];
    // Decoded input: the operator is any string until checked here.
    const operator: string = requirement.operator ?? '';
    const requirementKey: string = requirement.key ?? '';
    switch (operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errors.push(required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errors.push(forbidden(child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errors.push(invalid(child(path, 'operator'), operator, 'not a valid selector operator'));
    }
    errors.push(...invalidEach(child(path, 'key'), requirementKey, isLabelKey(requirementKey)));
    values.forEach((value, j) => errors.push(...invalidEach(index(child(path, 'values'), j), value, isLabelValue(value))));
  });
  return errors;
}
