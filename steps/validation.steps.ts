// Validation claims: a manifest is accepted, or rejected with a given problem line.
import { readFileSync } from 'node:fs';
import { Given, Then, When } from '@cucumber/cucumber';
import { assertAccepted, assertRejected, SKIP_PREFIX, validateManifestText } from '../src/index.js';
import type { NetpolWorld } from '../support/world.js';

Given('the API server validates CIDRs leniently', function (this: NetpolWorld) {
  // Before strict CIDR validation (default on since Kubernetes 1.36) servers accepted host bits,
  // leading zeros and IPv4-mapped IPv6 with a warning. A real API server decides for itself.
  if (this.scenario.target.dryRunValidate) {
    this.log(`${SKIP_PREFIX}the ${this.scenario.target.name} target's API server decides how strictly it validates CIDRs`);
    return 'skipped';
  }
  this.scenario.validation = { strictCidr: false };
  return undefined;
});

When('this policy is validated:', async function (this: NetpolWorld, text: string) {
  this.validation = await validateManifestText(this.scenario, text, `${this.scenario.featureFile} (doc string)`);
});

When('the manifest {string} is validated', async function (this: NetpolWorld, path: string) {
  const file = this.scenario.resolvePath(path);
  this.validation = await validateManifestText(this.scenario, readFileSync(file, 'utf8'), path);
});

Then('it is rejected with {string}', async function (this: NetpolWorld, expected: string) {
  await this.claim(() => assertRejected(this.validation, expected));
});

Then('it is accepted', async function (this: NetpolWorld) {
  await this.claim(() => assertAccepted(this.validation));
});
