// The examples a command's --help shows are run as shown, from the project's root: each does what
// its comment says (`rejected` exits 1; otherwise exit 0) and prints a warning only where its
// comment says so, so the help never teaches a command that prints noise or fails.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { buildProgram } from '../../src/cli/main.js';
import { EXIT } from '../../src/cli/context.js';
import { runCli } from '../support/cli.js';

interface Example {
  command: string;
  argv: string[];
  comment: string;
}

async function helpOf(path: string[]): Promise<string> {
  return (await runCli(...path, '--help')).out;
}

/** `  netpol-conformance validate -f x   # comment` lines of every command's --help. */
async function examples(): Promise<Example[]> {
  const program = buildProgram({ io: { out: () => undefined, err: () => undefined }, exitCode: EXIT.ok });
  const paths = program.commands.flatMap((c) => [[c.name()], ...c.commands.map((s) => [c.name(), s.name()])]);
  const found: Example[] = [];
  for (const path of paths) {
    for (const line of (await helpOf(path)).split('\n')) {
      const m = /^\s+netpol-conformance (.+?)(?:\s+#\s*(.*))?$/.exec(line);
      if (m?.[1]) found.push({ command: path.join(' '), argv: m[1].trim().split(/\s+/), comment: m[2] ?? '' });
    }
  }
  return found;
}

describe('the examples of --help', async () => {
  const all = await examples();

  it('there are examples to run', () => {
    expect(all.length).to.be.at.least(3);
  });

  for (const example of all) {
    it(`netpol-conformance ${example.argv.join(' ')}`, async () => {
      const { code, out, err } = await runCli(...example.argv);
      const rejected = /\brejected\b/.test(example.comment);
      expect(code, `${out}${err}`).to.equal(rejected ? EXIT.invalid : EXIT.ok);
      const warns = /^warning: /m.test(out);
      expect(warns, `warnings printed:\n${out}`).to.equal(/\bwarning\b/.test(example.comment));
    });
  }
});
