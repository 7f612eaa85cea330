// External hosts as agnhost containers next to a kind cluster (testcontainers). Each declared
// address gets a docker network for its /24 with the kind node containers attached, the container
// takes the declared address (`docker network connect --ip` equivalent; testcontainers has no
// fixed-IP API), and routes the pod network through a node. Hosts whose address
// cannot be used run on kind's own network at the address docker gives them.
// NOTE: this module needs a docker engine; the project's CI has none, so it is exercised only by
// users with kind (docs/cluster.md). Its planning is unit-tested in test/cluster/externals-plan.test.ts.
import { TargetError } from '../../../model/errors.js';
import type { ExternalHost } from '../../../model/topology.js';
import { firstLine } from '../kube.js';
import { porterEnv } from '../manifests.js';
import { ownedLabels } from '../naming.js';
import { sleep } from '../pool.js';
import { planExternals } from './plan.js';
import type { ExternalEndpoint, ExternalHostProvider } from './provider.js';

type Testcontainers = typeof import('testcontainers');
type RuntimeClient = Awaited<ReturnType<Testcontainers['getContainerRuntimeClient']>>;
type StartedContainer = Awaited<ReturnType<InstanceType<Testcontainers['GenericContainer']>['start']>>;
type DockerNetwork = ReturnType<RuntimeClient['network']['getById']>;

const KIND_CLUSTER_LABEL = 'io.x-k8s.kind.cluster';
const KIND_ROLE_LABEL = 'io.x-k8s.kind.role';
const SERVICE_CIDR = '10.96.0.0/16';

function kindClusterName(context: string): string | undefined {
  return context.startsWith('kind-') ? context.slice('kind-'.length) : undefined;
}

