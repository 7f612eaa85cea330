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
