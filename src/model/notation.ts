// The small notations of feature tables and the command line: labels `k=v, k2=v2`, ports
// `[name:]80/TCP`, label changes `k=v` / `k-` (as kubectl label).
import { InputError } from './errors.js';
import { PROTOCOLS, type Protocol } from './api.js';
import type { PortSpec } from './topology.js';

export function parseLabels(text: string, what: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of splitList(text)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new InputError(`${what}: "${part}" is not a label (write key=value)`);
    labels[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return labels;
}

/** `k=v` sets, `k-` removes (kubectl label). Returns the labels after the change. */
export function applyLabelChanges(labels: Readonly<Record<string, string>>, text: string, what: string): Record<string, string> {
  const next = { ...labels };
  for (const part of splitList(text)) {
    if (part.endsWith('-') && !part.includes('=')) {
      delete next[part.slice(0, -1)];
      continue;
    }
    Object.assign(next, parseLabels(part, what));
  }
  return next;
}

export function parseProtocol(text: string, what: string): Protocol {
  const upper = text.toUpperCase();
  if (!(PROTOCOLS as readonly string[]).includes(upper)) {
    throw new InputError(`${what}: unknown protocol "${text}"; use ${PROTOCOLS.join(', ')}`);
  }
  return upper as Protocol;
}

/** `80/TCP`, or `name:80/TCP`: the protocol is required, in features and on the command line alike. */
export function parsePort(text: string, what: string): PortSpec {
  const match = /^(?:([a-z0-9-]+):)?(\d+)(?:\/([A-Za-z]+))?$/.exec(text.trim());
  const number = Number(match?.[2]);
  if (!match || !Number.isInteger(number) || number < 1 || number > 65535) {
    throw new InputError(`${what}: "${text}" is not a port (write 80/TCP, or name:80/TCP)`);
  }
  const protoText = match[3];
  if (protoText === undefined) throw new InputError(`${what}: "${text}" needs a protocol (${text.trim()}/TCP, /UDP or /SCTP)`);
  const protocol = parseProtocol(protoText, what);
  return { port: number, protocol, ...(match[1] !== undefined ? { name: match[1] } : {}) };
}

export function parsePorts(text: string, what: string): PortSpec[] {
  return splitList(text).map((p) => parsePort(p, what));
}

export function formatPort(port: Pick<PortSpec, 'port' | 'protocol'>): string {
  return `${port.port}/${port.protocol}`;
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
