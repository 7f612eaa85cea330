// `cluster up|down` with stand-in executables on PATH (docker, kind, kubectl, helm) that record
// their arguments, and with the tools missing. No container or cluster is ever created here.
import { CRD_DIR } from '../../src/validate/crd/crd-files.js';
import { after, afterEach, before, describe, it } from 'node:test';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { main } from '../../src/cli/main.js';
import { clusterUp } from '../../src/kind/provision.js';
import { createRunner } from '../../src/kind/tools.js';

// One script behind every tool name: it logs `tool args...`, keeps what it reads on `-f -` and the
// kind config, answers the canary's questions, and can play a stopped docker engine or a CNI that
// does not enforce.
const STAND_IN = `#!/bin/sh
PATH=/usr/bin:/bin
name=\${0##*/}
log="$NETPOL_STANDIN_LOG"
printf '%s' "$name" >> "$log"; for a in "$@"; do printf ' %s' "$a" >> "$log"; done; printf '\\n' >> "$log"
case " $* " in *" -f - "*) cat >> "$log.stdin" ;; esac
if [ "$name" = kind ] && [ "$2" = cluster ] && [ "$1" = create ]; then cat "$6" > "$log.kind.yaml"; fi
case "$name $*" in
  "docker info"*) if [ -n "$STANDIN_DOCKER_DOWN" ]; then echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock" >&2; exit 1; fi; echo 27.1.0 ;;
  "kubectl "*"jsonpath={.status.podIP}"*) echo 10.244.1.7 ;;
  "kubectl "*" connect "*)
    if [ -z "$STANDIN_NEVER_BLOCKS" ] && grep -q "name: netpol-canary-deny" "$log.stdin" 2>/dev/null; then echo TIMEOUT >&2; exit 1; fi ;;
esac
exit 0
`;

interface Bin {
  dir: string;
  log: string;
  lines(): string[];
}

