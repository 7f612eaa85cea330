// Policy and change steps: apply, delete, relabel.
import { When } from '@cucumber/cucumber';
import type { NetpolWorld } from '../support/world.js';

When('the manifest {string} is applied', async function (this: NetpolWorld, path: string) {
  await this.scenario.applyManifest(path);
});

When(/^(?:this policy is|these policies are|these manifests are) applied:$/, async function (this: NetpolWorld, text: string) {
  await this.scenario.applyText(text, `${this.scenario.featureFile} (doc string)`);
});

When('the policy {string} is deleted', async function (this: NetpolWorld, id: string) {
  await this.scenario.deletePolicy(id);
});

When('all policies are deleted', async function (this: NetpolWorld) {
  await this.scenario.deleteAllPolicies();
});

When('pod {string} is labelled {string}', async function (this: NetpolWorld, id: string, changes: string) {
  await this.scenario.relabelPod(id, changes);
});

When('namespace {string} is labelled {string}', async function (this: NetpolWorld, name: string, changes: string) {
  await this.scenario.relabelNamespace(name, changes);
});

When('pod {string} is deleted', async function (this: NetpolWorld, id: string) {
  await this.scenario.deletePod(id);
});

// Cluster-scoped policies, and changes to any applied policy as upstream's conformance tests make
// them. A NetworkPolicy is named `namespace/name`, the cluster-scoped kinds by name alone.
const CLUSTER_KIND = '(ClusterNetworkPolicy|AdminNetworkPolicy|BaselineAdminNetworkPolicy)';
const ANY_KIND = '(NetworkPolicy|ClusterNetworkPolicy|AdminNetworkPolicy|BaselineAdminNetworkPolicy)';
type ClusterKind = 'ClusterNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';
type AnyKind = 'NetworkPolicy' | ClusterKind;

When(new RegExp(`^the ${CLUSTER_KIND} "([^"]+)" is deleted$`), async function (this: NetpolWorld, kind: ClusterKind, name: string) {
  await this.scenario.deleteClusterPolicy(kind, name);
});

When(new RegExp(`^the ${ANY_KIND} "([^"]+)" swaps its (ingress|egress) rules (\\d+) and (\\d+)$`), async function (this: NetpolWorld, kind: AnyKind, name: string, direction: 'ingress' | 'egress', first: string, second: string) {
  await this.scenario.changePolicy(kind, name, { kind: 'swap', direction, first: Number(first), second: Number(second) });
});

When(new RegExp(`^the ${CLUSTER_KIND} "([^"]+)" changes (ingress|egress) rule (\\d+) to action "([A-Za-z]+)"$`), async function (this: NetpolWorld, kind: ClusterKind, name: string, direction: 'ingress' | 'egress', rule: string, action: string) {
  await this.scenario.changePolicy(kind, name, { kind: 'action', direction, rule: Number(rule), action });
});

When(new RegExp(`^the ${CLUSTER_KIND} "([^"]+)" changes priority to (\\d+)$`), async function (this: NetpolWorld, kind: ClusterKind, name: string, priority: string) {
  await this.scenario.changePolicy(kind, name, { kind: 'priority', priority: Number(priority) });
});

When(new RegExp(`^the ${ANY_KIND} "([^"]+)" is patched:$`), async function (this: NetpolWorld, kind: AnyKind, name: string, text: string) {
  await this.scenario.changePolicy(kind, name, { kind: 'json-patch', text });
});
