// Real applications as input: workloads, JSON in nested folders, kinds this tool does not model,
// objects as clusters export them and people trim them, hostNetwork pods, and short names.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { runCli } from '../support/cli.js';

const lines = (text: string): string[] => text.trimEnd().split('\n');

describe('inputs of matrix, explain, lint and validate', () => {
  it('reads folders recursively, .json included; skips unmodelled kinds with one warning per kind (count and first file)', async () => {
    const { code, out, err } = await runCli('matrix', '-f', 'fixtures/inputs/nested', '-p', '5432/TCP');
    expect(code, err).to.equal(0);
    expect(lines(err)).to.deep.equal([
      'warning: fixtures/inputs/nested/configmap.yaml:1: ConfigMap: not modelled by this tool: 2 ConfigMap objects skipped, the first here (--strict rejects them)',
      'warning: fixtures/inputs/nested/svc.json:1: Service: not modelled by this tool: 1 Service object skipped, this one (--strict rejects them)',
    ]);
    expect(out).to.include('| prod/db-0  | -         | .         | .         |'); // the StatefulSet in nested/deeper/db.json
    const strict = await runCli('matrix', '-f', 'fixtures/inputs/nested', '--strict');
    expect(strict.code).to.equal(1);
    expect(strict.err).to.include('fixtures/inputs/nested/svc.json:1:30: Service prod/db: kind: unsupported kind;');
  });

  it('validate validates what it models and says what it skipped', async () => {
    const { code, out } = await runCli('validate', '-f', 'fixtures/inputs/nested');
    expect(code).to.equal(0);
    expect(lines(out).at(-1)).to.equal('1 object valid; 3 objects skipped (2 ConfigMap, 1 Service): kinds this tool does not model (2 warnings)');
  });

  it('reads objects as exported (status, managedFields) and trimmed (a container without a name) with warnings; --strict and validate reject them', async () => {
    const read = await runCli('matrix', '-f', 'fixtures/inputs/exported');
    expect(read.code, read.err).to.equal(0);
    expect(lines(read.err)).to.deep.equal([
      'warning: fixtures/inputs/exported/policy.yaml:9:9: NetworkPolicy prod/web-ingress: status: unknown field (the API server would reject this; read anyway: the analysis does not use it; --strict makes it an error)',
      'warning: fixtures/inputs/exported/policy.yaml:15:16: Pod prod/client: spec.containers[0].name: required value (the API server would reject this; read anyway: the analysis does not use it; --strict makes it an error)',
    ]);
    // The Deployment, its ReplicaSet and its pod are one endpoint, at the pod's address.
    expect(lines(read.out)[0]).to.equal('80/TCP:');
    expect(lines(read.out)[1]).to.equal('| from -> to           | prod/client | prod/web[Deployment] |');
    for (const args of [['matrix', '--strict'], ['validate'], ['lint', '--strict']]) {
      const rejected = await runCli(args[0] ?? '', '-f', 'fixtures/inputs/exported', ...args.slice(1));
      expect(rejected.code, args.join(' ')).to.equal(1);
      expect(rejected.out + rejected.err).to.include('fixtures/inputs/exported/policy.yaml:15:16: Pod prod/client: spec.containers[0].name: required value');
    }
  });

  it('a typo inside what the analysis reads stays an error', async () => {
    const { code, err } = await runCli('explain', '-f', 'fixtures/validation/invalid/endport-below-port.yaml', '--from', 'a/b', '--to', 'c/d', '-p', '80/TCP');
    expect(code).to.equal(1);
    expect(err).to.include('spec.ingress[0].ports[1].endPort: must be greater than or equal to port');
  });

  it('explain accepts the short name of a workload and names it with its kind', async () => {
    const { code, out } = await runCli('explain', '-f', 'examples/shop', '--from', 'web/storefront', '--to', 'api/catalog', '-p', '8080/TCP');
    expect(code).to.equal(0);
    expect(lines(out)[0]).to.equal('web/storefront[Deployment] -> api/catalog[Deployment] on 8080/TCP: ALLOWED');
    const db = await runCli('explain', '-f', 'examples/shop', '--from', 'jobs/backfill', '--to', 'data/postgres-2', '-p', '5432/TCP');
    expect(lines(db.out)[0]).to.equal('jobs/backfill[Job] -> data/postgres-2 on 5432/TCP: ALLOWED');
  });

  it('hostNetwork pods: never selected, seen as their node address (shared), only ipBlocks match; explain says so', async () => {
    const matrix = await runCli('matrix', '-f', 'fixtures/inputs/host-network.yaml', '-p', '80/TCP', '-p', '9100/TCP', '-o', 'csv');
    expect(matrix.code, matrix.err).to.equal(0);
    const csv = lines(matrix.out);
    // infra's deny-all does not apply to its hostNetwork pods; api admits the node network on 80 only.
    expect(csv).to.include('infra/log-shipper,infra/node-agent,9100,TCP,allowed,yes');
    expect(csv).to.include('infra/node-agent,prod/api,80,TCP,allowed,yes');
    expect(csv).to.include('infra/node-agent,prod/api,9100,TCP,denied,yes');
    const explain = await runCli('explain', '-f', 'fixtures/inputs/host-network.yaml', '--from', 'infra/node-agent', '--to', 'prod/api', '-p', '80/TCP');
    expect(explain.out).to.include("from entry #1 (pods matching app=agent in namespaces matching <all>) does not match infra/node-agent: infra/node-agent runs in its node's network (hostNetwork), and selectors never match such pods");
    expect(explain.out).to.include('Note: infra/node-agent runs in its node\'s network (hostNetwork). No NetworkPolicy selects it');
    expect(explain.out).to.include('node\'s address 172.18.0.3, which only ipBlock peers match. It shares that address with infra/log-shipper.');
  });

  it('matrix draws workloads of a 50-workload application as one graph', async () => {
    const { code, out } = await runCli('matrix', '-f', 'examples/shop', '-p', '8080/TCP', '-p', '5432/TCP', '-o', 'dot');
    expect(code).to.equal(0);
    expect(out.match(/subgraph cluster_/g)).to.have.length(5);
    expect(out.match(/ -> /g)?.length ?? 0).to.be.lessThan(40);
  });
});
