// Workloads as endpoints: names, counts, the pods they own folded in, and the short names every
// command accepts.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import type { Pod, Workload } from '../../src/model/api.js';
import { expandWorkloads, resolveEndpointName, shortEndpointName } from '../../src/model/workloads.js';

const template = { labels: { app: 'web' }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, name: 'http' }] }] } };
const workload = (kind: Workload['kind'], name: string, extra: Partial<Workload> = {}): Workload => ({ kind, metadata: { name, namespace: 'prod' }, template, ...extra });
const pod = (name: string, owner?: { kind: string; name: string }, ip?: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'prod', labels: { app: 'web' }, ...(owner ? { ownerReferences: [owner] } : {}) },
  spec: { containers: [] },
  ...(ip ? { status: { podIP: ip } } : {}),
});
const names = (pods: ReturnType<typeof expandWorkloads>): string[] => pods.map((p) => p.pod.metadata.name);

describe('workloads as endpoints', () => {
  it('a Deployment is one endpoint named after it, with its template labels and ports', () => {
    const [only, ...rest] = expandWorkloads([], [workload('Deployment', 'web', { replicas: 3 })]);
    expect(rest).to.deep.equal([]);
    expect(only?.pod.metadata).to.deep.equal({ name: 'web[Deployment]', namespace: 'prod', labels: { app: 'web' } });
    expect(only?.pod.spec.containers[0]?.ports).to.deep.equal([{ containerPort: 80, name: 'http' }]);
  });

  it('a StatefulSet is its pods as the API names them; replicas default to 1', () => {
    expect(names(expandWorkloads([], [workload('StatefulSet', 'db', { replicas: 3 }), workload('StatefulSet', 'cache')]))).to.deep.equal(['db-0', 'db-1', 'db-2', 'cache-0']);
  });

  it('with replicas asked for, one endpoint per replica; a DaemonSet one (nodes are unknown); a Job its parallelism', () => {
    const pods = expandWorkloads([], [workload('Deployment', 'web', { replicas: 2 }), workload('DaemonSet', 'agent'), workload('Job', 'batch', { replicas: 2 })], { replicas: true });
    expect(names(pods)).to.deep.equal(['web-0[Deployment]', 'web-1[Deployment]', 'agent-0[DaemonSet]', 'batch-0[Job]', 'batch-1[Job]']);
  });

  it('pods owned by an input workload, directly or through its ReplicaSet, are grouped under it and lend it their address', () => {
    const rs = workload('ReplicaSet', 'web-abc', { metadata: { name: 'web-abc', namespace: 'prod', ownerReferences: [{ kind: 'Deployment', name: 'web' }] } });
    const pods = [pod('web-abc-1', { kind: 'ReplicaSet', name: 'web-abc' }, '10.244.1.9'), pod('web-abc-2', { kind: 'ReplicaSet', name: 'web-abc' }), pod('other', { kind: 'ReplicaSet', name: 'elsewhere' })];
    const grouped = expandWorkloads(pods, [workload('Deployment', 'web'), rs]);
    expect(names(grouped)).to.deep.equal(['other', 'web[Deployment]']);
    expect(grouped[1]?.pod.status?.podIP).to.equal('10.244.1.9');
    expect(grouped[1]?.workload?.kind).to.equal('Deployment');
    expect(names(expandWorkloads(pods, [workload('Deployment', 'web'), rs], { replicas: true }))).to.deep.equal(['other', 'web-abc-1', 'web-abc-2']);
  });

  it('a CronJob groups its Jobs and their pods', () => {
    const job = workload('Job', 'report-1', { metadata: { name: 'report-1', namespace: 'prod', ownerReferences: [{ kind: 'CronJob', name: 'report' }] } });
    expect(names(expandWorkloads([pod('report-1-x', { kind: 'Job', name: 'report-1' })], [workload('CronJob', 'report'), job]))).to.deep.equal(['report[CronJob]']);
  });

  it('accepts the short form of a name when it fits one endpoint', () => {
    const ids = ['prod/web[Deployment]', 'prod/db-0', 'dev/web[Deployment]', 'dev/web[StatefulSet]'];
    expect(shortEndpointName('prod/web[Deployment]')).to.equal('prod/web');
    expect(resolveEndpointName(ids, 'prod/web')).to.deep.equal({ id: 'prod/web[Deployment]' });
    expect(resolveEndpointName(ids, 'prod/web[Deployment]')).to.deep.equal({ id: 'prod/web[Deployment]' });
    expect(resolveEndpointName(ids, 'prod/db-0')).to.deep.equal({ id: 'prod/db-0' });
    expect(resolveEndpointName(ids, 'dev/web')).to.deep.equal({ ambiguous: ['dev/web[Deployment]', 'dev/web[StatefulSet]'] });
    expect(resolveEndpointName(ids, 'prod/nope')).to.deep.equal({ id: 'prod/nope' });
  });
});
