// Claims about traffic: single flows, truth tables and "all flows ... except" patterns.
import { Then, type DataTable } from '@cucumber/cucumber';
import { flowTableExpectations, patternExpectations, truthTableExpectations, type Expected, type PortSpec } from '../src/index.js';
import type { NetpolWorld } from '../support/world.js';

async function claimFlow(world: NetpolWorld, from: string, to: string, port: PortSpec, expected: Expected, family?: 4 | 6): Promise<void> {
  await world.claim(() => world.scenario.check([{ flow: { from, to, port: port.port, protocol: port.protocol, ...(family ? { family } : {}) }, expected }]));
}

Then('{endpoint} can connect to {endpoint} on {port}', async function (this: NetpolWorld, from: string, to: string, port: PortSpec) {
  await claimFlow(this, from, to, port, 'allowed');
});

Then('{endpoint} cannot connect to {endpoint} on {port}', async function (this: NetpolWorld, from: string, to: string, port: PortSpec) {
  await claimFlow(this, from, to, port, 'denied');
});

Then('{endpoint} can connect to {endpoint} on {port} over {family}', async function (this: NetpolWorld, from: string, to: string, port: PortSpec, family: 4 | 6) {
  await claimFlow(this, from, to, port, 'allowed', family);
});

Then('{endpoint} cannot connect to {endpoint} on {port} over {family}', async function (this: NetpolWorld, from: string, to: string, port: PortSpec, family: 4 | 6) {
  await claimFlow(this, from, to, port, 'denied', family);
});

Then('these flows are:', async function (this: NetpolWorld, table: DataTable) {
  const expectations = flowTableExpectations(table.hashes());
  await this.claim(() => this.scenario.check(expectations));
});

Then('the reachability on {port} is:', async function (this: NetpolWorld, port: PortSpec, table: DataTable) {
  const topology = await this.scenario.topology();
  const expectations = truthTableExpectations(table.raw(), port, topology);
  await this.claim(() => this.scenario.check(expectations));
});

Then('the reachability on {port} over {family} is:', async function (this: NetpolWorld, port: PortSpec, family: 4 | 6, table: DataTable) {
  const topology = await this.scenario.topology();
  const expectations = truthTableExpectations(table.raw(), port, topology, family);
  await this.claim(() => this.scenario.check(expectations));
});

Then('on {port} all flows are allowed', async function (this: NetpolWorld, port: PortSpec) {
  await checkPatterns(this, port, 'allowed', []);
});

Then('on {port} all flows are denied', async function (this: NetpolWorld, port: PortSpec) {
  await checkPatterns(this, port, 'denied', []);
});

Then('on {port} all flows are allowed except:', async function (this: NetpolWorld, port: PortSpec, table: DataTable) {
  await checkPatterns(this, port, 'allowed', patternPairs(table));
});

Then('on {port} all flows are denied except:', async function (this: NetpolWorld, port: PortSpec, table: DataTable) {
  await checkPatterns(this, port, 'denied', patternPairs(table));
});

function patternPairs(table: DataTable): { from: string; to: string }[] {
  return table.hashes().map((row) => ({ from: row['from'] ?? '', to: row['to'] ?? '' }));
}

async function checkPatterns(world: NetpolWorld, port: PortSpec, base: Expected, pairs: { from: string; to: string }[]): Promise<void> {
  const topology = await world.scenario.topology();
  const expectations = patternExpectations(topology, port, base, pairs);
  await world.claim(() => world.scenario.check(expectations));
}
