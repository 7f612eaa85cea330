// `lint` on the cluster-scoped kinds (ClusterNetworkPolicy v1alpha2, AdminNetworkPolicy and
// BaselineAdminNetworkPolicy v1alpha1): each check on a manifest that trips it and on one that
// does not, with file, line, object and field.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { documents, manifestRunner, namespace, pod } from './manifests.js';

const TOPOLOGY = documents(
  namespace('prod', 'env: prod'),
  namespace('dev', 'env: dev'),
  pod('prod', 'api', 'app: api', '{name: http, containerPort: 8080}'),
  pod('prod', 'db', 'app: db', '{name: pg, containerPort: 5432}'),
  pod('dev', 'api', 'app: api', '{name: http, containerPort: 8080}'),
);

/** A ClusterNetworkPolicy (v1alpha2) with the given tier, priority and spec lines after them. */
const cnp = (name: string, tier: string, priority: number, rest: string): string => `---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: ${name}}
spec:
  tier: ${tier}
  priority: ${priority}
${rest}`;

const anp = (name: string, priority: number, rest: string): string => `---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: ${name}}
spec:
  priority: ${priority}
${rest}`;

const np = (name: string, spec: string): string => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: prod}
spec:
${spec}`;

const PROD = '  subject: {namespaces: {matchLabels: {env: prod}}}\n';

describe('lint: the cluster-scoped tiers', () => {
  const run = manifestRunner(TOPOLOGY);
  const lintText = async (name: string, text: string, command = 'lint'): Promise<{ code: number; lines: string[]; file: string }> => {
    const { code, lines, err, file } = await run(name, text, [command]);
    expect(err).to.equal('');
    return { code, lines, file };
  };
  const found = (lines: string[], check: string): string[] => lines.filter((l) => l.endsWith(`[${check}]`));

  it('a subject that selects no pod, of either version, with file, line, object and field', async () => {
    const text =
      cnp('typo', 'Admin', 10, '  subject: {namespaces: {matchLabels: {env: prd}}}\n  ingress: [{action: Deny, from: [{namespaces: {}}]}]\n') +
      anp('web', 10, '  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}\n  ingress: [{action: Deny, from: [{namespaces: {}}]}]\n') +
      cnp('fine', 'Baseline', 10, `${PROD}  ingress: [{action: Deny, from: [{namespaces: {}}]}]\n`);
    const { code, lines, file } = await lintText('subject', text);
    expect(code).to.equal(0);
    expect(found(lines, 'selects-no-pod')).to.deep.equal([
      `warning: ${file}:30:25: ClusterNetworkPolicy typo: spec.subject.namespaces: selects no pod of the input (all pods in namespaces matching env=prd): the policy has no effect (check the labels) [selects-no-pod]`,
      `warning: ${file}:38:19: AdminNetworkPolicy web: spec.subject.pods: selects no pod of the input (pods matching app=web in every namespace): the policy has no effect (check the labels) [selects-no-pod]`,
    ]);
    expect(lines.at(-1)).to.equal('2 findings in 3 policies');
  });

  it('a peer that matches no pod; networks peers and the usual DNS peer are not findings', async () => {
    const rules = `${PROD}  ingress:\n  - action: Accept\n    from: [{namespaces: {matchLabels: {env: staging}}}, {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: api}}}}]\n  egress:\n  - action: Accept\n    to: [{networks: [192.168.0.0/16]}, {namespaces: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}, {pods: {namespaceSelector: {matchLabels: {env: dev}}, podSelector: {matchLabels: {app: db}}}}]\n`;
    const { lines } = await lintText('peers', cnp('peers', 'Admin', 10, rules));
    expect(found(lines, 'peer-matches-nothing').map((l) => /ClusterNetworkPolicy peers: ([^:]+): (.*) \[/.exec(l)?.slice(1, 3))).to.deep.equal([
      ['spec.ingress[0].from[0]', 'matches no pod (all pods in namespaces matching env=staging): this peer matches nothing (check the labels)'],
      ['spec.egress[0].to[2]', 'matches no pod (pods matching app=db in namespaces matching env=dev): this peer matches nothing (check the labels)'],
    ]);
  });

  it('a named port no destination serves: destinationNamedPort on the subject (ingress), namedPort on the peers (egress)', async () => {
    const v2 = cnp('v2', 'Admin', 10, `${PROD}  ingress:\n  - action: Accept\n    from: [{namespaces: {}}]\n    protocols: [{destinationNamedPort: http}, {tcp: {destinationPort: {number: 80}}}, {destinationNamedPort: https}]\n`);
    const v1 = anp('v1', 20, `${PROD}  egress:\n  - action: Allow\n    to: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: api}}}}]\n    ports: [{namedPort: http}, {namedPort: pg}]\n`);
    const { lines } = await lintText('named', v2 + v1);
    expect(found(lines, 'named-port-unserved').map((l) => /(\w+NetworkPolicy \w+): ([^:]+): (.*) \[/.exec(l)?.slice(1, 4))).to.deep.equal([
      ['ClusterNetworkPolicy v2', 'spec.ingress[0].protocols[2].destinationNamedPort', 'no pod this policy selects has a container port named "https": this port matches nothing'],
      ['AdminNetworkPolicy v1', 'spec.egress[0].ports[1].namedPort', 'no pod this rule sends to has a container port named "pg": this port matches nothing'],
    ]);
  });

  it('same-priority policies that act differently on a connection of the input: one finding naming it, instead of the validator\'s warning', async () => {
    const deny = cnp('deny-dev', 'Admin', 10, `${PROD}  ingress: [{action: Deny, from: [{namespaces: {matchLabels: {env: dev}}}]}]\n`);
    const accept = cnp('accept-api', 'Admin', 10, `${PROD}  ingress: [{action: Accept, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: api}}}}], protocols: [{tcp: {destinationPort: {number: 5432}}}]}]\n`);
    const { lines, file } = await lintText('overlap', deny + accept);
    expect(lines).to.deep.equal([
      `warning: ${file}:38:13: ClusterNetworkPolicy accept-api: spec.priority: shares priority 10 in the Admin tier with ClusterNetworkPolicy/deny-dev, and both match dev/api -> prod/db on 5432/TCP (ingress) with different actions (Accept here, Deny in ClusterNetworkPolicy/deny-dev): which one applies is up to the implementation; give them distinct priorities [same-priority-overlap]`,
      '1 finding in 2 policies',
    ]);
  });

  it('same-priority policies whose different actions never meet on the input are not a finding (validate still warns)', async () => {
    // Different actions, but the Accept admits prod's pods only and the Deny dev's: no connection matches both.
    const deny = cnp('deny-dev', 'Admin', 10, `${PROD}  ingress: [{action: Deny, from: [{namespaces: {matchLabels: {env: dev}}}]}]\n`);
    const accept = anp('accept-prod', 10, `${PROD}  ingress: [{action: Allow, from: [{namespaces: {matchLabels: {env: prod}}}]}]\n`);
    const disjoint = await lintText('disjoint', deny + accept);
    expect(disjoint.lines).to.deep.equal(['2 policies: no findings']);
    const validate = await lintText('disjoint', deny + accept, 'validate');
    expect(validate.lines.join('\n')).to.include('shares priority 10 in the Admin tier with ClusterNetworkPolicy/deny-dev');
    // The same actions never conflict; a range cut in two is found on the port where they meet.
    const same = await lintText('same', deny + cnp('deny-all', 'Admin', 10, `${PROD}  ingress: [{action: Deny, from: [{namespaces: {}}]}]\n`));
    expect(found(same.lines, 'same-priority-overlap')).to.deep.equal([]);
    const ranges =
      cnp('low', 'Baseline', 7, `${PROD}  ingress: [{action: Accept, from: [{namespaces: {}}], protocols: [{udp: {destinationPort: {range: {start: 100, end: 200}}}}]}]\n`) +
      cnp('high', 'Baseline', 7, `${PROD}  ingress: [{action: Deny, from: [{namespaces: {}}], protocols: [{udp: {destinationPort: {range: {start: 200, end: 300}}}}]}]\n`);
    const cut = await lintText('ranges', ranges);
    expect(found(cut.lines, 'same-priority-overlap')).to.have.length(1);
    expect(cut.lines[0]).to.include('on 200/UDP (ingress) with different actions (Deny here, Accept in ClusterNetworkPolicy/low)');
  });

  it('a NetworkPolicy rule the Admin tier decides first and denies; not when some connection of it reaches the NetworkPolicy tier', async () => {
    const guard = cnp('guard', 'Admin', 5, `${PROD}  ingress: [{name: no-api-to-db, action: Deny, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: api}}}}], protocols: [{tcp: {destinationPort: {range: {start: 5000, end: 5999}}}}]}]\n`);
    const db = (ports: string): string => np('db', `  podSelector: {matchLabels: {app: db}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: api}}}]\n    ports: [${ports}]\n  - from: [{ipBlock: {cidr: 10.0.0.0/8}}]\n    ports: [{port: 5432}]\n`);
    const shadowed = await lintText('shadowed', guard + db('{port: pg}, {port: 5400, endPort: 5500}'));
    expect(found(shadowed.lines, 'overridden-by-admin-tier')).to.deep.equal([
      `warning: ${shadowed.file}:39:5: NetworkPolicy prod/db: spec.ingress[0]: never takes effect: the Admin tier decides every connection this rule allows before NetworkPolicies are consulted, and denies them (ClusterNetworkPolicy/guard rule #1 'no-api-to-db') [overridden-by-admin-tier]`,
    ]);
    // 5990-6010 reaches past the Deny's range: ports 6000-6010 are the NetworkPolicy's to decide.
    const partial = await lintText('partial', guard + db('{port: 5990, endPort: 6010}'));
    expect(found(partial.lines, 'overridden-by-admin-tier')).to.deep.equal([]);
  });

  it('egress isolation is not blamed for DNS the Admin tier decides', async () => {
    const isolated = np('api-out', '  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Egress]\n  egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]\n');
    const alone = await lintText('dns', isolated);
    expect(found(alone.lines, 'egress-blocks-dns')).to.have.length(1);
    const dns = '[{namespaces: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]';
    for (const action of ['Accept', 'Deny']) {
      const tier = cnp('dns', 'Admin', 1, `${PROD}  egress: [{action: ${action}, to: ${dns}, protocols: [{udp: {destinationPort: {number: 53}}}, {tcp: {destinationPort: {number: 53}}}]}]\n`);
      const { lines } = await lintText(`dns-${action}`, isolated + tier);
      expect(found(lines, 'egress-blocks-dns'), action).to.deep.equal([]);
    }
  });
});
