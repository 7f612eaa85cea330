// Label selector matching (metav1.LabelSelector): matchLabels AND matchExpressions; `{}` matches
// everything; NotIn and DoesNotExist match objects that lack the key.
import type { LabelSelector, LabelSelectorRequirement, Labels, NetworkPolicyPeer } from './api.js';
import type { PodSpec } from './topology.js';

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

/**
 * Why labels do not satisfy a selector: one phrase per requirement they fail (`lacks name=prod`,
 * `has tier=web, not tier=api`), empty when the selector matches.
 */
export function selectorMismatches(selector: LabelSelector | undefined, labels: Labels): string[] {
  const phrases: string[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
    if (labels[key] === value) continue;
    phrases.push(Object.hasOwn(labels, key) ? `has ${key}=${labels[key]}, not ${key}=${value}` : `lacks ${key}=${value}`);
  }
  for (const req of selector?.matchExpressions ?? []) {
    if (requirementMatches(req, labels)) continue;
    const values = (req.values ?? []).join(',');
    const has = Object.hasOwn(labels, req.key);
    switch (req.operator) {
      case 'In':
        phrases.push(has ? `has ${req.key}=${labels[req.key]}, not one of ${req.key} in (${values})` : `lacks ${req.key} (${req.key} in (${values}))`);
        break;
      case 'NotIn':
        phrases.push(`has ${req.key}=${labels[req.key]} (${req.key} notin (${values}))`);
        break;
      case 'Exists':
        phrases.push(`lacks label ${req.key}`);
        break;
      case 'DoesNotExist':
        phrases.push(`has label ${req.key} (!${req.key})`);
        break;
    }
  }
  return phrases;
}

/**
 * Whether a NetworkPolicy peer made of selectors (no ipBlock) matches a pod: a namespaceSelector
 * matches the pod's namespace labels (`namespaceLabels`, the name label included), a podSelector
 * alone means the policy's own namespace, and the podSelector then matches the pod's labels.
 * Selectors never match a hostNetwork pod: its traffic is its node's.
 */
export function selectorPeerMatches(peer: NetworkPolicyPeer, pod: PodSpec, namespaceLabels: Labels, policyNamespace: string): boolean {
  if (pod.hostNetwork) return false;
  const inNamespace = peer.namespaceSelector ? selectorMatches(peer.namespaceSelector, namespaceLabels) : pod.namespace === policyNamespace;
  return inNamespace && selectorMatches(peer.podSelector, pod.labels);
}
