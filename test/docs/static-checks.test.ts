// The checks of the documented lines the docs test cannot run pass on what exists and fail,
// naming the line and what is missing, on a flag, script or file that does not.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { isSynopsis } from './documented-commands.js';
import { checkScript, checkSynopsis, isScript } from './static-checks.js';

/** The message a check fails with ('' when it passes). */
async function failure(check: () => unknown): Promise<string> {
  try {
    await check();
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const at = (text: string) => ({ where: 'docs/x.md:7', text });

describe('checks of documented synopses and benchmark lines', () => {
  it('a synopsis whose sub-command has every flag it names passes', async () => {
    expect(await failure(() => checkSynopsis(at('npx netpol-conformance curriculum check DIR [--target sim|netns] [--junit FILE]')))).to.equal('');
    expect(await failure(() => checkSynopsis(at('npm run test:unit -- FILE...')))).to.equal('');
  });

  it('a synopsis naming a flag its sub-command does not have fails, naming the line and the flag', async () => {
    const message = await failure(() => checkSynopsis(at('npx netpol-conformance run [--target sim|netns] [--no-such-flag]')));
    expect(message).to.include('docs/x.md:7: --no-such-flag of run');
    expect(await failure(() => checkSynopsis(at('npx netpol-conformance fuzz --target T [--casez N]')))).to.include('--casez of fuzz');
  });

  it('a synopsis of an unknown npm script, or of some other program, fails', async () => {
    expect(await failure(() => checkSynopsis(at('npm run no-such-script -- FILE...')))).to.include('npm script no-such-script');
    expect(await failure(() => checkSynopsis(at('kubectl apply -f FILE...')))).to.include('a synopsis of netpol-conformance');
  });

  it('a benchmark line is a script, not a synopsis of netpol-conformance, though it has [--flag N]', () => {
    const line = 'sh scripts/with-node.sh tsx bench/cli-start.ts [--runs N]';
    expect(isSynopsis(line)).to.equal(true);
    expect(isScript(line)).to.equal(true);
    expect(isScript('npx tsx bench/cli-start.ts [--runs N]')).to.equal(true);
    expect(isScript('sh scripts/with-node.sh tsx --test test/docs/commands.docs.ts')).to.equal(false);
    expect(isScript('npx netpol-conformance run [--tags EXPR]')).to.equal(false);
  });

  it('a benchmark file that exists and reads every flag shown passes; npx tsx, a missing file or flag fails', async () => {
    expect(await failure(() => checkScript(at('sh scripts/with-node.sh tsx bench/cli-start.ts [--runs N]')))).to.equal('');
    expect(await failure(() => checkScript(at('sh scripts/with-node.sh tsx bench/fuzz.ts --seed 1')))).to.equal('');
    expect(await failure(() => checkScript(at('npx tsx bench/cli-start.ts [--runs N]')))).to.include('show `sh scripts/with-node.sh tsx`');
    expect(await failure(() => checkScript(at('sh scripts/with-node.sh tsx bench/cli-start.ts [--rounds N]')))).to.include('bench/cli-start.ts reads --rounds');
    expect(await failure(() => checkScript(at('sh scripts/with-node.sh tsx bench/no-such.ts')))).to.include('bench/no-such.ts exists');
  });
});
