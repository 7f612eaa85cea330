// Builds and changes the dataplane inside the sandbox: endpoints (namespace, veth, addresses,
// routes, agent), the ports each agent serves, and each pod's nftables table. Keeps what it built,
// so a scenario that reuses the topology only pays for what changed.
import { TargetError } from '../../model/errors.js';
import type { EndpointId, PortSpec } from '../../model/topology.js';
import {
  addEndpointScripts,
  baseLinks,
  baseNamespaces,
  ipArgs,
  netnsPath,
  planEndpoint,
  removeEndpointScripts,
  addressOf,
  GATEWAY,
  GATEWAY6,
  ROUTER_NS,
  ROUTER_RULESET,
  routerSysctlCommand,
  type EndpointPlan,
  type EndpointSpec,
  type Script,
} from './dataplane-plan.js';
import type { ServedPort } from './protocol.js';
import type { Sandbox } from './sandbox.js';

export interface Endpoint extends EndpointPlan {
  /** Ports the agent serves: the topology's plus any other port a probe asked for. */
  served: Map<string, ServedPort>;
  /** The ruleset text last applied (pods only), to skip `nft` when nothing changed. */
  ruleset?: string;
}

/** A port nothing listens on at the router: its reset proves the path works both ways. */
const LINK_CHECK_PORT = 9;
const LINK_CHECK_ATTEMPTS = 40;

function servedKey(p: ServedPort): string {
  return `${p.port}/${p.protocol}`;
}

/** TCP and UDP are served; SCTP is not (see requirements.ts). */
export function servable(ports: readonly PortSpec[]): ServedPort[] {
  return ports.flatMap((p) => (p.protocol === 'SCTP' ? [] : [{ port: p.port, protocol: p.protocol }]));
}

export class Dataplane {
  readonly endpoints = new Map<EndpointId, Endpoint>();
  private serial = 0;

  private constructor(
    readonly sandbox: Sandbox,
    /** Whether the kernel has IPv6: endpoints are then built dual-stack. */
    readonly ipv6: boolean,
  ) {}

  static async create(sandbox: Sandbox, ipv6: boolean): Promise<Dataplane> {
    const dataplane = new Dataplane(sandbox, ipv6);
    await dataplane.runScript(baseNamespaces());
    await sandbox.run('ip', ['netns', 'exec', ROUTER_NS, 'sh', '-c', routerSysctlCommand(ipv6)]);
    const [veth, ...rest] = baseLinks(ipv6);
    if (veth) await dataplane.runScript(veth);
    const ruleset = ipv6 ? [sandbox.run('nsenter', [`--net=${netnsPath(ROUTER_NS)}`, 'nft', '-f', '-'], ROUTER_RULESET)] : [];
    await Promise.all([...rest.map((s) => dataplane.runScript(s)), ...ruleset]);
    return dataplane;
  }

  private async runScript(script: Script): Promise<void> {
    if (script.lines.length === 0) return;
    await this.sandbox.run('ip', ipArgs(script), `${script.lines.join('\n')}\n`);
  }

  /** Creates endpoints (all in one batch), starts their agents and opens their ports. */
  async add(specs: readonly EndpointSpec[]): Promise<void> {
    if (specs.length === 0) return;
    const plans = specs.map((spec) => planEndpoint(spec, ++this.serial, this.ipv6));
    const { first, parallel } = addEndpointScripts(plans, this.ipv6);
    await this.runScript(first);
    for (const plan of plans) this.endpoints.set(plan.id, { ...plan, served: new Map() });
    await Promise.all(parallel.map((s) => this.runScript(s)));
    await Promise.all(
      plans.map(async (plan) => {
        await this.sandbox.startAgent(plan.id, netnsPath(plan.netns));
        await this.serve(plan.id, servable(plan.ports));
        await this.waitForLink(plan.id);
      }),
    );
  }

  /**
   * A new veth passes traffic only once the kernel's link watcher has activated its queue, up to
   * a second after `link set up`; packets sent before are dropped (seen as 1 s stalls of the first
   * probes). A round trip to the router proves both ends are live: it has no listener, so a reset
   * (`refused`) is the answer we wait for.
   */
  private async waitForLink(id: EndpointId): Promise<void> {
    // An IPv6-only endpoint (an external host) checks its link to the router's fe80::1.
    const gateway = addressOf(this.get(id), 4) === undefined ? `${GATEWAY6}%eth0` : GATEWAY;
    const check = { ip: gateway, port: LINK_CHECK_PORT, protocol: 'TCP' as const, timeoutMs: 100 };
    for (let attempt = 0; attempt < LINK_CHECK_ATTEMPTS; attempt++) {
      const [result] = await this.sandbox.call(id, { op: 'probe', checks: [check] });
      if (result?.outcome === 'refused' || result?.outcome === 'connected') return;
    }
    throw new TargetError(`netns target: endpoint ${id} cannot reach the router at ${gateway} after ${LINK_CHECK_ATTEMPTS} tries`);
  }

  async remove(ids: readonly EndpointId[]): Promise<void> {
    const plans = ids.flatMap((id) => this.endpoints.get(id) ?? []);
    if (plans.length === 0) return;
    const { links, namespaces } = removeEndpointScripts(plans, this.ipv6);
    await Promise.all(links.map((s) => this.runScript(s)));
    // The agent holds the namespace open: stop it before dropping the name.
    await Promise.all(plans.map((p) => this.sandbox.stopAgent(p.id)));
    await this.runScript(namespaces);
    for (const p of plans) this.endpoints.delete(p.id);
  }

  get(id: EndpointId): Endpoint {
    const endpoint = this.endpoints.get(id);
    if (!endpoint) throw new TargetError(`netns target: no endpoint ${id} in the dataplane`);
    return endpoint;
  }

  /** Makes the endpoint serve exactly `ports` (TCP accept, UDP echo). */
  async serve(id: EndpointId, ports: readonly ServedPort[]): Promise<void> {
    const endpoint = this.get(id);
    const wanted = new Map(ports.map((p) => [servedKey(p), p]));
    const same = wanted.size === endpoint.served.size && [...wanted.keys()].every((k) => endpoint.served.has(k));
    if (same) return;
    const result = await this.sandbox.call(id, { op: 'serve', ports: [...wanted.values()] });
    if (result.failed.length > 0) {
      const first = result.failed[0];
      throw new TargetError(`netns target: endpoint ${id} cannot serve ${first?.port.port}/${first?.port.protocol}: ${first?.error}`);
    }
    endpoint.served = wanted;
  }

  /** Adds ports to what the endpoint serves (a probe may target a port the topology did not list). */
  async ensureServed(id: EndpointId, ports: readonly ServedPort[]): Promise<void> {
    const endpoint = this.get(id);
    const missing = ports.filter((p) => !endpoint.served.has(servedKey(p)));
    if (missing.length > 0) await this.serve(id, [...endpoint.served.values(), ...missing]);
  }

  /** Replaces the pod's nftables table atomically, unless the text is what is already there. */
  async applyRuleset(id: EndpointId, text: string): Promise<boolean> {
    const endpoint = this.get(id);
    if (endpoint.ruleset === text) return false;
    await this.sandbox.run('nsenter', [`--net=${netnsPath(endpoint.netns)}`, 'nft', '-f', '-'], text);
    endpoint.ruleset = text;
    return true;
  }
}
