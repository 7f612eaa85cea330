// Scenario lifecycle: bind the scenario to the run's target, skip scenarios needing a capability
// the target lacks (with the reason), and tear the target down after the run.
import { AfterAll, Before } from '@cucumber/cucumber';
import { acquireTarget, isCapability, releaseTarget, Scenario, SKIP_PREFIX, statePageWriter, targetSpecFromJson } from '../src/index.js';
import type { NetpolWorld } from './world.js';

Before(async function (this: NetpolWorld, { pickle }) {
  const spec = this.parameters.target === undefined ? { name: 'sim' as const, options: {} } : targetSpecFromJson(this.parameters.target, 'cucumber world parameters');
  const target = await acquireTarget(spec);
  const tags = pickle.tags.map((t) => t.name);
  for (const tag of tags) {
    const capability = tag.slice(1);
    const reason = isCapability(capability) ? target.lacking.get(capability) : undefined;
    if (reason !== undefined) {
      this.log(`${SKIP_PREFIX}the ${target.name} target lacks ${tag}: ${reason}`);
      return 'skipped';
    }
  }
  this.scenario = new Scenario(target, pickle.uri, tags);
  const statesDir = this.parameters.statesDir;
  if (statesDir !== undefined) this.scenario.statePage = statePageWriter(statesDir, { name: pickle.name, uri: pickle.uri });
  return undefined;
});

AfterAll(async function () {
  await releaseTarget();
});
