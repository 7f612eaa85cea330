// How the docs' command lines are read: a ```sh block's lines with continuations joined, the
// comment after a command kept apart (it may promise an exit code), and inline npx/npm commands.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { commandsOf, promisedExit } from './documented-commands.js';

describe('documented commands', () => {
  it('reads a block: continuations joined, comments kept apart, # inside quotes kept', () => {
    const text = ['Run `npx netpol-conformance doctor` first, `sh scripts/with-node.sh tsx bench/fuzz.ts` alone.', '```sh', 'npx a --x \\', '  --y   # fails', "npx b '#not a comment'", '# a comment line', '```'].join('\n');
    expect(commandsOf('f.md', text)).to.deep.equal([
      { where: 'f.md:1', text: 'npx netpol-conformance doctor' },
      { where: 'f.md:1', text: 'sh scripts/with-node.sh tsx bench/fuzz.ts' },
      { where: 'f.md:3', text: 'npx a --x --y', block: 2, comment: 'fails' },
      { where: 'f.md:5', text: "npx b '#not a comment'", block: 2 },
    ]);
  });

  it('a comment promises an exit code with `fails` or `exit N`; anything else promises none', () => {
    expect(promisedExit('fails')).to.equal(1);
    expect(promisedExit('exit 1: found one, wrote it')).to.equal(1);
    expect(promisedExit('exit 0: nothing disagreed')).to.equal(0);
    expect(promisedExit('passes')).to.equal(undefined);
    expect(promisedExit('8 families, 490 cases')).to.equal(undefined);
    expect(promisedExit(undefined)).to.equal(undefined);
  });
});
