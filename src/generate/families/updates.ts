// Changes in the middle of a case, each probed before and after: a policy created, deleted,
// updated in place and deleted then recreated; a namespace and a pod relabelled so a peer starts
// and then stops matching; a pod relabelled into and out of a policy's target; a pod deleted.
import type { NetworkPolicy } from '../../model/api.js';
import { networkPolicy, nsLabel, podLabel, type CaseStep, type GeneratedCase } from '../case.js';
import type { Family } from './family.js';

const probe: CaseStep = { kind: 'probe' };
const apply = (...policies: NetworkPolicy[]): CaseStep => ({ kind: 'apply', policies });
const denyX = networkPolicy('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] });
const fromY = networkPolicy('x', 'allow', { podSelector: podLabel('a'), ingress: [{ from: [{ namespaceSelector: nsLabel('y') }] }] });
const fromZ = networkPolicy('x', 'allow', { podSelector: podLabel('a'), ingress: [{ from: [{ namespaceSelector: nsLabel('z') }] }] });

function update(name: string, description: string, tags: string[], steps: CaseStep[]): GeneratedCase {
  return { name, description, tags: ['@update', ...tags], steps };
}

/** Probed with the policy alone, with the label set, and with it removed again. */
function labelInAndOut(policy: NetworkPolicy, target: { pod: string } | { namespace: string }, key: string, value: string): CaseStep[] {
  const label = (changes: string): CaseStep => ('pod' in target ? { kind: 'label-pod', pod: target.pod, changes } : { kind: 'label-namespace', namespace: target.namespace, changes });
  return [apply(policy), probe, label(`${key}=${value}`), probe, label(`${key}-`), probe];
}

export const updatesFamily: Family = {
  name: 'updates',
  summary: 'changes mid-case: create, update, delete and recreate a policy; relabel namespaces and pods in and out of selectors; delete a pod',
  cases() {
    return [
      update('create a policy', 'Nothing is isolated until the policy exists.', ['@ingress'], [probe, apply(denyX), probe]),
      update('delete a policy', 'Deleting the only policy that isolates x opens it again.', ['@ingress'], [apply(denyX), probe, { kind: 'delete-policy', namespace: 'x', name: 'deny-all' }, probe]),
      update('update a policy in place', 'Applying a policy of the same name replaces it: y loses access, z gains it.', ['@ingress'], [apply(fromY), probe, apply(fromZ), probe]),
      update('allow-all updated to deny-all', 'An allow-all rule list replaced by `ingress: []` denies everything.', ['@ingress', '@default-deny'], [
        apply(networkPolicy('x', 'mutate', { podSelector: {}, ingress: [{}] })),
        probe,
        apply(networkPolicy('x', 'mutate', { podSelector: {}, ingress: [] })),
        probe,
      ]),
      update('delete and recreate a policy', 'A recreated policy takes effect again.', ['@ingress'], [apply(fromY), probe, { kind: 'delete-policy', namespace: 'x', name: 'allow' }, probe, apply(fromY), probe]),
      update(
        'relabel a namespace into and out of a peer',
        'namespaceSelector is evaluated on current labels: y is allowed only while it carries ns2=updated.',
        ['@ingress'],
        labelInAndOut(networkPolicy('x', 'allow-updated-ns', { podSelector: podLabel('a'), ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns2: 'updated' } } }] }] }), { namespace: 'y' }, 'ns2', 'updated'),
      ),
      update(
        'relabel a pod into and out of a peer',
        'podSelector is evaluated on current labels: y/b is allowed only while it carries new-label=abc.',
        ['@ingress', '@egress'],
        labelInAndOut(
          networkPolicy('x', 'allow-updated-pod', { podSelector: podLabel('a'), policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'new-label': 'abc' } } }] }], egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'new-label': 'abc' } } }] }] }),
          { pod: 'y/b' },
          'new-label',
          'abc',
        ),
      ),
      update(
        "relabel a pod into and out of a policy's target",
        'A policy isolates the pods its podSelector matches now: x/b is isolated while labelled isolated=yes.',
        ['@ingress'],
        labelInAndOut(networkPolicy('x', 'isolate', { podSelector: { matchLabels: { isolated: 'yes' } }, policyTypes: ['Ingress'] }), { pod: 'x/b' }, 'isolated', 'yes'),
      ),
      update('relabel the policy namespace', "Labelling the policy's own namespace changes which peers match (y now selects itself), not which pods the policy isolates.", ['@ingress'], [
        apply(networkPolicy('y', 'from-marked', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { marked: 'yes' } } }] }] })),
        probe,
        { kind: 'label-namespace', namespace: 'y', changes: 'marked=yes' },
        probe,
      ]),
      update('delete a pod', 'Flows of a deleted pod are gone; the policies of the others do not change.', ['@ingress', '@egress'], [
        apply(networkPolicy('x', 'to-y-b', { podSelector: podLabel('a'), policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: nsLabel('y'), podSelector: podLabel('b') }] }] })),
        probe,
        { kind: 'delete-pod', pod: 'y/b' },
        probe,
      ]),
    ];
  },
};
