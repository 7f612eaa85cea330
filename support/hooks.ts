// Scenario lifecycle: bind the scenario to the run's target, skip scenarios needing a capability
// the target lacks (with the reason), and tear the target down after the run.
import { After, AfterAll, Before, BeforeStep } from '@cucumber/cucumber';
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

BeforeStep(function (this: NetpolWorld, { pickleStep, gherkinDocument }) {
  // The feature line of the step, found through the AST node the pickle step came from.
  const id = pickleStep.astNodeIds[0];
  const steps = gherkinDocument.feature?.children.flatMap((c) => [...(c.background?.steps ?? []), ...(c.scenario?.steps ?? []), ...(c.rule?.children.flatMap((r) => [...(r.background?.steps ?? []), ...(r.scenario?.steps ?? [])]) ?? [])]) ?? [];
  const step = steps.find((s) => s.id === id);
  this.step = { text: `${step?.keyword ?? ''}${pickleStep.text}`, ...(step ? { line: step.location.line } : {}) };
});

After(function (this: NetpolWorld) {
  // Every claim was checked; now the scenario fails if any of them did not hold.
  this.scenario?.claims.assertHeld(this.scenario.target.name);
});

AfterAll(async function () {
  await releaseTarget();
});
