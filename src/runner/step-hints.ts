// What cucumber prints for a step that matches no step definition. Instead of a JavaScript snippet
// (a scenario writer does not write step code), the closest documented steps by edit distance and a
// pointer to docs/steps.md. Loaded by cucumber as its snippet syntax (formatOptions.snippetSyntax),
// from the sources or from the built CLI (bin/build.js makes it an entry of its own).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distance } from 'fastest-levenshtein';
import { PROJECT_ROOT } from '../project-root.js';

const KEYWORD = /^\s*(?:Given|When|Then|And|But)\s+/;

/** The example steps of docs/steps.md: every step line of its gherkin blocks, without the keyword. */
export function documentedSteps(markdown: string = readFileSync(join(PROJECT_ROOT, 'docs/steps.md'), 'utf8')): string[] {
  const steps: string[] = [];
  let inGherkin = false;
  for (const line of markdown.split('\n')) {
    if (/^```/.test(line.trim())) {
      inGherkin = line.trim() === '```gherkin';
      continue;
    }
    if (inGherkin && KEYWORD.test(line)) steps.push(line.replace(KEYWORD, '').trim());
  }
  return [...new Set(steps)];
}

/**
 * A step's shape, for comparing a written step with the examples: its ports, quoted strings,
 * endpoints and numbers become placeholders, so `dev/api cannot connect to prod/db on 3306/TCP`
 * and `x/a cannot connect to x/b on 80/TCP` are the same step.
 */
export function stepShape(text: string): string {
  return text
    .replace(/\\(.)/g, '$1') // cucumber escapes / ( ) { } in generated expressions
    .replace(/"[^"]*"/g, '{string}')
    .replace(/\b\d+\/(?:TCP|UDP|SCTP)\b/g, '{port}')
    .replace(/\{(?:int|float|word)\}\/(?:TCP|UDP|SCTP)/g, '{port}')
    .replace(/(?<![\w{])[a-z0-9][a-z0-9.-]*\/[a-z0-9*][a-z0-9.-]*(?![\w}])/g, '{endpoint}')
    .replace(/\b\d+\b/g, '{int}')
    .toLowerCase()
    .trim();
}

/** The documented steps closest to `text` (by edit distance of their shapes), best first. */
export function closestSteps(text: string, count = 3, examples: readonly string[] = documentedSteps()): string[] {
  const shape = stepShape(text);
  const seen = new Set<string>();
  return examples
    .map((example) => ({ example, shape: stepShape(example) }))
    .filter(({ shape: s }) => (seen.has(s) ? false : (seen.add(s), true)))
    .map(({ example, shape: s }) => ({ example, d: distance(shape, s) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, count)
    .map(({ example }) => example);
}

export const UNDEFINED_HEADER = 'Undefined: this step matches no step of the vocabulary.';

interface SnippetOptions {
  generatedExpressions: readonly { source: string }[];
}

/** cucumber's snippet syntax interface: `build` returns what is printed under an undefined step. */
export default class StepHints {
  build({ generatedExpressions }: SnippetOptions): string {
    const written = generatedExpressions[0]?.source ?? '';
    const lines = closestSteps(written).map((s) => `  ${s}`);
    return [`The closest steps of the vocabulary (all of them: docs/steps.md):`, ...lines].join('\n');
  }
}
