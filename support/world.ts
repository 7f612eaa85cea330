// The cucumber World: typed fields and delegation to the harness (src/harness). No logic of its own.
import { setDefaultTimeout, setWorldConstructor, World } from '@cucumber/cucumber';
import { ClaimFailed, type Scenario, type ValidationOutcome } from '../src/index.js';

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
  /** The step running now (set by the BeforeStep hook), to name a claim that fails. */
  step: { text: string; line?: number } = { text: '' };

  /**
   * Runs one claim. A claim that does not hold is kept, and the scenario goes on to check its
   * other claims; the After hook then fails it with every failed claim (support/hooks.ts).
   */
  async claim(check: () => Promise<void> | void): Promise<void> {
    this.scenario.claims.checked++;
    try {
      await check();
    } catch (error) {
      if (!(error instanceof ClaimFailed)) throw error;
      this.scenario.claims.record(this.step, error);
      this.log('This claim does not hold: the scenario checks its other claims, then fails with every difference.');
    }
  }
}

setWorldConstructor(NetpolWorld);
// Real targets build namespaces and probe with timeouts and retries; sim answers in microseconds.
setDefaultTimeout(180_000);
