// Every NetworkPolicy validation case, sent to the test bed's real API server as a server-side
// dry run, must get the answer the project's validator gives: accepted, or rejected with the same
// field, reason and detail text. Run with NETPOL_CLUSTER_TESTS=testbed after `testbed up`.
import { after, before, describe, it } from 'node:test';
import { expect } from 'chai';
import { createClusterTarget, type ClusterTarget } from '../../src/targets/cluster/index.js';
import type { DryRunCause } from '../../src/targets/cluster/dry-run.js';
import { validateDocument } from '../../src/validate/index.js';
import type { Case } from '../validate/cases.js';
import { NETWORK_POLICY_CASES } from '../validate/network-policy-cases.js';
import { causeDetail, causeReason } from './causes.js';
import { runningTestbed, testbedSkipReason } from './skip.js';

/** Why a case cannot be put to this API server, if it cannot. */
function notComparable(c: Case): string | undefined {
  if (c.options?.strictCidr === false) return 'lenient CIDR validation is what API servers before strict CIDR validation did; this one validates strictly';
  if (c.rejected?.field.startsWith('metadata.namespace')) return 'the dry run goes into a namespace of the run, so metadata.namespace is never compared';
  return undefined;
}

const skip = await testbedSkipReason();
describe('validation: the test bed\'s API server and the project\'s validator agree on every NetworkPolicy case', { skip }, () => {
  let target: ClusterTarget;
  let compared = 0;
  let agreed = 0;
  before(async () => {
    target = await createClusterTarget({ kubeconfig: runningTestbed().kubeconfig, settings: { runId: 'valdry' } });
  });
  after(async () => target.down());

  for (const [group, cases] of Object.entries(NETWORK_POLICY_CASES)) {
    for (const c of cases) {
      const why = notComparable(c);
      it(`${group}: ${c.description}`, { skip: why ?? false }, async () => {
        compared++;
        const server: DryRunCause[] = await target.dryRunValidate(c.raw);
        const ours = validateDocument(c.raw, { file: 'case.yaml' }, c.options).problems;
        const shown = server.map((s) => `${s.field} [${s.reason ?? ''}] ${s.message}`).join('; ') || 'accepted';
        if (!c.rejected) {
          expect(ours, 'the validator accepts it').to.deep.equal([]);
          expect(server, `the API server answered: ${shown}`).to.deep.equal([]);
        } else {
          expect(server, `the API server answered: ${shown}`).to.have.length(1);
          const [cause] = server as [DryRunCause];
          expect(cause.field).to.equal(c.rejected.field);
          expect(causeReason(cause.reason)).to.equal(c.rejected.reason);
          const detail = causeDetail(cause.message);
          if (typeof c.rejected.message === 'string') expect(detail).to.equal(c.rejected.message);
          else expect(detail).to.match(c.rejected.message);
          expect(ours.map((p) => [p.field, p.reason, p.message])).to.deep.equal([[cause.field, causeReason(cause.reason), detail]]);
        }
        agreed++;
      });
    }
  }

  it('agreement figure: every comparable case agrees', (t) => {
    const total = Object.values(NETWORK_POLICY_CASES).flat().length;
    t.diagnostic(`${agreed} of ${compared} comparable cases agree (${total - compared} not comparable, of ${total})`);
    expect(agreed).to.equal(compared);
  });
});
