// The netns target: a kernel-enforced dataplane on this machine. It keeps its own copy of the
// cluster state (topology with current labels, applied policies), compiles it to one nftables
// table per pod at every change and puts into the kernel, before the next probe, only the tables
// whose text changed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TargetError, UsageError } from '../../model/errors.js';
import { endpointAddresses, podId, type EndpointId, type PodSpec, type Topology } from '../../model/topology.js';
import type { Flow, Observation } from '../../model/verdicts.js';
import type { KubeObject, ObjectRef } from '../../model/api.js';
import { ObjectStore } from '../object-store.js';
import type { NetnsOptions } from '../spec.js';
import type { Capability, ProbeOptions, Target } from '../target.js';
import { Dataplane, servable } from './dataplane.js';
import { buildable, type EndpointSpec } from './dataplane-plan.js';
import { renderPodRuleset, type CompileOptions } from './nft-compiler.js';
import { probeFlows, type ProbeSettings } from './probes.js';
import type { SandboxStats } from './protocol.js';
import { ipv6LackingReason, sctpLackingReason, type NetnsTools } from './requirements.js';
import { Sandbox } from './sandbox.js';
import type { KeptSandbox } from './kept.js';
import { UNMODELLED_PEERS } from '../unmodelled-peers.js';

const EMPTY: Topology = { namespaces: [], pods: [], externals: [] };

function podEndpoint(pod: PodSpec): EndpointSpec {
  return { id: podId(pod.namespace, pod.name), kind: 'pod', ips: endpointAddresses(pod), ports: pod.ports };
}

function endpointSpecs(topology: Topology): EndpointSpec[] {
  return [...topology.pods.map(podEndpoint), ...topology.externals.map((e): EndpointSpec => ({ id: e.name, kind: 'external', ips: [e.ip], ports: e.ports }))];
}

function checkAddresses(specs: readonly EndpointSpec[]): void {
  const owner = new Map<string, string>();
  for (const spec of specs) {
    for (const ip of spec.ips) {
      const other = owner.get(ip);
      if (other !== undefined) throw new TargetError(`netns target: ${spec.id} and ${other} both have address ${ip}`);
      owner.set(ip, spec.id);
    }
  }
}

const sameAddresses = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((ip, i) => ip === b[i]);

export class NetnsTarget implements Target {
  readonly name = 'netns';
  readonly lacking = new Map<Capability, string>();
  private sandbox: Sandbox | undefined;
  private dataplane: Dataplane | undefined;
  private readonly store = new ObjectStore();
  private readonly compile: CompileOptions;
  private readonly settings: ProbeSettings;
  /** Whether this kernel has IPv6: pods are then built dual-stack. */
  private readonly ipv6: boolean;
  /** `--keep`: down() leaves the sandbox running and records it (kept.ts). */
  private readonly keep: boolean;
  /** `--dump-rules DIR`: where each pod's ruleset goes as it is applied. */
  private readonly dumpRules: string | undefined;
  /** The sandbox down() kept, for the command to say how to enter and remove it. */
  kept: KeptSandbox | undefined;
  /**
   * Every pod's ruleset compiled from the current state, put into the kernel before the next probe
   * (installRules), not at each change: a scenario resets the policies (up) and applies its own,
   * often to the same pods, and only what differs from the kernel's tables when it probes costs an
   * `nft` run (a run takes milliseconds of kernel time, most of a scenario on this target). A
   * probe never sees an older state than the last change, as on a cluster once it has converged.
   */
  private compiled = new Map<EndpointId, string>();

  constructor(
    private readonly tools: NetnsTools,
    options: NetnsOptions,
  ) {
    this.compile = {
      ipBlockMatchesPodIps: options.ipBlockMatchesPodIps ?? true,
      denyAction: options.denyAction ?? 'reject',
      ...(options.fault !== undefined ? { fault: options.fault } : {}),
    };
    for (const [capability, reason] of UNMODELLED_PEERS) this.lacking.set(capability, reason);
    const sctpReason = sctpLackingReason();
    this.lacking.set('sctp', sctpReason);
    const ipv6Reason = ipv6LackingReason();
    this.ipv6 = ipv6Reason === undefined;
    if (ipv6Reason !== undefined) this.lacking.set('ipv6', ipv6Reason);
    if (!this.compile.ipBlockMatchesPodIps) this.lacking.set('ipblock-pod-ip', 'option ipBlockMatchesPodIps is off: ipBlock peers do not match pod addresses');
    else this.lacking.set('no-ipblock-pod-ip', 'ipBlock peers match pod addresses (the default; --no-ipblock-pod-ips turns it off)');
    this.settings = {
      timeoutMs: options.probeTimeoutMs ?? (this.compile.denyAction === 'drop' ? 300 : 500),
      maxAttempts: options.maxAttempts ?? 3,
      retryDelayMs: 50,
      sctpReason,
      keep: options.keep === true,
    };
    this.keep = options.keep === true;
    this.dumpRules = options.dumpRules;
    if (this.dumpRules !== undefined) {
      try {
        mkdirSync(this.dumpRules, { recursive: true });
      } catch (error) {
        throw new UsageError(`--dump-rules ${this.dumpRules}: cannot create the folder (${error instanceof Error ? error.message : String(error)})`);
      }
    }
  }

