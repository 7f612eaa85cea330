// Finds the manifests a lesson's feature refers to, so a missing file is reported before any
// scenario runs, with the feature line that names it. Paths resolve the way the steps resolve them
// (src/harness/scenario.ts): against the feature file's folder first, then the current directory.
export { candidatePaths, resolveReference } from '../harness/manifest-paths.js';

/**
 * How a step uses the file. `validate` references (`the manifest "X" is validated`) name manifests
 * a lesson may show as invalid on purpose: the scenario judges them, not the curriculum check.
 */
export type ReferenceUse = 'apply' | 'declare' | 'validate';

export interface ManifestReference {
  /** 1-based line of the step in the feature file. */
  line: number;
  /** The path as written in the step. */
  path: string;
  use: ReferenceUse;
}

// The step texts of docs/steps.md that name a file. Keywords (Given/When/And/...) are not anchored
// so any of them, in any language cucumber knows, is accepted.
const PATTERNS: readonly { regexp: RegExp; use: ReferenceUse }[] = [
  { regexp: /\bthe manifest "([^"]+)" is applied\s*$/, use: 'apply' },
  { regexp: /\bthe manifests in "([^"]+)"\s*$/, use: 'declare' },
  { regexp: /\bthe manifest "([^"]+)" is validated\s*$/, use: 'validate' },
];

/** Every manifest reference in a feature's text, in order; doc strings and comments are skipped. */
export function findManifestReferences(featureText: string): ManifestReference[] {
  const references: ManifestReference[] = [];
  let docString: string | undefined;
  featureText.split(/\r?\n/).forEach((raw, i) => {
    const text = raw.trim();
    const fence = text.startsWith('"""') ? '"""' : text.startsWith('```') ? '```' : undefined;
    if (fence !== undefined && (docString === undefined || docString === fence)) {
      docString = docString === undefined ? fence : undefined;
      return;
    }
    if (docString !== undefined || text.startsWith('#')) return;
    for (const { regexp, use } of PATTERNS) {
      const match = regexp.exec(text);
      if (match?.[1] !== undefined) references.push({ line: i + 1, path: match[1], use });
    }
  });
  return references;
}
