// When the test-bed tests run: only with NETPOL_CLUSTER_TESTS=testbed and a running test bed
// (`netpol-conformance testbed up`); otherwise they are skipped with the reason.
import { backendKind } from '../cluster/backend.js';
import { runningStatus, type SupervisorStatus } from '../../src/testbed/lifecycle.js';
import { goUnavailable, hostUnavailable } from '../../src/testbed/requirements.js';

/** Why the test-bed tests are skipped here (the test bed cannot run, or was not asked for). */
export async function testbedSkipReason(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (backendKind(env) === 'testbed') return undefined;
  const cannot = (await goUnavailable(env)) ?? hostUnavailable(env);
  if (cannot !== undefined) return `the test bed cannot run here: ${cannot}`;
  return 'runs on the test bed only: npm run test:testbed (or testbed up, then NETPOL_CLUSTER_TESTS=testbed)';
}

/** The running test bed; fails (never skips) when it was asked for and is not there. */
export function runningTestbed(): SupervisorStatus & { kubeconfig: string } {
  const status = runningStatus();
  if (status?.phase !== 'ready' || status.kubeconfig === undefined) throw new Error('NETPOL_CLUSTER_TESTS=testbed but the test bed is not running: start it with "netpol-conformance testbed up"');
  return { ...status, kubeconfig: status.kubeconfig };
}
