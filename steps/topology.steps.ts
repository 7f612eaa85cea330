// Topology steps: the x/y/z model, namespaces, pods, external hosts, manifests that declare them.
import { Given, type DataTable } from '@cucumber/cucumber';
import { conformanceHousesModel, declaredExternals, declaredNamespaces, declaredPods, xyzModel } from '../src/index.js';
import type { NetpolWorld } from '../support/world.js';

Given('the x\\/y\\/z model', function (this: NetpolWorld) {
  this.scenario.declare(xyzModel());
});

Given('the network policy API conformance model', function (this: NetpolWorld) {
  this.scenario.declare(conformanceHousesModel());
});

Given('the namespaces:', function (this: NetpolWorld, table: DataTable) {
  this.scenario.declare(declaredNamespaces(table.hashes()));
});

Given('the pods:', function (this: NetpolWorld, table: DataTable) {
  this.scenario.declare(declaredPods(table.hashes()));
});

Given('the external hosts:', function (this: NetpolWorld, table: DataTable) {
  this.scenario.declare([], declaredExternals(table.hashes()));
});

Given('the manifests in {string}', async function (this: NetpolWorld, path: string) {
  await this.scenario.applyManifest(path);
});
