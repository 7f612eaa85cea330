// When the test-bed tests run: only with NETPOL_CLUSTER_TESTS=testbed and a running test bed
// (`netpol-conformance testbed up`); otherwise they are skipped with the reason.
import { backendKind } from '../cluster/backend.js';
import { runningStatus, type SupervisorStatus } from '../../src/testbed/lifecycle.js';

export function testbedSkipReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (backendKind(env) !== 'testbed') return 'runs against the test bed only: start it (netpol-conformance testbed up) and set NETPOL_CLUSTER_TESTS=testbed';
  return undefined;
}

/** The running test bed; fails (never skips) when it was asked for and is not there. */
export function runningTestbed(): SupervisorStatus & { kubeconfig: string } {
  const status = runningStatus();
  if (status?.phase !== 'ready' || status.kubeconfig === undefined) throw new Error('NETPOL_CLUSTER_TESTS=testbed but the test bed is not running: start it with "netpol-conformance testbed up"');
  return { ...status, kubeconfig: status.kubeconfig };
}
