// Ownership: every namespace the harness creates carries its run id in the name and in labels, so
// the harness can find (and only ever delete) what it created, also after a crash.
import { randomBytes } from 'node:crypto';
import { InputError } from '../../model/errors.js';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'netpol-conformance';
export const RUN_LABEL = 'netpol-conformance/run';
/** When the run created the namespace (RFC 3339), so `cleanup` can tell old runs from live ones. */
export const CREATED_ANNOTATION = 'netpol-conformance/created-at';

/** Selects everything any run of the harness owns. */
export const OWNED_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;

const RUN_ID = /^[a-z0-9]{1,12}$/;

export function newRunId(): string {
  // 6 base-36 characters: short enough for 63-character namespace names, unique enough per cluster.
  const n = randomBytes(5).readUIntBE(0, 5);
  return n.toString(36).padStart(8, '0').slice(-6);
}

export function checkRunId(runId: string): string {
  if (!RUN_ID.test(runId)) throw new InputError(`run id "${runId}" must be 1-12 lowercase letters or digits`);
  return runId;
}

export function ownedLabels(runId: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [RUN_LABEL]: runId };
}

export function runSelector(runId: string): string {
  return `${OWNED_SELECTOR},${RUN_LABEL}=${runId}`;
}

export function isOwned(labels: Readonly<Record<string, string>> | undefined): boolean {
  return labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE && (labels[RUN_LABEL] ?? '') !== '';
}

/** The cluster namespace for a topology namespace: `x` -> `x-<runid>` (a DNS label, at most 63). */
export function clusterNamespace(namespace: string, runId: string): string {
  const name = `${namespace}-${runId}`;
  if (name.length > 63) {
    throw new InputError(`namespace "${namespace}" is too long for the cluster target: "${name}" exceeds 63 characters`);
  }
  return name;
}
