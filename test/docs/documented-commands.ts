// The command lines the docs show: every line of a ```sh block of README.md and docs/*.md
// (continuations joined, a trailing comment kept apart: it may say how the command exits), and every inline `npx ...`, `npm ...` and
// `sh scripts/with-node.sh ...` of their prose.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DocumentedCommand {
  /** `docs/cluster.md:29`. */
  where: string;
  text: string;
  /** Commands of the same ```sh block share it (a block may start a server the next line uses). */
  block?: number;
  /** The `# comment` after the command in its block, which may say what it exits with. */
  comment?: string;
}

/** A line's code and its `# comment` (one that starts outside quotes). */
function splitComment(line: string): { code: string; comment?: string } {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) {
      return { code: line.slice(0, i).trimEnd(), comment: line.slice(i + 1).trim() };
    }
  }
  return { code: line.trimEnd() };
}

/**
 * The exit code a command's comment promises: `# fails` is 1, `# exit N` or `# exit N: why` is N;
 * undefined when it promises none (the command must then succeed).
 */
export function promisedExit(comment: string | undefined): number | undefined {
  if (comment === undefined) return undefined;
  const code = /^exit (\d+)\b/.exec(comment);
  if (code) return Number(code[1]);
  return /^fails\b/.test(comment) ? 1 : undefined;
}

export function commandsOf(file: string, text: string): DocumentedCommand[] {
  const commands: DocumentedCommand[] = [];
  const lines = text.split('\n');
  let block: number | undefined;
  let pending: { start: number; text: string } | undefined;
  lines.forEach((raw, i) => {
    const fence = /^```(\w*)/.exec(raw.trim());
    if (fence) {
      block = block === undefined && ['sh', 'bash', 'shell'].includes(fence[1] ?? '') ? i + 1 : undefined;
      return;
    }
    if (block === undefined) {
      for (const m of raw.matchAll(/`((?:npx|npm|sh scripts\/with-node\.sh) [^`]+)`/g)) commands.push({ where: `${file}:${i + 1}`, text: m[1] ?? '' });
      return;
    }
    const { code, comment } = splitComment(raw);
    const line = code.trim();
    if (line === '' && pending === undefined) return;
    const joined = pending ? `${pending.text} ${line}` : line;
    if (joined.endsWith('\\')) {
      pending = { start: pending?.start ?? i, text: joined.slice(0, -1).trimEnd() };
      return;
    }
    commands.push({ where: `${file}:${(pending?.start ?? i) + 1}`, text: joined, block, ...(comment !== undefined ? { comment } : {}) });
    pending = undefined;
  });
  return commands;
}

export function documentedCommands(root: string): DocumentedCommand[] {
  const files = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
  return files.flatMap((file) => commandsOf(file, readFileSync(join(root, file), 'utf8')));
}

/** A synopsis, not a command: `[optional]`, `a|b` choices or `...` repetition. */
export function isSynopsis(text: string): boolean {
  return /[[\]|]|\.\.\./.test(text.replace(/"[^"]*"|'[^']*'/g, ''));
}
