// The documented lines the docs test cannot run: a synopsis (`[--target sim|netns]`, `FILE...`)
// and a benchmark file run alone (`sh scripts/with-node.sh tsx bench/X.ts`, minutes long, as
// `npm run bench` is). For both, what they name must exist: the sub-command and every flag in its
// --help, the npm script, or the file and every flag it reads.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { runCli } from '../support/cli.js';
import type { DocumentedCommand } from './documented-commands.js';

/** `sh scripts/with-node.sh tsx FILE ...` or `npx tsx FILE ...`: the TypeScript file it runs. */
const TSX = /^(?:npx|sh scripts\/with-node\.sh) tsx (\S+)/;

/** A TypeScript file run alone: a benchmark, or anything shown with `npx tsx` (which checkScript refuses). */
export function isScript(text: string): boolean {
  return TSX.exec(text)?.[1]?.startsWith('bench/') === true || text.startsWith('npx tsx');
}

/** The sub-command a synopsis is about, and every flag it names, must exist in its --help; an npm script must exist. */
export async function checkSynopsis(command: DocumentedCommand, root = PROJECT_ROOT): Promise<void> {
  const words = command.text.split(/\s+/);
  if (words[0] === 'npm' && words[1] === 'run') {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(Object.keys(scripts), `${command.where}: npm script ${words[2]}`).to.include(words[2]);
    return;
  }
  const start = words.indexOf('netpol-conformance');
  expect(start, `${command.where}: a synopsis of netpol-conformance or of an npm script`).to.be.at.least(0);
  const sub: string[] = [];
  for (const w of words.slice(start + 1)) {
    if (!/^[a-z]+$/.test(w)) break;
    sub.push(w);
  }
  const help = await runCli(...sub, '--help');
  expect(help.code, `${command.where}: \`netpol-conformance ${sub.join(' ')} --help\``).to.equal(0);
  for (const flag of command.text.match(/--[a-z][a-z-]*/g) ?? []) expect(help.out, `${command.where}: ${flag} of ${sub.join(' ')}`).to.include(flag);
}

/**
 * A TypeScript file run alone: through scripts/with-node.sh (Node 24 after the set-up; `npx tsx`
 * would run it on the user's node, which may be older than the Node 22 it needs), the file
 * exists, and every flag it is shown with appears in it as a string.
 */
export function checkScript(command: DocumentedCommand, root = PROJECT_ROOT): void {
  expect(command.text, `${command.where}: \`npx tsx\` runs on the user's node, which may be older than 22: show \`sh scripts/with-node.sh tsx\``).to.not.match(/^npx tsx/);
  const file = TSX.exec(command.text)?.[1] ?? '';
  expect(existsSync(join(root, file)), `${command.where}: ${file} exists`).to.equal(true);
  const source = readFileSync(join(root, file), 'utf8');
  for (const flag of command.text.match(/--[a-z][a-z-]*/g) ?? []) {
    expect(source.includes(`'${flag}'`) || source.includes(`"${flag}"`), `${command.where}: ${file} reads ${flag}`).to.equal(true);
  }
}
