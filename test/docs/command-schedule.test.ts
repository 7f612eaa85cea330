// What the docs test may run at the same time: what each command line reads and writes, which
// pairs conflict, and that the schedule keeps the docs' order for a conflicting pair only.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { accessOf, conflicts, Schedule, shellWords } from './command-schedule.js';
import { commandsOf } from './documented-commands.js';

describe('command schedule of the docs test', () => {
  it('splits words as the shell does for the docs’ quoting', () => {
    expect(shellWords(`npx netpol-conformance run --tags "not @sctp" 'test/**/*.test.ts'`)).to.deep.equal(['npx', 'netpol-conformance', 'run', '--tags', 'not @sctp', 'test/**/*.test.ts']);
  });

  it('knows what the CLI writes: reports/<target>, --reports, generate and fuzz output, --junit, --conformance-report, > file', () => {
    expect(accessOf('npx netpol-conformance run --target netns generated')).to.deep.equal({ alone: false, reads: ['generated'], writes: ['reports/netns'] });
    expect(accessOf('npx netpol-conformance run --target cluster:kind-calico features/lessons').writes).to.deep.equal(['reports/cluster']);
    expect(accessOf('npx netpol-conformance run features/conformance/cluster-network-policy --conformance-report reports/conformance.yaml').writes).to.deep.equal(['reports/sim', 'reports/conformance.yaml']);
    expect(accessOf('npx netpol-conformance generate --out generated').writes).to.deep.equal(['generated']);
    expect(accessOf('npx netpol-conformance fuzz --target netns --cases 20').writes).to.deep.equal(['fuzz-findings']);
    expect(accessOf('npx netpol-conformance curriculum check curriculum --junit reports/curriculum.xml')).to.deep.equal({ alone: false, reads: ['curriculum'], writes: ['reports/curriculum.xml'] });
    expect(accessOf('npx netpol-conformance matrix -f examples/shop --port 8080/TCP --output html > shop.html')).to.deep.equal({ alone: false, reads: ['examples/shop'], writes: ['shop.html'] });
    expect(accessOf('npx netpol-conformance lint -f fixtures/inputs/cluster-tiers-lint.yaml --disable same-priority-overlap')).to.deep.equal({ alone: false, reads: ['fixtures/inputs/cluster-tiers-lint.yaml'], writes: [] });
    expect(accessOf("npm run test:unit -- 'test/cluster/**/*.test.ts'")).to.deep.equal({ alone: false, reads: ['test/cluster/**/*.test.ts'], writes: [] });
  });

  it('runs alone what rewrites the checkout or is not understood', () => {
    for (const text of ['npm run golden:update', 'npm run schema:update', 'npm run setup && npm run conformance', 'make all', 'npx something-else']) {
      expect(accessOf(text).alone, text).to.equal(true);
    }
  });

  it('a writer conflicts with a reader or writer of the same path or one inside it; readers do not conflict', () => {
    const fuzz = accessOf('npx netpol-conformance fuzz --target netns --fault except-ignored --stop-after 1');
    const rerun = accessOf('npx netpol-conformance run --target sim fuzz-findings/fuzz-1-2.feature');
    expect(conflicts(fuzz, rerun)).to.equal(true);
    expect(conflicts(accessOf('npx netpol-conformance run --target netns features/lessons'), accessOf('npx netpol-conformance run --target netns generated'))).to.equal(true);
    expect(conflicts(accessOf('npx netpol-conformance run --target netns features/lessons'), accessOf('npx netpol-conformance run --target sim features/lessons'))).to.equal(false);
    expect(conflicts(accessOf('npx netpol-conformance explain -f examples/shop --from a --to b --port 80/TCP'), accessOf('npx netpol-conformance lint -f examples/shop'))).to.equal(false);
    expect(conflicts(accessOf('npx netpol-conformance doctor --target netns'), accessOf('npm run golden:update'))).to.equal(true);
  });

  it('every command of the fuzz walk-through that reads an earlier one’s output waits for it', () => {
    const block = ['```sh', 'npx netpol-conformance generate --out generated', 'npx netpol-conformance run --target netns generated', 'npx netpol-conformance fuzz --target netns --fault except-ignored --stop-after 1', 'npx netpol-conformance run --target sim fuzz-findings/fuzz-1-2.feature', '```'].join('\n');
    const [generate, run, fuzz, rerun] = commandsOf('f.md', block).map((c) => accessOf(c.text));
    expect(generate && run && conflicts(generate, run)).to.equal(true);
    expect(fuzz && rerun && conflicts(fuzz, rerun)).to.equal(true);
    expect(generate && fuzz && conflicts(generate, fuzz)).to.equal(false);
  });

  it('starts a command once the earlier ones it conflicts with have ended, and overlaps the others', async () => {
    const schedule = new Schedule();
    const events: string[] = [];
    const job = (name: string, ms: number) => async () => {
      events.push(`${name} starts`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`${name} ends`);
    };
    const write = schedule.add({ alone: false, reads: [], writes: ['out'] });
    const other = schedule.add({ alone: false, reads: ['features'], writes: [] });
    const read = schedule.add({ alone: false, reads: ['out/x'], writes: [] });
    const alone = schedule.add({ alone: true, reads: [], writes: [] });
    // Started in the order the docs show them, as node:test starts tests.
    await Promise.all([write.run(job('write', 30)), other.run(job('other', 5)), read.run(job('read', 5)), alone.run(job('alone', 1))]);
    expect(events.indexOf('other starts')).to.be.below(events.indexOf('write ends'));
    expect(events.indexOf('read starts')).to.be.above(events.indexOf('write ends'));
    expect(events.slice(-2)).to.deep.equal(['alone starts', 'alone ends']);
  });
});
