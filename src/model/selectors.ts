// Label selector matching (metav1.LabelSelector): matchLabels AND matchExpressions; `{}` matches
// everything; NotIn and DoesNotExist match objects that lack the key.
import type { LabelSelector, LabelSelectorRequirement, Labels } from './api.js';

export function requirementMatches(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  switch (req.operator) {
    case 'In':
      return has && value !== undefined && (req.values ?? []).includes(value);
    case 'NotIn':
      return !has || value === undefined || !(req.values ?? []).includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

export function selectorMatches(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    if (!requirementMatches(req, labels)) return false;
  }
  return true;
}

/** A selector as kubectl would print it, for explanations: `role=db,tier in (a,b)`, or `<all>`. */
export function formatSelector(selector: LabelSelector | undefined): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) parts.push(`${key}=${value}`);
  for (const req of selector?.matchExpressions ?? []) {
    switch (req.operator) {
      case 'In':
        parts.push(`${req.key} in (${(req.values ?? []).join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${req.key} notin (${(req.values ?? []).join(',')})`);
        break;
      case 'Exists':
        parts.push(req.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${req.key}`);
        break;
    }
  }
  return parts.length === 0 ? '<all>' : parts.join(',');
}