function standIns(root: string, tools: readonly string[]): Bin {
  const dir = join(root, `bin-${tools.join('-') || 'none'}`);
  mkdirSync(dir, { recursive: true });
  const script = join(root, 'stand-in.sh');
  writeFileSync(script, STAND_IN);
  chmodSync(script, 0o755);
  for (const tool of tools) if (!existsSync(join(dir, tool))) symlinkSync(script, join(dir, tool));
  const log = join(root, `log-${tools.join('-') || 'none'}`);
  return { dir, log, lines: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
}

describe('cluster up|down (stand-in tools)', () => {
  let root: string;
  const saved = { PATH: process.env['PATH'], LOG: process.env['NETPOL_STANDIN_LOG'] };
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'netpol-kind-test-'));
  });
  afterEach(() => {
    process.env['PATH'] = saved.PATH;
    if (saved.LOG === undefined) delete process.env['NETPOL_STANDIN_LOG'];
    else process.env['NETPOL_STANDIN_LOG'] = saved.LOG;
    delete process.env['STANDIN_DOCKER_DOWN'];
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const use = (bin: Bin): void => {
    rmSync(bin.log, { force: true });
    rmSync(`${bin.log}.stdin`, { force: true });
    process.env['PATH'] = bin.dir;
    process.env['NETPOL_STANDIN_LOG'] = bin.log;
  };

  it('names every missing tool and where to get it, in one line, and runs nothing', async () => {
    const bin = standIns(root, []);
    use(bin);
    const cap = capture();
    expect(await main(['cluster', 'up', '--cni', 'cilium'], cap.io)).to.equal(3);
    expect(cap.err.join('')).to.equal(
      'netpol-conformance: missing on PATH: docker (https://docs.docker.com/engine/install/), kind (https://kind.sigs.k8s.io/docs/user/quick-start/#installation), ' +
        'kubectl (https://kubernetes.io/docs/tasks/tools/#kubectl), helm (https://helm.sh/docs/intro/install/); install them and retry\n',
    );
  });

  it('asks for helm only where the CNI needs it', async () => {
    const bin = standIns(root, ['docker', 'kind', 'kubectl']);
    use(bin);
    const cap = capture();
    expect(await main(['cluster', 'up', '--cni', 'cilium', '--name', 'c1'], cap.io)).to.equal(3);
    expect(cap.err.join('')).to.equal('netpol-conformance: missing on PATH: helm (https://helm.sh/docs/intro/install/); install it and retry\n');
    expect(bin.lines()).to.deep.equal([]);
  });

  it('says so when docker is installed but its engine is down', async () => {
    const bin = standIns(root, ['docker', 'kind', 'kubectl']);
    use(bin);
    process.env['STANDIN_DOCKER_DOWN'] = '1';
    const cap = capture();
    expect(await main(['cluster', 'up', '--cni', 'calico'], cap.io)).to.equal(3);
    expect(cap.err.join('')).to.equal('netpol-conformance: docker is installed but its engine does not answer (docker info: Cannot connect to the Docker daemon at unix:///var/run/docker.sock); start Docker and retry\n');
    expect(bin.lines()).to.deep.equal(['docker info --format {{.ServerVersion}}']);
  });

  it('calico: kind without its CNI on 10.244.0.0/16, Calico as documented, agnhost pre-loaded, the deny-all canary, then the context', async () => {
    const bin = standIns(root, ['docker', 'kind', 'kubectl']);
    use(bin);
    const cap = capture();
    expect(await main(['cluster', 'up', '--cni', 'calico', '--name', 'cal', '--nodes', '3'], cap.io)).to.equal(0);
    expect(cap.out.join('')).to.equal('kind-cal\n');
    const ctx = '--context kind-cal';
    const lines = bin.lines().map((l) => l.replace(/--config \S+\/kind\.yaml/, '--config KIND.yaml'));
    expect(lines).to.deep.equal([
      'docker info --format {{.ServerVersion}}',
      'kind create cluster --name cal --config KIND.yaml',
      `kubectl ${ctx} create -f https://raw.githubusercontent.com/projectcalico/calico/v3.33.1/manifests/operator-crds.yaml`,
      // Calico implements ClusterNetworkPolicy: the project's vendored CRDs, server-side.
      `kubectl ${ctx} apply --server-side --force-conflicts -f ${CRD_DIR}/v1alpha2/standard/policy.networking.k8s.io_clusternetworkpolicies.yaml`,
      `kubectl ${ctx} create -f https://raw.githubusercontent.com/projectcalico/calico/v3.33.1/manifests/tigera-operator.yaml`,
      `kubectl ${ctx} create -f -`,
      `kubectl ${ctx} rollout status -n calico-system daemonset/calico-node --timeout=300s`,
      `kubectl ${ctx} wait --for=condition=Ready nodes --all --timeout=300s`,
      'docker pull registry.k8s.io/e2e-test-images/agnhost:2.66.1',
      'kind load docker-image registry.k8s.io/e2e-test-images/agnhost:2.66.1 --name cal',
      `kubectl ${ctx} delete namespace netpol-canary --ignore-not-found --wait=true`,
      `kubectl ${ctx} create namespace netpol-canary`,
      `kubectl ${ctx} label namespace netpol-canary app.kubernetes.io/managed-by=netpol-conformance`,
      `kubectl ${ctx} apply -f -`,
      `kubectl ${ctx} wait -n netpol-canary --for=condition=Ready pod --all --timeout=180s`,
      `kubectl ${ctx} get pod server -n netpol-canary -o jsonpath={.status.podIP}`,
      `kubectl ${ctx} exec -n netpol-canary client -- /agnhost connect 10.244.1.7:80 --timeout=1s --protocol=tcp`,
      `kubectl ${ctx} apply -f -`,
      `kubectl ${ctx} exec -n netpol-canary client -- /agnhost connect 10.244.1.7:80 --timeout=1s --protocol=tcp`,
      `kubectl ${ctx} delete namespace netpol-canary --ignore-not-found --wait=false`,
    ]);
    const config = readFileSync(`${bin.log}.kind.yaml`, 'utf8');
    expect(config).to.equal('kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  disableDefaultCNI: true\n  podSubnet: 10.244.0.0/16\nnodes:\n  - role: control-plane\n  - role: worker\n  - role: worker\n');
    const stdin = readFileSync(`${bin.log}.stdin`, 'utf8');
    expect(stdin).to.contain('kind: Installation').and.contain('cidr: 10.244.0.0/16').and.contain('kind: APIServer');
    expect(stdin).to.contain('name: netpol-canary-deny').and.contain('policyTypes:\n    - Ingress');
    expect(cap.err.join('')).to.contain('ready: run the suite with --target cluster:kind-cal');
  });

  it('cilium: helm as documented for kind, pinned only when asked', async () => {
    const bin = standIns(root, ['docker', 'kind', 'kubectl', 'helm']);
    use(bin);
    expect(await main(['cluster', 'up', '--cni', 'cilium', '--name', 'cil', '--cni-version', '1.18.3'], capture().io)).to.equal(0);
    const helm = bin.lines().filter((l) => l.startsWith('helm '));
    expect(helm).to.deep.equal([
      'helm repo add cilium https://helm.cilium.io/ --force-update',
      'helm install cilium cilium/cilium --version 1.18.3 --kube-context kind-cil --namespace kube-system --set image.pullPolicy=IfNotPresent --set ipam.mode=kubernetes',
    ]);
    expect(bin.lines()).to.include('kubectl --context kind-cil rollout status -n kube-system daemonset/cilium --timeout=300s');
  });

  it('kindnet: kind\'s own CNI stays, nothing is installed, the canary still decides', async () => {
    const bin = standIns(root, ['docker', 'kind', 'kubectl']);
    use(bin);
    expect(await main(['cluster', 'up', '--cni', 'kindnet', '--name', 'kn', '--nodes', '1'], capture().io)).to.equal(0);
    expect(readFileSync(`${bin.log}.kind.yaml`, 'utf8')).to.equal('kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  podSubnet: 10.244.0.0/16\nnodes:\n  - role: control-plane\n');
    expect(bin.lines().filter((l) => / (create|apply) -f https?:/.test(l))).to.deep.equal([]);
    expect(bin.lines().filter((l) => l.includes(' connect '))).to.have.length(2);
  });

  it('a CNI that does not enforce fails the canary, and the half-made cluster is deleted', async () => {
    const bin = standIns(root, ['docker', 'kind', 'kubectl']);
    use(bin);
    const env = { ...process.env, STANDIN_NEVER_BLOCKS: '1' };
    let error: unknown;
    await clusterUp({ cni: 'kindnet', name: 'open', nodes: 1, canaryAttempts: 2, canaryPauseMs: 1 }, createRunner(env), () => undefined, env).catch((e: unknown) => (error = e));
    expect(String(error)).to.equal(
      'TargetError: canary: a deny-all policy did not block traffic after 2 attempts; this CNI does not enforce NetworkPolicy (kindnet fails open when its policy controller cannot start: kubectl logs -n kube-system daemonset/kindnet)',
    );
    const lines = bin.lines();
    expect(lines.at(-2)).to.equal('kubectl --context kind-open delete namespace netpol-canary --ignore-not-found --wait=false');
    expect(lines.at(-1)).to.equal('kind delete cluster --name open');
  });

  it('rejects an unknown CNI and a bad node count as usage errors', async () => {
    const cap = capture();
    expect(await main(['cluster', 'up', '--cni', 'flannel'], cap.io)).to.equal(2);
    expect(cap.err.join('')).to.contain('--cni "flannel": choose one of calico, cilium, antrea, kube-router, kindnet');
    expect(await main(['cluster', 'up', '--cni', 'calico', '--nodes', '0'], cap.io)).to.equal(2);
  });

  it('cluster down deletes the kind cluster by name', async () => {
    const bin = standIns(root, ['docker', 'kind']);
    use(bin);
    const cap = capture();
    expect(await main(['cluster', 'down', '--name', 'cal'], cap.io)).to.equal(0);
    expect(bin.lines()).to.deep.equal(['kind delete cluster --name cal']);
    expect(cap.err.join('')).to.equal('deleted kind cluster cal\n');
  });
});
