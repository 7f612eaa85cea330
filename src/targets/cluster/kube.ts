// Connecting to the cluster: kubeconfig loading (--kubeconfig, --context, KUBECONFIG, ~/.kube/config)
// and turning the client's failures into one line a person can act on.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ApiException, KubeConfig } from '@kubernetes/client-node';
import { TargetError, UsageError } from '../../model/errors.js';

export interface KubeConnection {
  kc: KubeConfig;
  context: string;
  server: string;
  /** `--context X [--kubeconfig F]` for the kubectl commands printed in reports. */
  kubectlFlags: string;
}

export function loadKubeConfig(options: { context?: string; kubeconfig?: string }): KubeConnection {
  const kc = new KubeConfig();
  const source = options.kubeconfig ?? process.env['KUBECONFIG'] ?? join(homedir(), '.kube', 'config');
  try {
    if (options.kubeconfig !== undefined) {
      if (!existsSync(options.kubeconfig)) throw new UsageError(`kubeconfig file ${options.kubeconfig} does not exist`);
      kc.loadFromFile(options.kubeconfig);
    } else if ((process.env['KUBECONFIG'] ?? '') !== '' || existsSync(source)) {
      kc.loadFromDefault();
    } else {
      // loadFromDefault would silently fall back to http://localhost:8080; say what is missing instead.
      throw new TargetError(`no kubeconfig found: set KUBECONFIG, pass --kubeconfig FILE, or create ${source} (e.g. with "netpol-conformance cluster up")`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof TargetError) throw error;
    throw new TargetError(`cannot read kubeconfig ${source}: ${firstLine(error)}`, { cause: error });
  }
  if (options.context !== undefined) {
    if (!kc.getContextObject(options.context)) {
      const known = kc.getContexts().map((c) => c.name).join(', ') || '(none)';
      throw new UsageError(`context "${options.context}" is not in kubeconfig ${source}; known contexts: ${known}`);
    }
    kc.setCurrentContext(options.context);
  }
  const context = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new TargetError(`kubeconfig ${source} has no cluster for context "${context}"`);
  const flags = [`--context ${shellQuote(context)}`];
  if (options.kubeconfig !== undefined) flags.push(`--kubeconfig ${shellQuote(options.kubeconfig)}`);
  return { kc, context, server: cluster.server, kubectlFlags: flags.join(' ') };
}

export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').trim();
}

export function statusCode(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

export function isNotFound(error: unknown): boolean {
  return statusCode(error) === 404;
}

export function isConflict(error: unknown): boolean {
  return statusCode(error) === 409;
}

/** The Status the API server sent with a failure, when it sent one. */
export function apiStatus(error: unknown): { message?: string; reason?: string; details?: { causes?: { field?: string; message?: string; reason?: string }[] } } | undefined {
  if (!(error instanceof ApiException)) return undefined;
  const body: unknown = error.body;
  if (typeof body !== 'string') return typeof body === 'object' && body !== null ? body : undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return { message: body.trim().slice(0, 200) };
  }
}

/** Why a connection failed at the network level (ECONNREFUSED, ENOTFOUND, a TLS error...). */
function networkCause(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_\w+|CERT_\w+|\w+_CERT\w*|DEPTH_ZERO\w*)$/.test(code)) return code;
    current = current.cause;
  }
  return undefined;
}

/** One line: what was being done, against which server, and what went wrong. */
export function describeKubeError(error: unknown, action: string, conn: Pick<KubeConnection, 'context' | 'server'>): TargetError {
  if (error instanceof TargetError) return error;
  const where = `context "${conn.context}" (${conn.server})`;
  const code = statusCode(error);
  if (code !== undefined) {
    const status = apiStatus(error);
    const message = status?.message ?? firstLine(error);
    if (code === 401) return new TargetError(`${action}: the API server at ${where} rejected the credentials (401): ${message}`, { cause: error });
    if (code === 403) return new TargetError(`${action}: forbidden by the API server at ${where} (403): ${message}; the kubeconfig user needs RBAC rights to manage namespaces, pods, pods/exec and networkpolicies`, { cause: error });
    return new TargetError(`${action}: the API server at ${where} answered ${code}: ${message}`, { cause: error });
  }
  const cause = networkCause(error);
  if (cause !== undefined) return new TargetError(`${action}: cannot reach the API server at ${where}: ${cause}; is the cluster running and the kubeconfig current?`, { cause: error });
  return new TargetError(`${action}: ${firstLine(error)} (API server ${where})`, { cause: error });
}
