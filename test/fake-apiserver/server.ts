// A fake Kubernetes API server on 127.0.0.1 for contract tests of the cluster target: the REST
// verbs it uses, pods that become Ready with addresses (or never do), exec over WebSocket
// (v5/v4.channel.k8s.io) whose probes the engine judges, and a log of every request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EngineFault } from '../../src/engine/options.js';
import type { ExternalHost } from '../../src/model/topology.js';
import { Dataplane } from './dataplane.js';
import { handleEvents, handleNamespaces, handlePods, handlePolicies, handleReadOnlyList, READ_ONLY_LIST, status, type Reply, type RequestInfo, type RouteHooks } from './routes.js';
import { Store, type StoredPod } from './store.js';
import { apiGroupList, handleClusterPolicies } from './cluster-policy-routes.js';

export const FAKE_TOKEN = 'fake-token';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string[]>;
  contentType: string;
  body: string;
  status: number;
}

export interface RecordedExec {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  protocol: string;
}

export interface Verb {
  verb: 'get' | 'list' | 'create' | 'patch' | 'delete' | 'exec';
  resource: string;
  namespace?: string;
  name?: string;
}

export type ExecFault = 'reject' | 'status-failure' | 'hang';

export interface FakeOptions {
  /** Pods get an address and become Ready this long after creation. */
  readyDelayMs?: number;
  /** Pods for which this returns true stay Pending with an image pull failure. */
  neverReady?: (namespace: string, name: string) => boolean;
  /** Requests for which this returns true are answered 403 Forbidden (RBAC). */
  forbid?: (verb: Verb) => boolean;
  /** Execs into pods for which this returns a fault fail that way. */
  execFault?: (namespace: string, pod: string) => ExecFault | undefined;
  deleteDelayMs?: number;
  denyAs?: 'timeout' | 'refused';
  enforcementLagExecs?: number;
  externals?: readonly ExternalHost[];
  /** The versions of policy.networking.k8s.io the fake serves; default v1alpha2 and v1alpha1. */
  policyVersions?: readonly string[];
  /** A plugin bug the data plane enforces (an engine fault); none by default. */
  fault?: EngineFault;
}

export interface FakeApiServer {
  url: string;
  store: Store;
  dataplane: Dataplane;
  requests: RecordedRequest[];
  execs: RecordedExec[];
  /** Writes a kubeconfig with context `fake` (and a second context `other`) and returns its path. */
  writeKubeconfig(dir: string): string;
  close(): Promise<void>;
}

const DISCOVERY: Record<string, { name: string; kind: string; namespaced: boolean }[]> = {
  '/api/v1': [
    { name: 'namespaces', kind: 'Namespace', namespaced: false },
    { name: 'pods', kind: 'Pod', namespaced: true },
    { name: 'events', kind: 'Event', namespaced: true },
  ],
  '/apis/networking.k8s.io/v1': [{ name: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true }],
};

const POLICY_PATH = /^\/apis\/policy\.networking\.k8s\.io\/(v1alpha[12])\/([a-z]+)(?:\/([^/]+))?$/;

const PATH = /^\/api\/v1\/namespaces(?:\/([^/]+)(?:\/(pods|events)(?:\/([^/]+)(?:\/(exec))?)?)?)?$|^\/apis\/networking\.k8s\.io\/v1\/namespaces\/([^/]+)\/networkpolicies(?:\/([^/]+))?$/;

function verbOf(method: string, name: string | undefined): Verb['verb'] {
  switch (method) {
    case 'GET':
      return name === undefined ? 'list' : 'get';
    case 'POST':
      return 'create';
    case 'PATCH':
      return name === undefined ? 'patch' : 'patch';
    default:
      return 'delete';
  }
}

