// The one process inside each pod or external-host network namespace (started by the supervisor
// with `ip netns exec NS node endpoint-agent.ts`). It serves the endpoint's ports (TCP accepts and
// closes; UDP answers every datagram) and makes the probes whose source is this endpoint: a socket
// belongs to the namespace it was created in, and Node cannot enter another namespace (no setns),
// so one small process per namespace does both jobs. Runs under plain `node` (type stripping):
// only `node:` imports and erasable TypeScript.
import dgram from 'node:dgram';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { createInterface } from 'node:readline';
import type { AgentReply, AgentRequest, CheckResult, ProbeCheck, ServedPort, ServeResult } from '../protocol.js';

const PROBE_PAYLOAD = Buffer.from('netpol-probe\n');

// A rejected UDP probe is answered with ICMP port-unreachable, which the kernel rate-limits per
// destination (one a second by default): a re-probe within the second would wait for its timeout.
// The limit is per network namespace, and this one is ours.
try {
  writeFileSync('/proc/sys/net/ipv4/icmp_ratelimit', '0');
} catch {
  // Not writable here: denied UDP re-probes then time out instead of being refused; same verdict.
}

type Listener = { kind: 'tcp'; server: net.Server } | { kind: 'udp'; socket: dgram.Socket };
const listeners = new Map<string, Listener>();

function key(p: ServedPort): string {
  return `${p.port}/${p.protocol}`;
}

/**
 * Every socket listens on both families: `::` with IPv6-only off takes IPv4 connections too (the
 * endpoint is dual-stack). A kernel without IPv6 refuses `::`; then `0.0.0.0` (IPv4 only).
 */
let dualStack = true;

async function listenAll<T>(open: (host: string) => Promise<T>): Promise<T> {
  if (!dualStack) return open('0.0.0.0');
  try {
    return await open('::');
  } catch (error) {
    if (errorCode(error) !== 'EAFNOSUPPORT' && errorCode(error) !== 'EADDRNOTAVAIL') throw error;
    dualStack = false;
    return open('0.0.0.0');
  }
}

function openTcp(port: number): Promise<Listener> {
  return listenAll((host) => openTcpOn(port, host));
}

function openTcpOn(port: number, host: string): Promise<Listener> {
  return new Promise((resolve, reject) => {
    // Accept and close at once: the probe only needs the handshake to complete.
    const server = net.createServer((socket) => {
      socket.on('error', () => undefined);
      socket.end();
    });
    server.once('error', reject);
    server.listen({ port, host, ipv6Only: false, backlog: 1024 }, () => {
      server.off('error', reject);
      server.on('error', () => undefined);
      resolve({ kind: 'tcp', server });
    });
  });
}

function openUdp(port: number): Promise<Listener> {
  return listenAll((host) => openUdpOn(port, host));
}

function openUdpOn(port: number, host: string): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const socket = host === '::' ? dgram.createSocket({ type: 'udp6', ipv6Only: false }) : dgram.createSocket('udp4');
    socket.on('message', (msg, from) => socket.send(msg, from.port, from.address));
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      resolve({ kind: 'udp', socket });
    });
  });
}

function close(listener: Listener): void {
  if (listener.kind === 'tcp') listener.server.close();
  else listener.socket.close();
}

/** Makes the served set exactly `ports`: opens the missing ones, closes the others. */
async function serve(ports: ServedPort[]): Promise<ServeResult> {
  const wanted = new Map(ports.map((p) => [key(p), p]));
  for (const [k, listener] of listeners) {
    if (!wanted.has(k)) {
      close(listener);
      listeners.delete(k);
    }
  }
  const failed: ServeResult['failed'] = [];
  await Promise.all(
    [...wanted].map(async ([k, p]) => {
      if (listeners.has(k)) return;
      try {
        listeners.set(k, p.protocol === 'TCP' ? await openTcp(p.port) : await openUdp(p.port));
      } catch (error) {
        failed.push({ port: p, error: error instanceof Error ? error.message : String(error) });
      }
    }),
  );
  return { listening: [...wanted.values()].filter((p) => listeners.has(key(p))), failed };
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : String(error);
}

