import { describe, it } from 'node:test';
import { expect } from 'chai';
import { xyzModel } from '../../src/model/objects.js';
import { ClaimFailed, Scenario } from '../../src/harness/scenario.js';
import { InputError } from '../../src/model/errors.js';
import { createSimTarget } from '../../src/targets/sim/sim-target.js';

const denyAllFromYb = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: x}
spec:
  podSelector: {matchLabels: {pod: a}}
  ingress: [{from: [{ipBlock: {cidr: "{{ip y/b}}/32"}}]}]
`;
const allowAll = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: x}
spec:
  podSelector: {matchLabels: {pod: a}}
  ingress: [{}]
`;
const flow = (from: string, to: string) => ({ from, to, port: 80, protocol: 'TCP' as const });

async function scenario(tags: string[] = ['@ipblock-pod-ip']): Promise<Scenario> {
  const s = new Scenario(await createSimTarget({}), 'test.feature', tags);
  s.declare(xyzModel());
  return s;
}

describe('Scenario', () => {
  it('applies policies given before the topology is up in their order, templated or not', async () => {
    const s = await scenario();
    await s.applyText(denyAllFromYb, 'first');
    await s.applyText(allowAll, 'second'); // same name: replaces the first, as kubectl apply
    await s.check([{ flow: flow('z/c', 'x/a'), expected: 'allowed' }]);
  });

  it('expands address templates once the topology is up', async () => {
    const s = await scenario();
    await s.applyText(denyAllFromYb, 'doc');
    await s.check([
      { flow: flow('y/b', 'x/a'), expected: 'allowed' },
      { flow: flow('y/c', 'x/a'), expected: 'denied' },
    ]);
  });

  it('fails a claim with the expected, observed and difference tables', async () => {
    const s = await scenario();
    await s.applyText(denyAllFromYb, 'doc');
    const error = await s.check([{ flow: flow('y/c', 'x/a'), expected: 'allowed' }]).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ClaimFailed);
    expect((error as Error).message).to.include('expected:').and.include('observed:').and.include('difference').and.include('y/c -> x/a on 80/TCP: expected allowed, observed denied');
  });

  it('requires the capability tags a scenario uses', async () => {
    const s = await scenario([]);
    await s.applyText(denyAllFromYb, 'doc');
    const error = await s.ensureUp().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(InputError);
    expect((error as Error).message).to.match(/contains pod addresses but is not tagged @ipblock-pod-ip/);
    const udp = await scenario();
    const missing = await udp.check([{ flow: { ...flow('x/b', 'x/a'), protocol: 'UDP' }, expected: 'allowed' }]).catch((e: unknown) => e);
    expect((missing as Error).message).to.match(/probes 80\/UDP but is not tagged @udp/);
  });

  it('takes @no-ipblock-pod-ip for an ipBlock on pod addresses whose expectations assume it does not match them', async () => {
    const s = new Scenario(await createSimTarget({ ipBlockMatchesPodIps: false }), 'test.feature', ['@no-ipblock-pod-ip']);
    s.declare(xyzModel());
    await s.applyText(denyAllFromYb, 'doc');
    // The block holds only y/b, and on this target it does not match y/b: x/a admits no one.
    await s.check([
      { flow: flow('y/b', 'x/a'), expected: 'denied' },
      { flow: flow('y/c', 'x/a'), expected: 'denied' },
    ]);
  });

  it('refuses claims about ports the destination does not serve', async () => {
    const s = await scenario();
    const error = await s.check([{ flow: { ...flow('x/b', 'x/a'), port: 8080 }, expected: 'allowed' }]).catch((e: unknown) => e);
    expect((error as Error).message).to.match(/x\/a does not serve 8080\/TCP/);
  });

  it('relabels pods and namespaces with kubectl label syntax', async () => {
    const s = await scenario([]);
    await s.applyText(
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: x}
spec:
  podSelector: {matchLabels: {pod: a}}
  ingress: [{from: [{namespaceSelector: {matchLabels: {team: blue}}}]}]
`,
      'doc',
    );
    await s.check([{ flow: flow('y/b', 'x/a'), expected: 'denied' }]);
    await s.relabelNamespace('y', 'team=blue');
    await s.check([{ flow: flow('y/b', 'x/a'), expected: 'allowed' }]);
    await s.relabelNamespace('y', 'team-');
    await s.check([{ flow: flow('y/b', 'x/a'), expected: 'denied' }]);
    await s.relabelPod('x/a', 'pod=other');
    await s.check([{ flow: flow('y/b', 'x/a'), expected: 'allowed' }]);
  });
});