  /** The dataplane of the current run; only up() may (re)build it, with the topology it is given. */
  private current(): Dataplane {
    if (this.dataplane && this.sandbox?.alive) return this.dataplane;
    throw new TargetError(
      this.sandbox ? 'netns target: the sandbox stopped unexpectedly; see the error before this one' : 'netns target: call up(topology) first',
    );
  }

  private async build(): Promise<Dataplane> {
    if (this.dataplane && this.sandbox?.alive) return this.dataplane;
    await this.down();
    this.sandbox = await Sandbox.start(this.tools, undefined, this.keep);
    try {
      this.dataplane = await Dataplane.create(this.sandbox, this.ipv6);
    } catch (error) {
      await this.down();
      throw error;
    }
    return this.dataplane;
  }

  /** Reuses endpoints whose kind and address are unchanged; labels live in our state only. */
  async up(topology: Topology): Promise<Topology> {
    const plane = await this.build();
    const wanted = endpointSpecs(topology);
    checkAddresses(wanted);
    const byId = new Map(wanted.map((s) => [s.id, s]));
    const stale = [...plane.endpoints.values()].filter((e) => {
      const spec = byId.get(e.id);
      return !spec || spec.kind !== e.kind || !sameAddresses(spec.ips, e.ips);
    });
    await plane.remove(stale.map((e) => e.id));
    await plane.add(wanted.filter((s) => !plane.endpoints.has(s.id)));
    await Promise.all(wanted.map((s) => plane.serve(s.id, servable(s.ports))));
    this.store.reset(topology);
    this.render();
    // As built: without IPv6 in the kernel, pods have their IPv4 address only.
    return this.ipv6 ? topology : { ...topology, pods: topology.pods.map((p) => ({ ...p, ips: buildable(endpointAddresses(p), false) })) };
  }

  async apply(objects: readonly KubeObject[]): Promise<void> {
    const plane = this.current();
    const { addedPods } = this.store.apply(objects);
    if (addedPods.length > 0) {
      checkAddresses(endpointSpecs(this.store.topology));
      await plane.add(addedPods.map(podEndpoint));
    }
    this.render();
  }

  async remove(refs: readonly ObjectRef[]): Promise<void> {
    const plane = this.current();
    const { removedPods } = this.store.remove(refs);
    await plane.remove(removedPods);
    this.render();
  }

  async probe(flows: readonly Flow[], options: ProbeOptions = {}): Promise<Observation[]> {
    const plane = this.current();
    await this.installRules(plane);
    return probeFlows(plane, flows, options.expected, this.settings);
  }

  /** Compiles every pod's table from the current state (a policy that cannot be compiled fails the change that brought it). */
  private render(): void {
    const state = { topology: this.store.topology, policies: this.store.policies, clusterPolicies: this.store.clusterPolicies };
    this.compiled = new Map(state.topology.pods.map((pod) => [podId(pod.namespace, pod.name), renderPodRuleset(state, pod, this.compile)]));
  }

  /** Puts the compiled tables into the kernel, those whose text differs from what is there. */
  private async installRules(plane: Dataplane): Promise<void> {
    await Promise.all(
      [...this.compiled].map(async ([id, text]) => {
        const changed = await plane.applyRuleset(id, text);
        if (changed && this.dumpRules !== undefined) writeFileSync(join(this.dumpRules, `${id.replace('/', '_')}.nft`), text);
      }),
    );
  }

  /** Processes and memory inside the sandbox (for the benchmark's per-pod cost). */
  async stats(): Promise<SandboxStats> {
    const plane = this.current();
    await this.installRules(plane);
    return plane.sandbox.stats();
  }

  /** The running sandbox, for tests that look at it from outside (PID, run marker). */
  get sandboxInfo(): { initPid: number; runId: string; enter: string } | undefined {
    const s = this.sandbox;
    return s?.alive ? { initPid: s.initPid, runId: s.runId, enter: s.enterCommand() } : undefined;
  }

  async down(): Promise<void> {
    const sandbox = this.sandbox;
    const plane = this.dataplane;
    // A person enters a kept sandbox to look at the last state: its tables too.
    if (this.keep && sandbox?.alive && plane) await this.installRules(plane);
    this.sandbox = undefined;
    this.dataplane = undefined;
    this.store.reset(EMPTY);
    this.compiled = new Map();
    if (this.keep && sandbox?.alive) {
      this.kept = sandbox.detach([...(plane?.endpoints.values() ?? [])].map((e) => e.netns));
      return;
    }
    await sandbox?.close();
  }
}
