// `netpol-conformance matrix`, in-process: glyph tables, the exact JSON shape, external hosts, and
// exit codes (0 ok, 1 invalid manifest, 2 usage error).
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli, type CliRun } from '../support/cli.js';

const LESSON = 'fixtures/lessons/network-policies';
const TOPOLOGY = `${LESSON}/topology.yaml`;
const PODS = ['prod/db', 'prod/api', 'prod/web', 'dev/api', 'test/api'];

const matrix = (...argv: string[]): Promise<CliRun> => runCli('matrix', ...argv);

/** Reads the glyph table printed for `port` into `from>to` -> glyph. */
function glyphs(out: string, port: string): Map<string, string> {
  const section = out.split('\n\n').find((s) => s.startsWith(`${port}:\n`));
  if (!section) throw new Error(`no table for ${port} in:\n${out}`);
  const rows = section.split('\n').slice(1).map((line) => line.split('|').slice(1, -1).map((c) => c.trim()));
  const [header, ...body] = rows;
  const cells = new Map<string, string>();
  for (const row of body) header?.slice(1).forEach((to, i) => cells.set(`${row[0]}>${to}`, row[i + 1] ?? ''));
  return cells;
}

interface JsonFlow {
  from: string;
  to: string;
  port: number;
  protocol: string;
  allowed: boolean;
  served: boolean;
}