export async function startFakeApiServer(options: FakeOptions = {}): Promise<FakeApiServer> {
  const store = new Store();
  const dataplane = new Dataplane(store, { denyAs: options.denyAs ?? 'timeout', enforcementLagExecs: options.enforcementLagExecs ?? 0, externals: options.externals ?? [], ...(options.fault ? { fault: options.fault } : {}) });
  const requests: RecordedRequest[] = [];
  const execs: RecordedExec[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let nextIp = 10;
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const hooks: RouteHooks = {
    deleteDelayMs: options.deleteDelayMs ?? 20,
    podCreated(pod: StoredPod) {
      const stuck = options.neverReady?.(pod.metadata.namespace, pod.metadata.name) ?? false;
      later(options.readyDelayMs ?? 10, () => {
        if (stuck) {
          const image = pod.spec.containers[0]?.image ?? '';
          pod.status.containerStatuses = [{ name: 'agnhost', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } } }];
          store.addEvent(pod, 'Warning', 'Failed', `Failed to pull image "${image}": not found`);
          return;
        }
        const n = nextIp++;
        pod.status = {
          phase: 'Running',
          podIP: `10.244.${Math.floor(n / 250)}.${(n % 250) + 2}`,
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [{ name: 'agnhost', ready: true, restartCount: 0, state: { running: {} } }],
        };
        store.touch(pod.metadata);
      });
    },
  };

  const route = (info: RequestInfo): Reply => {
    if (info.method === 'GET' && DISCOVERY[info.path]) {
      const groupVersion = info.path === '/api/v1' ? 'v1' : 'networking.k8s.io/v1';
      return { status: 200, body: { kind: 'APIResourceList', groupVersion, resources: DISCOVERY[info.path]?.map((r) => ({ ...r, singularName: '', verbs: ['create', 'delete', 'get', 'list', 'patch'] })) } };
    }
    const policyVersions = options.policyVersions ?? ['v1alpha2', 'v1alpha1'];
    if (info.method === 'GET' && info.path === '/apis') return apiGroupList(policyVersions);
    const cluster = POLICY_PATH.exec(info.path);
    if (cluster && policyVersions.includes(cluster[1] ?? '')) {
      const [, version = '', plural = '', name] = cluster;
      const verb: Verb = { verb: verbOf(info.method, name), resource: plural, ...(name ? { name } : {}) };
      if (options.forbid?.(verb)) return status(403, 'Forbidden', `${plural}.policy.networking.k8s.io is forbidden: User "system:serviceaccount:ci:runner" cannot ${verb.verb} resource "${plural}" in API group "policy.networking.k8s.io" at the cluster scope`);
      return handleClusterPolicies(store, info, version, plural, name);
    }
    const listed = info.method === 'GET' ? READ_ONLY_LIST.exec(info.path) : null;
    // Namespaced pods and policies go to their own handlers (which also serve the cluster target's writes).
    if (listed && !(listed[1] !== undefined && (listed[2] === 'pods' || listed[2] === 'networkpolicies'))) {
      if (options.forbid?.({ verb: 'list', resource: listed[2] ?? '', ...(listed[1] ? { namespace: listed[1] } : {}) })) return status(403, 'Forbidden', `${listed[2]} is forbidden`);
      return handleReadOnlyList(store, listed[1], listed[2] ?? '');
    }
    const m = PATH.exec(info.path);
    if (!m) return status(404, 'NotFound', `the server could not find the requested resource (${info.method} ${info.path})`);
    const [, nsName, sub, subName, exec, npNamespace, npName] = m;
    const verb: Verb = npNamespace !== undefined
      ? { verb: verbOf(info.method, npName), resource: 'networkpolicies', namespace: npNamespace, ...(npName ? { name: npName } : {}) }
      : sub !== undefined
        ? { verb: exec ? 'exec' : verbOf(info.method, subName), resource: sub, ...(nsName ? { namespace: nsName } : {}), ...(subName ? { name: subName } : {}) }
        : { verb: verbOf(info.method, nsName), resource: 'namespaces', ...(nsName ? { name: nsName } : {}) };
    if (options.forbid?.(verb)) {
      const user = 'system:serviceaccount:ci:runner';
      const scope = verb.namespace ? ` in the namespace "${verb.namespace}"` : ' at the cluster scope';
      return status(403, 'Forbidden', `${verb.resource} is forbidden: User "${user}" cannot ${verb.verb} resource "${verb.resource}" in API group ""${scope}`);
    }
    if (npNamespace !== undefined) return handlePolicies(store, info, npNamespace, npName);
    if (sub === 'pods' && !exec) return handlePods(store, hooks, info, nsName ?? '', subName);
    if (sub === 'events') return handleEvents(store, info, nsName ?? '');
    if (sub === undefined) return handleNamespaces(store, hooks, info, nsName);
    return status(400, 'BadRequest', 'exec needs a WebSocket upgrade');
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const info: RequestInfo = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString('utf8') };
      const reply = req.headers.authorization === `Bearer ${FAKE_TOKEN}` ? route(info) : status(401, 'Unauthorized', 'Unauthorized');
      const query: Record<string, string[]> = {};
      for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key);
      requests.push({ method: info.method, path: info.path, query, contentType: info.contentType, body: info.body, status: reply.status });
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => ['v5.channel.k8s.io', 'v4.channel.k8s.io'].find((p) => offered.has(p)) ?? false,
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const m = PATH.exec(url.pathname);
    const refuse = (code: number, text: string): void => {
      requests.push({ method: 'GET', path: url.pathname, query: {}, contentType: '', body: '', status: code });
      socket.end(`HTTP/1.1 ${code} ${text}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${JSON.stringify(status(code, text, text).body)}`);
    };
    if (!m || m[4] !== 'exec') return refuse(404, 'Not Found');
    if (req.headers.authorization !== `Bearer ${FAKE_TOKEN}`) return refuse(401, 'Unauthorized');
    const namespace = m[1] ?? '';
    const podName = m[3] ?? '';
    if (options.forbid?.({ verb: 'exec', resource: 'pods', namespace, name: podName })) return refuse(403, 'Forbidden');
    const pod = store.pods.get(`${namespace}/${podName}`);
    if (!pod) return refuse(404, 'Not Found');
    const fault = options.execFault?.(namespace, podName);
    if (fault === 'reject') return refuse(500, 'Internal Server Error');
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const command = url.searchParams.getAll('command');
      const container = url.searchParams.get('container') ?? '';
      execs.push({ namespace, pod: podName, container, command, protocol: ws.protocol });
      requests.push({ method: 'GET', path: url.pathname, query: { command, container: [container] }, contentType: '', body: '', status: 101 });
      if (fault === 'hang') return;
      const send = (channel: number, text: string): void => ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(text)]));
      if (fault === 'status-failure' || pod.status.phase !== 'Running') {
        send(3, JSON.stringify({ metadata: {}, status: 'Failure', reason: 'InternalError', message: `container ${container} in pod ${podName} is not running` }));
        ws.close();
        return;
      }
      const result = dataplane.run(`${namespace}/${podName}`, command);
      if (result.stdout !== '') send(1, result.stdout);
      const exitStatus = result.exitCode === 0
        ? { metadata: {}, status: 'Success' }
        : { metadata: {}, status: 'Failure', message: `command terminated with non-zero exit code: ${result.exitCode}`, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(result.exitCode) }] } };
      send(3, JSON.stringify(exitStatus));
      ws.close();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    store,
    dataplane,
    requests,
    execs,
    writeKubeconfig(dir) {
      const file = join(dir, 'kubeconfig.yaml');
      writeFileSync(
        file,
        [
          'apiVersion: v1',
          'kind: Config',
          'clusters:',
          `- name: fake\n  cluster:\n    server: ${url}\n    insecure-skip-tls-verify: true`,
          'users:',
          `- name: fake\n  user:\n    token: ${FAKE_TOKEN}`,
          'contexts:',
          '- name: fake\n  context:\n    cluster: fake\n    user: fake',
          '- name: other\n  context:\n    cluster: fake\n    user: fake',
          'current-context: fake',
          '',
        ].join('\n'),
      );
      return file;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
