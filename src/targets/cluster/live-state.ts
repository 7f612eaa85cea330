// Reads a live cluster's state for the analysis commands, read-only: Namespaces, Pods, the
// workloads and NetworkPolicies, of every namespace or of the ones asked for, and the
// cluster-scoped policies where the cluster serves them, as the API server lists them. Each object
// becomes a document like one read from a file (source `cluster:CONTEXT`), so the same
// validation, workload grouping and analysis apply. Nothing is created or changed.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { TargetError } from '../../model/errors.js';
import type { RawDocument } from '../../validate/manifest-text.js';
import { POLICY_API_GROUP } from '../../model/cluster-policy.js';
import { POLICY_RESOURCES, policyVersionsIn, servedKinds } from './cluster-policies.js';
import { firstLine, loadKubeConfig, type KubeConnection } from './kube.js';

export interface LiveOptions {
  kubeconfig?: string;
  context?: string;
  /** Only these namespaces (default: all). */
  namespaces?: readonly string[];
}

export interface LiveState {
  /** `cluster:CONTEXT`: how reports name the input. */
  name: string;
  documents: RawDocument[];
  /** Lists the cluster refused (RBAC) or does not serve, for a warning each. */
  unreadable: string[];
}

/** Kinds the analysis reads, and where the API serves them. Pods, policies and namespaces are required. */
const RESOURCES = [
  { path: 'api/v1', resource: 'pods', required: true },
  { path: 'apis/networking.k8s.io/v1', resource: 'networkpolicies', required: true },
  { path: 'apis/apps/v1', resource: 'deployments' },
  { path: 'apis/apps/v1', resource: 'replicasets' },
  { path: 'apis/apps/v1', resource: 'statefulsets' },
  { path: 'apis/apps/v1', resource: 'daemonsets' },
  { path: 'api/v1', resource: 'replicationcontrollers' },
  { path: 'apis/batch/v1', resource: 'jobs' },
  { path: 'apis/batch/v1', resource: 'cronjobs' },
] as const;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson(conn: KubeConnection, path: string): Promise<Record<string, unknown>> {
  const url = new URL(path, conn.server.endsWith('/') ? conn.server : `${conn.server}/`);
  const options: RequestOptions = { method: 'GET', headers: { accept: 'application/json' } };
  await conn.kc.applyToHTTPSOptions(options);
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          try {
            resolve(JSON.parse(text) as Record<string, unknown>);
          } catch {
            reject(new HttpError(status, `GET ${url.pathname}: not JSON`));
          }
          return;
        }
        const message = ((): string => {
          try {
            const message: unknown = (JSON.parse(text) as { message?: unknown }).message;
            return typeof message === 'string' ? message : text;
          } catch {
            return text;
          }
        })();
        reject(new HttpError(status, `GET ${url.pathname}: ${status} ${firstLine(message)}`));
      });
    });
    req.on('error', (error) => reject(new TargetError(`cannot reach the API server at ${conn.server}: ${firstLine(error)}`, { cause: error })));
    req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
    req.end();
  });
}

/** A list's items as documents, with the apiVersion and kind the list implies. */
function documentsOf(list: Record<string, unknown>, source: string): RawDocument[] {
  const kind = typeof list['kind'] === 'string' ? list['kind'].replace(/List$/, '') : undefined;
  const items = Array.isArray(list['items']) ? (list['items'] as unknown[]) : [];
  return items.map((item, i) => ({
    raw: typeof item === 'object' && item !== null ? { apiVersion: list['apiVersion'], kind, ...item } : item,
    source: { file: source, document: i },
    locate: () => undefined,
  }));
}

/**
 * ClusterNetworkPolicies, AdminNetworkPolicies and the BaselineAdminNetworkPolicy, of the versions
 * the cluster serves (discovery, GET /apis). They apply to pods of every namespace, so they are read
 * whole, with --namespace too. A kind the cluster does not serve has nothing to read: it is
 * skipped without a word; a list the cluster refuses (RBAC) is unreadable, as for workloads.
 */
async function clusterPolicyDocuments(conn: KubeConnection, name: string, unreadable: string[]): Promise<RawDocument[]> {
  const documents: RawDocument[] = [];
  const read = async (path: string): Promise<Record<string, unknown> | undefined> => {
    try {
      return await getJson(conn, path);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (error.status !== 404) unreadable.push(error.message);
      return undefined;
    }
  };
  const discovery = await read('apis');
  const groups = discovery?.['groups'];
  const versions = policyVersionsIn({ groups: Array.isArray(groups) ? (groups as { name?: string; versions?: { version?: string }[] }[]) : [] });
  for (const kind of servedKinds(versions)) {
    const { version, plural } = POLICY_RESOURCES[kind];
    const list = await read(`apis/${POLICY_API_GROUP}/${version}/${plural}`);
    if (list) documents.push(...documentsOf(list, `${name}/${plural}`));
  }
  return documents;
}

export async function readLiveState(options: LiveOptions): Promise<LiveState> {
  const conn = loadKubeConfig(options);
  const name = `cluster:${conn.context}`;
  const scopes = options.namespaces && options.namespaces.length > 0 ? options.namespaces.map((n) => `namespaces/${encodeURIComponent(n)}/`) : [''];
  const documents: RawDocument[] = [];
  const unreadable: string[] = [];
  const wrap = (error: unknown): Error => (error instanceof HttpError ? new TargetError(`cannot read ${name}: ${error.message}`) : (error as Error));
  try {
    if (options.namespaces && options.namespaces.length > 0) {
      for (const ns of options.namespaces) {
        const object = await getJson(conn, `api/v1/namespaces/${encodeURIComponent(ns)}`);
        documents.push(...documentsOf({ kind: 'NamespaceList', apiVersion: 'v1', items: [object] }, `${name}/namespaces/${ns}`));
      }
    } else documents.push(...documentsOf(await getJson(conn, 'api/v1/namespaces'), `${name}/namespaces`));
  } catch (error) {
    throw wrap(error);
  }
  for (const r of RESOURCES) {
    for (const scope of scopes) {
      try {
        documents.push(...documentsOf(await getJson(conn, `${r.path}/${scope}${r.resource}`), `${name}/${scope}${r.resource}`));
      } catch (error) {
        if ('required' in r || !(error instanceof HttpError)) throw wrap(error);
        unreadable.push(error.message);
      }
    }
  }
  documents.push(...(await clusterPolicyDocuments(conn, name, unreadable)));
  return { name, documents, unreadable };
}
