// A recording proxy in front of a real API server, so the cluster target's contract tests can
// assert on the requests the target makes exactly as they do against the fake API server: plain
// HTTP with a bearer token on 127.0.0.1 in front, the kubeconfig's TLS client certificate behind.
// Exec upgrades (WebSocket) are passed through byte for byte and recorded as execs.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { Duplex } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { FAKE_TOKEN, type RecordedExec, type RecordedRequest } from '../fake-apiserver/server.js';
import { TESTBED_EXTENSION, testbedContext } from '../../src/targets/cluster/testbed-context.js';

export interface RecordingProxy {
  url: string;
  requests: RecordedRequest[];
  execs: RecordedExec[];
  /** A kubeconfig (contexts `fake` and `other`, as the fake writes) that points at the proxy. */
  writeKubeconfig(dir: string): string;
  close(): Promise<void>;
}

const EXEC = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/;

function queryOf(url: URL): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key);
  return query;
}

export async function startRecordingProxy(kubeconfig: string, context?: string): Promise<RecordingProxy> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  if (context !== undefined) kc.setCurrentContext(context);
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  if (!cluster || !user) throw new Error(`kubeconfig ${kubeconfig} has no current cluster or user`);
  const upstream = new URL(cluster.server);
  // A test bed's context extension travels along, so the target finds its image and externals.
  const testbed = testbedContext([kubeconfig], kc.getCurrentContext());
  const extension = testbed ? `\n    extensions:\n    - name: ${TESTBED_EXTENSION}\n      extension: ${JSON.stringify(testbed)}` : '';
  const tls: ConnectionOptions = {
    ...(cluster.caData ? { ca: Buffer.from(cluster.caData, 'base64') } : {}),
    ...(user.certData ? { cert: Buffer.from(user.certData, 'base64') } : {}),
    ...(user.keyData ? { key: Buffer.from(user.keyData, 'base64') } : {}),
    servername: upstream.hostname === '127.0.0.1' ? undefined : upstream.hostname,
  };
  const requests: RecordedRequest[] = [];
  const execs: RecordedExec[] = [];
  const headersFor = (req: IncomingMessage): Record<string, string> => {
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (key === 'authorization' || key === 'host' || value === undefined) continue;
      headers[key] = Array.isArray(value) ? value.join(', ') : value;
    }
    headers['host'] = upstream.host;
    return headers;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://proxy');
      const body = Buffer.concat(chunks);
      const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: queryOf(url), contentType: req.headers['content-type'] ?? '', body: body.toString('utf8'), status: 0 };
      if (req.headers.authorization !== `Bearer ${FAKE_TOKEN}`) {
        record.status = 401;
        requests.push(record);
        res.writeHead(401).end();
        return;
      }
      const out = httpsRequest({ ...tls, host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: headersFor(req) }, (answer) => {
        record.status = answer.statusCode ?? 0;
        requests.push(record);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      out.on('error', (error) => {
        record.status = 502;
        requests.push(record);
        res.writeHead(502).end(String(error));
      });
      out.end(body);
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const command = url.searchParams.getAll('command');
    const container = url.searchParams.get('container') ?? '';
    const up = tlsConnect({ ...tls, host: upstream.hostname, port: Number(upstream.port) }, () => {
      const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`, ...Object.entries(headersFor(req)).map(([k, v]) => `${k}: ${v}`), '', ''];
      up.write(lines.join('\r\n'));
      if (head.length > 0) up.write(head);
    });
    let answered = false;
    let buffered = Buffer.alloc(0);
    up.on('data', (chunk: Buffer) => {
      if (!answered) {
        buffered = Buffer.concat([buffered, chunk]);
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        answered = true;
        const headText = buffered.subarray(0, end).toString('latin1');
        const status = Number(/^HTTP\/1\.1 (\d+)/.exec(headText)?.[1] ?? 0);
        const protocol = /\r\nsec-websocket-protocol: *([^\r\n]+)/i.exec(headText)?.[1]?.trim() ?? '';
        const m = EXEC.exec(url.pathname);
        requests.push({ method: 'GET', path: url.pathname, query: status === 101 ? { command, container: [container] } : {}, contentType: '', body: '', status });
        if (status === 101 && m) execs.push({ namespace: decodeURIComponent(m[1] ?? ''), pod: decodeURIComponent(m[2] ?? ''), container, command, protocol });
        socket.write(buffered);
        return;
      }
      socket.write(chunk);
    });
    socket.on('data', (chunk: Buffer) => up.write(chunk));
    const close = (): void => {
      up.destroy();
      socket.destroy();
    };
    up.on('end', close);
    up.on('error', close);
    socket.on('end', close);
    socket.on('error', close);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    requests,
    execs,
    writeKubeconfig(dir) {
      const file = join(dir, 'kubeconfig.yaml');
      writeFileSync(file, [
        'apiVersion: v1', 'kind: Config', 'clusters:',
        `- name: fake\n  cluster:\n    server: ${url}\n    insecure-skip-tls-verify: true`,
        'users:', `- name: fake\n  user:\n    token: ${FAKE_TOKEN}`,
        'contexts:', `- name: fake\n  context:\n    cluster: fake\n    user: fake${extension}`, `- name: other\n  context:\n    cluster: fake\n    user: fake${extension}`,
        'current-context: fake', '',
      ].join('\n'));
      return file;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
