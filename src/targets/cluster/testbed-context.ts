// A kubeconfig context written by `netpol-conformance testbed up` announces itself with the
// context extension `netpol-conformance.testbed`: the agnhost image the test bed imported (it has
// no registry to pull from), its networks, and its run directory, where the external-host
// provider finds the node. client-node drops extensions, so the files are read here.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';

export const TESTBED_EXTENSION = 'netpol-conformance.testbed';

export interface TestbedContext {
  runDir: string;
  agnhostImage: string;
  podCidr: string;
  serviceCidr: string;
  nodeIp: string;
  /** Why the test bed's node cannot serve SCTP, when it cannot. */
  sctp?: string;
}

/** The kubeconfig files a connection reads: --kubeconfig, else $KUBECONFIG, else ~/.kube/config. */
export function kubeconfigFiles(kubeconfig: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  if (kubeconfig !== undefined) return [kubeconfig];
  const list = env['KUBECONFIG'];
  if (list !== undefined && list !== '') return list.split(delimiter).filter((f) => f !== '');
  return [join(homedir(), '.kube', 'config')];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asTestbed(value: unknown): TestbedContext | undefined {
  if (!isRecord(value)) return undefined;
  const fields = ['runDir', 'agnhostImage', 'podCidr', 'serviceCidr', 'nodeIp'] as const;
  if (!fields.every((f) => typeof value[f] === 'string' && value[f] !== '')) return undefined;
  const context = Object.fromEntries(fields.map((f) => [f, value[f]])) as unknown as TestbedContext;
  return typeof value['sctp'] === 'string' && value['sctp'] !== '' ? { ...context, sctp: value['sctp'] } : context;
}

/** The test bed extension of `context` in the first file that defines the context, if any. */
export function testbedContext(files: readonly string[], context: string): TestbedContext | undefined {
  for (const file of files) {
    if (!existsSync(file)) continue;
    let doc: unknown;
    try {
      doc = parse(readFileSync(file, 'utf8'));
    } catch {
      continue; // loadKubeConfig reports unreadable files
    }
    const contexts = isRecord(doc) && Array.isArray(doc['contexts']) ? doc['contexts'] : [];
    const entry = contexts.find((c): c is Record<string, unknown> => isRecord(c) && c['name'] === context);
    if (!entry) continue;
    const body = entry['context'];
    const extensions = isRecord(body) && Array.isArray(body['extensions']) ? body['extensions'] : [];
    const ext = extensions.find((e): e is Record<string, unknown> => isRecord(e) && e['name'] === TESTBED_EXTENSION);
    return asTestbed(ext?.['extension']);
  }
  return undefined;
}