describe('matrix command', () => {
  it('prints one glyph table per port: . allowed, X denied, - not judged, o allowed but not served', async () => {
    const { code, out, err } = await matrix('-f', TOPOLOGY, '-f', `${LESSON}/2-db-policy-allow-api.yaml`, '--port', '3306/TCP', '--port', '80/TCP');
    expect([code, err]).to.deep.equal([0, '']);
    const db = glyphs(out, '3306/TCP');
    expect(db.get('prod/api>prod/db')).to.equal('.');
    expect(db.get('prod/web>prod/db')).to.equal('X');
    expect(db.get('dev/api>prod/db')).to.equal('X'); // a podSelector-only peer: prod's pods only
    // prod/api listens on 80/TCP only: allowed by the policies, yet nothing answers on 3306.
    expect(db.get('prod/db>prod/api')).to.equal('o');
    expect(db.get('prod/db>prod/db')).to.equal('-');
    const web = glyphs(out, '80/TCP');
    expect(web.get('prod/api>prod/db')).to.equal('X'); // 3306 only
    expect(web.get('dev/api>prod/web')).to.equal('.');
    expect(db.size).to.equal(PODS.length * PODS.length);
    expect(out).to.include('. allowed   X denied');
    expect(out).to.include('o allowed by the policies, but nothing listens on the port (a real connection is refused)');
  });

  it('reads folders, and defaults to 80/TCP', async () => {
    const { code, out } = await matrix('-f', TOPOLOGY);
    expect(code).to.equal(0);
    expect(out.startsWith('80/TCP:\n')).to.equal(true);
    expect([...glyphs(out, '80/TCP').values()].filter((g) => g === 'X')).to.deep.equal([]);
  });

  it('prints exactly {"flows":[...]} with from, to, port, protocol, allowed; pods as namespace/name', async () => {
    const { code, out, err } = await matrix('-f', TOPOLOGY, '-f', `${LESSON}/1-db-policy-deny-ingress.yaml`, '-p', '3306/TCP', '-p', '53/UDP', '-o', 'json');
    expect([code, err]).to.deep.equal([0, '']);
    expect(out.endsWith('}\n')).to.equal(true);
    expect(out.startsWith('{"flows":[{"from":"prod/db","to":"prod/api","port":3306,"protocol":"TCP","allowed":true,"served":false},')).to.equal(true);
    const parsed = JSON.parse(out) as { flows: JsonFlow[] };
    expect(Object.keys(parsed)).to.deep.equal(['flows']);
    expect(parsed.flows).to.have.length(2 * PODS.length * (PODS.length - 1));
    for (const f of parsed.flows) expect(Object.keys(f)).to.deep.equal(['from', 'to', 'port', 'protocol', 'allowed', 'served']);
    expect(parsed.flows).to.deep.include({ from: 'prod/api', to: 'prod/db', port: 3306, protocol: 'TCP', allowed: false, served: true });
    expect(parsed.flows).to.deep.include({ from: 'prod/api', to: 'prod/db', port: 53, protocol: 'UDP', allowed: false, served: false });
    expect(parsed.flows).to.deep.include({ from: 'prod/db', to: 'dev/api', port: 53, protocol: 'UDP', allowed: true, served: false });
    expect(parsed.flows.filter((f) => f.from === f.to)).to.deep.equal([]);
  });

  it('adds external hosts with --external NAME=IP, by NAME, never external to external', async () => {
    const { code, out } = await matrix('-f', TOPOLOGY, '-f', `${LESSON}/4-db-policy-backup-server.yaml`, '-p', '3306/TCP', '--external', 'backup=192.168.5.10', '-e', 'laptop=192.168.5.20', '-o', 'json');
    expect(code).to.equal(0);
    const flows = (JSON.parse(out) as { flows: JsonFlow[] }).flows;
    expect(flows).to.deep.include({ from: 'backup', to: 'prod/db', port: 3306, protocol: 'TCP', allowed: true, served: true });
    expect(flows).to.deep.include({ from: 'laptop', to: 'prod/db', port: 3306, protocol: 'TCP', allowed: false, served: true });
    // An external host given on the command line serves the matrix ports.
    expect(flows).to.deep.include({ from: 'prod/db', to: 'laptop', port: 3306, protocol: 'TCP', allowed: true, served: true });
    const externals = ['backup', 'laptop'];
    expect(flows.filter((f) => externals.includes(f.from) && externals.includes(f.to))).to.deep.equal([]);
    // 7 endpoints: 7 * 6 ordered pairs minus the 2 external pairs.
    expect(flows).to.have.length(7 * 6 - 2);
  });

  it('prints external hosts in the table, with external-to-external not judged', async () => {
    const { out } = await matrix('-f', TOPOLOGY, '-f', `${LESSON}/4-db-policy-backup-server.yaml`, '-p', '3306/TCP', '-e', 'backup=192.168.5.10', '-e', 'laptop=192.168.5.20');
    const cells = glyphs(out, '3306/TCP');
    expect(cells.get('backup>prod/db')).to.equal('.');
    expect(cells.get('laptop>prod/db')).to.equal('X');
    expect(cells.get('backup>laptop')).to.equal('-');
  });

  it('--no-ipblock-pod-ips: ipBlock peers stop matching pod addresses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netpol-matrix-'));
    try {
      const policy = join(dir, 'by-address.yaml');
      writeFileSync(
        policy,
        ['apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: by-address, namespace: prod}', 'spec:', '  podSelector: {matchLabels: {role: db}}', '  ingress:', '    - from: [{ipBlock: {cidr: 10.244.0.0/16}}]', ''].join('\n'),
      );
      const on = glyphs((await matrix('-f', TOPOLOGY, '-f', policy, '-p', '3306/TCP')).out, '3306/TCP');
      const off = glyphs((await matrix('-f', TOPOLOGY, '-f', policy, '-p', '3306/TCP', '--no-ipblock-pod-ips')).out, '3306/TCP');
      expect(on.get('dev/api>prod/db')).to.equal('.');
      expect(off.get('dev/api>prod/db')).to.equal('X');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('one source (--from), one destination (--to), one flow', () => {
    const POLICY = `${LESSON}/2-db-policy-allow-api.yaml`;
    let full: JsonFlow[] = [];
    before(async () => {
      full = (JSON.parse((await matrix('-f', TOPOLOGY, '-f', POLICY, '-p', '3306/TCP', '-p', '80/TCP', '-e', 'backup=192.168.5.10', '-o', 'json')).out) as { flows: JsonFlow[] }).flows;
    });
    const focus = async (...argv: string[]): Promise<JsonFlow[]> => {
      const run = await matrix('-f', TOPOLOGY, '-f', POLICY, '-p', '3306/TCP', '-p', '80/TCP', '-e', 'backup=192.168.5.10', '-o', 'json', ...argv);
      expect([run.code, run.err]).to.deep.equal([0, '']);
      return (JSON.parse(run.out) as { flows: JsonFlow[] }).flows;
    };

    it('--from prints the flows from that endpoint, as in the full matrix', async () => {
      const flows = await focus('--from', 'prod/api');
      expect(flows).to.deep.equal(full.filter((f) => f.from === 'prod/api'));
      expect(flows).to.have.length(2 * 5);
      expect(flows).to.deep.include({ from: 'prod/api', to: 'prod/db', port: 3306, protocol: 'TCP', allowed: true, served: true });
    });

    it('--to prints the flows to that endpoint, external hosts included', async () => {
      const flows = await focus('--to', 'prod/db');
      expect(flows).to.deep.equal(full.filter((f) => f.to === 'prod/db'));
      expect(flows).to.deep.include({ from: 'backup', to: 'prod/db', port: 3306, protocol: 'TCP', allowed: false, served: true });
    });

    it('--from an external host never pairs it with another external host', async () => {
      expect(await focus('--from', 'backup')).to.deep.equal(full.filter((f) => f.from === 'backup'));
    });

    it('--from and --to together: that flow on each port', async () => {
      expect(await focus('--from', 'prod/web', '--to', 'prod/db')).to.deep.equal(full.filter((f) => f.from === 'prod/web' && f.to === 'prod/db'));
    });

    it('a table with one row for --from', async () => {
      const { out } = await matrix('-f', TOPOLOGY, '-f', POLICY, '-p', '3306/TCP', '--from', 'prod/web');
      // Allowed to the api pods, which do not listen on 3306: 'o'.
      expect(out.split('\n').slice(0, 4)).to.deep.equal(['3306/TCP:', '| from -> to | prod/db | prod/api | prod/web | dev/api | test/api |', '| prod/web   | X       | o        | -        | o       | o        |', '']);
    });

    it('an unknown endpoint is invalid input (exit 1), --from and --to alike a usage error (exit 2)', async () => {
      const unknown = await matrix('-f', TOPOLOGY, '--from', 'prod/nope');
      expect([unknown.code, unknown.out]).to.deep.equal([1, '']);
      expect(unknown.err).to.include('unknown endpoint "prod/nope"');
      const same = await matrix('-f', TOPOLOGY, '--from', 'prod/db', '--to', 'prod/db');
      expect(same.code).to.equal(2);
      expect(same.err).to.include('--from and --to name the same endpoint');
    });
  });

  it('-o rows: a header, then one JSON line per port and source with the allowed destinations as a bitmap', async () => {
    const args = ['-f', TOPOLOGY, '-f', `${LESSON}/2-db-policy-allow-api.yaml`, '-p', '3306/TCP', '-p', '80/TCP'];
    const { code, out } = await matrix(...args, '-o', 'rows');
    expect(code).to.equal(0);
    const [header, ...rows] = out.trimEnd().split('\n').map((l) => JSON.parse(l) as { endpoints: string[]; port: string; from: string; allowed: string; count: number });
    expect(header?.endpoints).to.deep.equal(PODS);
    expect(rows).to.have.length(2 * PODS.length);
    const flows = (JSON.parse((await matrix(...args, '-o', 'json')).out) as { flows: JsonFlow[] }).flows;
    for (const row of rows) {
      const bytes = Buffer.from(row.allowed, 'base64');
      const allowedTo = PODS.filter((_, i) => ((bytes[i >> 3] ?? 0) >> (i & 7)) & 1);
      const expected = flows.filter((f) => f.allowed && f.from === row.from && `${f.port}/${f.protocol}` === row.port).map((f) => f.to);
      expect(allowedTo, `${row.port} from ${row.from}`).to.deep.equal(expected);
      expect(row.count).to.equal(expected.length);
    }
  });

  describe('usage errors exit 2', () => {
    const cases: [string, string[], RegExp][] = [
      ['an unknown flag', ['-f', TOPOLOGY, '--bogus'], /unknown option '--bogus'/],
      ['-f without a value', ['-f'], /option '-f, --file <path>' argument missing/],
      ['no -f at all', ['--port', '80/TCP'], /give at least one manifest file or folder with -f/],
      ['a port out of range', ['-f', TOPOLOGY, '--port', '99999/TCP'], /--port: "99999\/TCP" is not a port/],
      ['an unknown protocol', ['-f', TOPOLOGY, '--port', '80/ICMP'], /unknown protocol "ICMP"/],
      ['--port without a value', ['-f', TOPOLOGY, '--port'], /argument missing/],
      ['an external without =', ['-f', TOPOLOGY, '--external', 'backup'], /--external "backup": write NAME=IP/],
      ['an unknown output format', ['-f', TOPOLOGY, '-o', 'xml'], /argument 'xml' is invalid/],
      ['an unknown target', ['-f', TOPOLOGY, '--target', 'moon'], /unknown target "moon"/],
    ];
    for (const [what, argv, message] of cases) {
      it(what, async () => {
        const { code, out, err } = await matrix(...argv);
        expect(code, err).to.equal(2);
        expect(err).to.match(message);
        expect(out).to.equal('');
      });
    }
  });

  describe('invalid input exits 1 with one line naming the file', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'netpol-matrix-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('an invalid policy', async () => {
      const file = join(dir, 'bad-endport.yaml');
      writeFileSync(
        file,
        ['apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: bad, namespace: prod}', 'spec:', '  podSelector: {}', '  ingress:', '    - ports: [{port: 9000, endPort: 8000}]', ''].join('\n'),
      );
      const { code, out, err } = await matrix('-f', TOPOLOGY, '-f', file);
      expect(code).to.equal(1);
      expect(out).to.equal('');
      const lines = err.trimEnd().split('\n');
      expect(lines, err).to.have.length(1);
      expect(lines[0]).to.include(file);
      expect(lines[0]).to.include('endPort');
      expect(err).to.not.match(/\n\s+at /); // never a stack trace
    });

    it('malformed YAML: one line per problem', async () => {
      const file = join(dir, 'broken.yaml');
      writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n');
      const { code, err } = await matrix('-f', file);
      expect(code).to.equal(1);
      // One line per problem (the YAML parser may report more than one), each naming the file.
      for (const line of err.trimEnd().split('\n')) expect(line).to.include(`${file}:`);
      expect(err).to.include('invalid YAML');
      expect(err).to.not.match(/\n\s+at /);
    });

    it('a missing file', async () => {
      const file = join(dir, 'nope.yaml');
      const { code, err } = await matrix('-f', file);
      expect(code).to.equal(1);
      expect(err).to.include(file);
      expect(err.trimEnd().split('\n')).to.have.length(1);
    });

    it('an external host whose address is not an IP is a usage error (exit 2)', async () => {
      const { code, err } = await matrix('-f', TOPOLOGY, '-e', 'backup=backup.example');
      expect(code).to.equal(2);
      expect(err).to.include('--external "backup=backup.example": "backup.example" is not an IP address');
    });
  });

  it('--help lists the flags and exits 0', async () => {
    const { code, out } = await matrix('--help');
    expect(code).to.equal(0);
    for (const flag of ['--file', '--port', '--external', '--output']) expect(out).to.include(flag);
  });
});