async function kindNodes(client: RuntimeClient, cluster: string): Promise<{ id: string; name: string }[]> {
  const all = await client.container.list();
  return all
    .filter((c) => c.Labels[KIND_CLUSTER_LABEL] === cluster)
    .sort((a, b) => Number(b.Labels[KIND_ROLE_LABEL] === 'control-plane') - Number(a.Labels[KIND_ROLE_LABEL] === 'control-plane'))
    .map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, '') }));
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TargetError(`${what} did not finish within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export function createDockerExternals(): ExternalHostProvider {
  const containers: StartedContainer[] = [];
  const networks: { network: DockerNetwork; nodes: string[] }[] = [];
  const load = async (): Promise<{ tc: Testcontainers; client: RuntimeClient }> => {
    const tc = await import('testcontainers');
    return { tc, client: await tc.getContainerRuntimeClient() };
  };

  const provider: ExternalHostProvider = {
    async unavailable(ctx) {
      const cluster = kindClusterName(ctx.context);
      if (cluster === undefined) return `context "${ctx.context}" is not a kind cluster: external hosts run as docker containers next to a kind cluster`;
      try {
        const { client } = await load();
        if ((await kindNodes(client, cluster)).length === 0) return `no node containers of kind cluster "${cluster}" on this docker engine`;
        return undefined;
      } catch (error) {
        return `no docker engine reachable for external hosts (${firstLine(error)})`;
      }
    },

    async start(hosts, ctx) {
      const { tc, client } = await load();
      const cluster = kindClusterName(ctx.context) ?? '';
      const nodes = await kindNodes(client, cluster);
      const dockerode = client.container.dockerode;
      const existing = await dockerode.listNetworks();
      const takenSubnets = existing.flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? '')).filter((s) => s.includes('.'));
      const plan = planExternals(hosts, { podCidr: ctx.podCidr, serviceCidr: SERVICE_CIDR, takenSubnets });
      const placed: { host: ExternalHost; ip?: string; network: string; note?: string }[] = [];
      for (const [index, net] of plan.networks.entries()) {
        const name = `netpol-ext-${ctx.runId}-${index}`;
        try {
          const network = await client.network.create({ Name: name, Labels: ownedLabels(ctx.runId), IPAM: { Config: [{ Subnet: net.subnet, Gateway: net.gateway }] } });
          networks.push({ network, nodes: [] });
          for (const node of nodes) {
            await network.connect({ Container: node.id });
            networks[networks.length - 1]?.nodes.push(node.id);
          }
          for (const h of net.hosts) placed.push({ host: h.host, ip: h.ip, network: name });
        } catch (error) {
          for (const h of net.hosts) placed.push({ host: h.host, network: 'kind', note: `docker network ${net.subnet} could not be created (${firstLine(error)})` });
        }
      }
      for (const u of plan.unbound) placed.push({ host: u.host, network: 'kind', note: u.reason });

      const endpoints: ExternalEndpoint[] = [];
      for (const p of placed) {
        const env = Object.fromEntries(porterEnv(p.host.ports).map((e) => [e.name, e.value ?? '']));
        let builder = new tc.GenericContainer(ctx.image)
          .withName(`netpol-ext-${ctx.runId}-${p.host.name}`)
          .withCommand(['porter'])
          .withEnvironment(env)
          .withAddedCapabilities('NET_ADMIN')
          .withLabels(ownedLabels(ctx.runId));
        if (p.ip === undefined) builder = builder.withNetworkMode('kind');
        const container = await builder.start();
        containers.push(container);
        if (p.ip !== undefined) {
          await client.network.getById(p.network).connect({ Container: container.getId(), EndpointConfig: { IPAMConfig: { IPv4Address: p.ip } } });
        }
        const ip = p.ip ?? container.getIpAddress('kind');
        const router = await nodeAddress(dockerode, nodes[0]?.id ?? '', p.network);
        const route = await container.exec(['ip', 'route', 'add', ctx.podCidr, 'via', router]);
        if (route.exitCode !== 0) throw new TargetError(`external host ${p.host.name}: cannot route ${ctx.podCidr} via ${router}: ${route.output.trim()}`);
        await waitServing(container, p.host);
        const containerName = container.getName().replace(/^\//, '');
        endpoints.push({
          name: p.host.name,
          declaredIp: p.host.ip,
          ip,
          ...(p.note !== undefined ? { note: `external host ${p.host.name} declared at ${p.host.ip} runs at ${ip}: ${p.note}; its /32 is bound to ${ip}` } : {}),
          exec: async (command, timeoutMs) => {
            const r = await withTimeout(container.exec(command), timeoutMs, `exec in external host ${p.host.name}`);
            return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
          },
          reproduce: (args) => `docker exec ${containerName} ${args.join(' ')}`,
        });
      }
      return endpoints;
    },

    async stop() {
      const errors: unknown[] = [];
      for (const c of containers.splice(0)) await c.stop({ remove: true }).catch((e: unknown) => errors.push(e));
      for (const { network, nodes } of networks.splice(0)) {
        for (const node of nodes) await network.disconnect({ Container: node, Force: true }).catch((e: unknown) => errors.push(e));
        await network.remove().catch((e: unknown) => errors.push(e));
      }
      if (errors.length > 0) throw new TargetError(`removing external hosts: ${firstLine(errors[0])}`, { cause: errors[0] });
    },
  };
  return provider;
}

async function nodeAddress(dockerode: RuntimeClient['container']['dockerode'], nodeId: string, network: string): Promise<string> {
  const info = await dockerode.getContainer(nodeId).inspect();
  const address = info.NetworkSettings.Networks[network]?.IPAddress;
  if (!address) throw new TargetError(`kind node ${info.Name} has no address on docker network ${network}`);
  return address;
}

/** porter needs a moment after start; probing before it listens would report false denials. */
async function waitServing(container: StartedContainer, host: ExternalHost): Promise<void> {
  const tcp = host.ports.find((p) => p.protocol === 'TCP');
  if (!tcp) return;
  for (let attempt = 0; attempt < 20; attempt++) {
    const r = await container.exec(['/agnhost', 'connect', `127.0.0.1:${tcp.port}`, '--timeout=1s', '--protocol=tcp']);
    if (r.exitCode === 0) return;
    await sleep(500);
  }
  throw new TargetError(`external host ${host.name} does not serve ${tcp.port}/TCP after 10 s`);
}
