// The cucumber World: typed fields and delegation to the harness (src/harness). No logic of its own.
import { setDefaultTimeout, setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import type { Scenario } from '../src/harness/scenario.js';
import type { ValidationOutcome } from '../src/harness/validation.js';
import type { TargetOptions } from '../src/targets/index.js';

export interface NetpolWorldParameters {
  /** `sim`, `netns`, `cluster` or `cluster:CONTEXT`. */
  target: string;
  targetOptions?: TargetOptions;
}


export class NetpolWorld extends World<NetpolWorldParameters> {
  /** Set by the Before hook for every scenario that runs. */
  scenario!: Scenario;
  validation: ValidationOutcome | undefined;

  constructor(options: IWorldOptions<NetpolWorldParameters>) {
    super(options);
  }
}

setWorldConstructor(NetpolWorld);
// Real targets build namespaces and probe with timeouts and retries; sim answers in microseconds.
setDefaultTimeout(180_000);