/** Maps a socket error to an outcome. EPERM is the local netfilter refusing to send (an egress deny). */
function outcomeOf(code: string): CheckResult['outcome'] {
  switch (code) {
    case 'ECONNREFUSED':
    case 'EPERM':
      return 'refused';
    case 'ETIMEDOUT':
      return 'timeout';
    default:
      return 'error';
  }
}

function probeTcp(check: ProbeCheck): Promise<CheckResult> {
  const start = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: check.ip, port: check.port });
    const finish = (outcome: CheckResult['outcome'], detail?: string): void => {
      clearTimeout(timer);
      socket.destroy();
      const elapsedMs = Math.round((performance.now() - start) * 10) / 10;
      resolve(detail === undefined ? { outcome, elapsedMs } : { outcome, elapsedMs, detail });
    };
    const timer = setTimeout(() => finish('timeout', `no answer within ${check.timeoutMs} ms`), check.timeoutMs);
    socket.once('connect', () => finish('connected'));
    socket.once('error', (error) => finish(outcomeOf(errorCode(error)), errorCode(error)));
  });
}

// UDP probes take their source ports in turn from a range below the kernel's ephemeral ports.
// A random port could repeat the 5-tuple of a probe made seconds earlier, whose conntrack entry
// (30 s for UDP) would then pass the new datagram as "established" even after a policy change.
const UDP_PORTS_FIRST = 20000;
const UDP_PORTS_COUNT = 12000;
let nextUdpPort = UDP_PORTS_FIRST + Math.floor(Math.random() * UDP_PORTS_COUNT);

function takeUdpPort(): number {
  const port = nextUdpPort;
  nextUdpPort = UDP_PORTS_FIRST + ((port - UDP_PORTS_FIRST + 1) % UDP_PORTS_COUNT);
  return port;
}

/** A UDP socket of the destination's family bound to the next source port (skipping ports in use, e.g. served ones). */
function boundUdpSocket(ip: string, tries = 8): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(ip.split('%')[0] ?? ip) ? 'udp6' : 'udp4');
    socket.once('error', (error) => {
      socket.close();
      if (tries > 1 && errorCode(error) === 'EADDRINUSE') boundUdpSocket(ip, tries - 1).then(resolve, reject);
      else reject(error);
    });
    socket.bind(takeUdpPort(), () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

async function probeUdp(check: ProbeCheck): Promise<CheckResult> {
  const start = performance.now();
  let socket: dgram.Socket;
  try {
    socket = await boundUdpSocket(check.ip);
  } catch (error) {
    return { outcome: 'error', elapsedMs: 0, detail: `no UDP source port: ${errorCode(error)}` };
  }
  return new Promise((resolve) => {
    let done = false;
    const finish = (outcome: CheckResult['outcome'], detail?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      const elapsedMs = Math.round((performance.now() - start) * 10) / 10;
      resolve(detail === undefined ? { outcome, elapsedMs } : { outcome, elapsedMs, detail });
    };
    const timer = setTimeout(() => finish('timeout', `no datagram back within ${check.timeoutMs} ms`), check.timeoutMs);
    // A connected UDP socket receives ICMP port-unreachable as ECONNREFUSED (a reject).
    socket.once('error', (error) => finish(outcomeOf(errorCode(error)), errorCode(error)));
    socket.once('message', () => finish('connected'));
    socket.connect(check.port, check.ip, () => {
      socket.send(PROBE_PAYLOAD, (error) => {
        if (error) finish(outcomeOf(errorCode(error)), errorCode(error));
      });
    });
  });
}

async function handle(request: AgentRequest): Promise<unknown> {
  switch (request.op) {
    case 'serve':
      return serve(request.ports);
    case 'probe':
      return Promise.all(request.checks.map((c) => (c.protocol === 'TCP' ? probeTcp(c) : probeUdp(c))));
  }
}

function reply(message: AgentReply): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === '') return;
  const message = JSON.parse(line) as AgentRequest & { id: number };
  handle(message).then(
    (value) => reply({ id: message.id, ok: true, value }),
    (error: unknown) => reply({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
// The supervisor closing our stdin means the endpoint is gone (or the sandbox is going down).
lines.on('close', () => process.exit(0));
reply({ id: 0, ok: true, value: 'ready' });
