// `netpol-conformance validate`, in-process: output lines, summary and exit codes 0 / 1 / 2.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { runCli, type CliRun } from '../support/cli.js';

const run = (...argv: string[]): Promise<CliRun> => runCli('validate', ...argv);

describe('validate command', () => {
  it('exits 0 and counts the objects when everything is valid', async () => {
    const { code, out, err } = await run('-f', 'fixtures/validation/valid');
    expect([code, out, err]).to.deep.equal([0, '7 objects valid\n', '']);
  });

  it('takes paths as -f (repeatable) or as arguments', async () => {
    const { code, out } = await run('fixtures/validation/valid/pods.yml', '-f', 'fixtures/validation/valid/namespaces.yaml');
    expect([code, out]).to.deep.equal([0, '4 objects valid\n']);
  });

  it('exits 1 with one line per problem on stdout and a summary', async () => {
    const { code, out, err } = await run('-f', 'fixtures/validation/invalid');
    const lines = out.trimEnd().split('\n');
    expect(code).to.equal(1);
    expect(err).to.equal('');
    expect(lines.at(-1)).to.equal('4 problems in 4 objects; 1 object skipped (1 Service): kinds this tool does not model (1 warning)');
    expect(lines).to.include('warning: fixtures/validation/invalid/unknown-kind.yaml:1: Service: not modelled by this tool: 1 Service object skipped, this one (--strict rejects them)');
    expect(lines).to.include(
      'fixtures/validation/invalid/endport-below-port.yaml:12:20: NetworkPolicy prod/db-policy: spec.ingress[0].ports[1].endPort: must be greater than or equal to port (got 8000)',
    );
    expect(lines.filter((l) => l.startsWith('fixtures/validation/invalid/'))).to.have.length(4);
    const strict = await run('-f', 'fixtures/validation/invalid', '--strict');
    expect(strict.out.trimEnd().split('\n').at(-1)).to.equal('5 problems in 5 objects');
  });

  it('rejects host bits by default and accepts them with --no-strict-cidr, with a warning', async () => {
    const strict = await run('-f', 'fixtures/validation/host-bits.yaml');
    expect(strict.code).to.equal(1);
    expect(strict.out).to.include('spec.egress[0].to[0].ipBlock.cidr: must not have bits set beyond the prefix length');
    const lax = await run('-f', 'fixtures/validation/host-bits.yaml', '--no-strict-cidr');
    expect(lax.code).to.equal(0);
    expect(lax.out).to.match(/^warning: fixtures\/validation\/host-bits\.yaml:12:27: .*ambiguous/);
    expect(lax.out.trimEnd().split('\n').at(-1)).to.equal('1 object valid (1 warning)');
    expect((await run('-f', 'fixtures/validation/host-bits.yaml', '--strict-cidr')).code).to.equal(1);
  });

  it('exits 1 naming a path that does not exist', async () => {
    const { code, out } = await run('-f', 'fixtures/validation/nope.yaml');
    expect([code, out]).to.deep.equal([1, 'fixtures/validation/nope.yaml: no such file or directory\n1 problem in 1 object\n']);
  });

  it('exits 1 when a folder holds no manifests', async () => {
    const { code, out } = await run('-f', 'src/cli/commands');
    expect(code).to.equal(1);
    expect(out).to.include('no objects found');
  });

  it('exits 2 without any path, and on an unknown flag or a bad --unknown-fields', async () => {
    const none = await run();
    expect(none.code).to.equal(2);
    expect(none.err).to.include('validate needs at least one manifest: -f PATH');
    expect((await run('-f', 'fixtures/validation/valid', '--bogus')).code).to.equal(2);
    expect((await run('-f', 'fixtures/validation/valid', '--unknown-fields', 'maybe')).code).to.equal(2);
    expect((await run('-f')).code).to.equal(2);
  });

  it('explains itself with --help (exit 0)', async () => {
    const { code, out } = await run('--help');
    expect(code).to.equal(0);
    expect(out).to.include('--no-strict-cidr').and.include('Exit status: 0 all valid, 1 invalid input, 2 usage error');
  });
});
