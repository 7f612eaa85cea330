// The cucumber World: typed fields and delegation to the harness (src/harness). No logic of its own.
import { setDefaultTimeout, setWorldConstructor, World } from '@cucumber/cucumber';
import type { Scenario, ValidationOutcome } from '../src/index.js';

export interface NetpolWorldParameters {
  /** The target spec (src/targets/spec.ts) as JSON; checked by the Before hook. */
  target?: unknown;
  /** Where a failing claim writes the page of its scenario's state (none: no page). */
  statesDir?: string;
}

export class NetpolWorld extends World<NetpolWorldParameters> {
  /** Set by the Before hook for every scenario that runs. */
  scenario!: Scenario;
  validation: ValidationOutcome | undefined;
}

setWorldConstructor(NetpolWorld);
// Real targets build namespaces and probe with timeouts and retries; sim answers in microseconds.
setDefaultTimeout(180_000);
