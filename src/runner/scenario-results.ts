// Turns cucumber's message stream into one result per scenario: its status (the worst step), the
// failure message (our expected/observed/difference tables), and the reason it was skipped.
import { resolve } from 'node:path';
import type { runCucumber } from '@cucumber/cucumber/api';
import { SKIP_PREFIX } from './skip.js';
import { statePageOf } from '../model/state-page.js';

export type Envelope = Parameters<NonNullable<Parameters<typeof runCucumber>[2]>>[0];

export type ScenarioStatus = 'passed' | 'failed' | 'skipped' | 'undefined' | 'pending' | 'ambiguous' | 'unknown';

export interface ScenarioResult {
  id: string;
  name: string;
  /** The feature file as cucumber names it (relative to the directory the run started in). */
  uri: string;
  /** The feature file's absolute path. */
  file: string;
  line: number;
  tags: string[];
  status: ScenarioStatus;
  /** The failure's message: for claims, the expected, observed and difference tables. */
  message?: string;
  skipReason?: string;
  /** The page of the scenario's state at the failed claim (an absolute path). */
  statePage?: string;
}

// cucumber's own order of severity: the worst step decides the scenario.
const SEVERITY: ScenarioStatus[] = ['passed', 'skipped', 'pending', 'undefined', 'ambiguous', 'failed', 'unknown'];

function worse(a: ScenarioStatus, b: ScenarioStatus): ScenarioStatus {
  return SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a;
}

function toStatus(status: string): ScenarioStatus {
  const lower = status.toLowerCase();
  return (SEVERITY as string[]).includes(lower) ? (lower as ScenarioStatus) : 'unknown';
}

export function collectScenarios(envelopes: readonly Envelope[], cwd: string): ScenarioResult[] {
  const pickles = new Map<string, { name: string; uri: string; tags: string[]; astNodeId: string }>();
  const lines = new Map<string, number>(); // gherkin AST node id -> line
  const testCasePickle = new Map<string, string>();
  const started = new Map<string, string>(); // testCaseStartedId -> testCaseId
  const results = new Map<string, ScenarioResult>(); // by testCaseStartedId
  const final: ScenarioResult[] = [];

  for (const env of envelopes) {
    if (env.gherkinDocument?.feature) {
      for (const child of env.gherkinDocument.feature.children) {
        const scenarios = [child.scenario, ...(child.rule?.children.map((c) => c.scenario) ?? [])];
        for (const s of scenarios) {
          if (!s) continue;
          lines.set(s.id, s.location.line);
          for (const ex of s.examples) for (const row of ex.tableBody) lines.set(row.id, row.location.line);
        }
      }
    }
    if (env.pickle) {
      const p = env.pickle;
      pickles.set(p.id, { name: p.name, uri: p.uri, tags: p.tags.map((t) => t.name), astNodeId: p.astNodeIds[p.astNodeIds.length - 1] ?? '' });
    }
    if (env.testCase) testCasePickle.set(env.testCase.id, env.testCase.pickleId);
    if (env.testCaseStarted) {
      const tc = env.testCaseStarted;
      started.set(tc.id, tc.testCaseId);
      const pickle = pickles.get(testCasePickle.get(tc.testCaseId) ?? '');
      results.set(tc.id, {
        id: tc.testCaseId,
        name: pickle?.name ?? '(unknown scenario)',
        uri: pickle?.uri ?? '',
        file: resolve(cwd, pickle?.uri ?? ''),
        line: lines.get(pickle?.astNodeId ?? '') ?? 0,
        tags: pickle?.tags ?? [],
        status: 'passed',
      });
    }
    if (env.attachment?.testCaseStartedId) {
      const r = results.get(env.attachment.testCaseStartedId);
      const body = env.attachment.body;
      if (r && body.startsWith(SKIP_PREFIX)) r.skipReason = body.slice(SKIP_PREFIX.length);
    }
    if (env.testStepFinished) {
      const r = results.get(env.testStepFinished.testCaseStartedId);
      const step = env.testStepFinished.testStepResult;
      if (r) {
        const status = toStatus(step.status);
        if (status !== r.status && worse(r.status, status) === status) {
          r.status = status;
          if (step.message) r.message = step.message;
          const page = statePageOf(step.message);
          if (page !== undefined) r.statePage = page;
        }
      }
    }
    if (env.testCaseFinished && !env.testCaseFinished.willBeRetried) {
      const r = results.get(env.testCaseFinished.testCaseStartedId);
      if (r) final.push(r);
    }
  }
  return final;
}
