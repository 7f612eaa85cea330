// Every ClusterNetworkPolicy, AdminNetworkPolicy and BaselineAdminNetworkPolicy validation case,
// sent to the test bed's API server with the Network Policy API's CRDs installed (their real
// schemas and CEL rules), must get the validator's answer: accepted, or rejected at the same field
// for the same reason, and with the same text where a CEL rule of the CRD words it. Needs the test
// bed started with the experimental CRDs (the validator's default channel) and
// NETPOL_TESTBED_CRDS=experimental; scripts/test-testbed.sh does both.
import { after, before, describe, it } from 'node:test';
import { expect } from 'chai';
import { createClusterTarget, type ClusterTarget } from '../../src/targets/cluster/index.js';
import type { DryRunCause } from '../../src/targets/cluster/dry-run.js';
import { validateDocument } from '../../src/validate/index.js';
import { CLUSTER_POLICY_CASES, cnpBase, type ClusterPolicyCase } from '../validate/cluster-policy-cases.js';
import { causeDetail, causeReason, customResourceCauses } from './causes.js';
import { runningTestbed, testbedSkipReason } from './skip.js';

const CRDS_NEEDED = 'needs the test bed with the experimental Network Policy API CRDs (testbed up --crds crds/network-policy-api/v1alpha2/experimental --crds crds/network-policy-api/v1alpha1/experimental) and NETPOL_TESTBED_CRDS=experimental';

function notComparable(c: ClusterPolicyCase): string | undefined {
  if (c.options?.crdChannel === 'standard') return 'a standard-channel case: the test bed has the experimental channel installed';
  if (c.options?.unknownFields !== undefined) return 'the dry run validates fields strictly (fieldValidation=Strict)';
  if (c.rejected?.startsWith('apiVersion:')) return 'a kind sent under another version is refused by the API machinery (400), not validated';
  return undefined;
}

const skip = (await testbedSkipReason()) ?? (process.env['NETPOL_TESTBED_CRDS'] === 'experimental' ? undefined : CRDS_NEEDED);
describe('validation: the test bed\'s API server with the CRDs and the project\'s validator agree on every cluster-scoped policy case', { skip }, () => {
  let target: ClusterTarget;
  let compared = 0;
  let agreed = 0;
  before(async () => {
    target = await createClusterTarget({ kubeconfig: runningTestbed().kubeconfig, settings: { runId: 'cpdry' } });
    // The CRDs must be there: a minimal ClusterNetworkPolicy is accepted, not refused as unknown.
    expect(await target.dryRunValidate(cnpBase({})), CRDS_NEEDED).to.deep.equal([]);
  });
  after(async () => target.down());

  for (const c of CLUSTER_POLICY_CASES) {
    const why = notComparable(c);
    it(c.description, { skip: why ?? false }, async () => {
      compared++;
      const answered: DryRunCause[] = await target.dryRunValidate(c.raw);
      const server = customResourceCauses(answered);
      const ours = validateDocument(c.raw, { file: 'case.yaml' }, c.options).problems.map((p) => `${p.field}: ${p.reason}`);
      const keys = server.map((s) => `${s.field}: ${causeReason(s.reason)}`);
      const shown = answered.map((s) => `${s.field} [${s.reason ?? ''}] ${s.message}`).join('; ') || 'accepted';
      expect(keys, `the API server answered: ${shown}`).to.deep.equal(c.rejected === undefined ? [] : [c.rejected]);
      expect(ours).to.deep.equal(keys);
      // The CEL rules' messages are the CRDs' own, so both say them; schema errors the validator
      // words itself (with hints such as the fields that are set, or "did you mean").
      if (c.message && /\bCEL\b/.test(c.description)) expect(causeDetail(server[0]?.message ?? ''), `the API server answered: ${shown}`).to.match(c.message);
      agreed++;
    });
  }

  it('agreement figure: every comparable case agrees', (t) => {
    t.diagnostic(`${agreed} of ${compared} comparable cases agree (${CLUSTER_POLICY_CASES.length - compared} not comparable, of ${CLUSTER_POLICY_CASES.length})`);
    expect(agreed).to.equal(compared);
  });
});
