// What the core API objects (./api.ts) and the cluster-scoped policy kinds (./cluster-policy.ts)
// both speak: protocols, labels, label selectors.

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export type Labels = Readonly<Record<string, string>>;

/** The namespace label every namespace carries, immutable (KEP-2161). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}
