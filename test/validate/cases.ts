// Shared helpers for the validator's case tables: a case either is accepted (maybe with a warning)
// or is rejected with exactly one expected problem (field, reason and upstream's message).
import { expect } from 'chai';
import { validateDocument, type ValidationOptions } from '../../src/validate/index.js';
import type { Problem, ProblemReason } from '../../src/validate/problem.js';

export interface Rejection {
  field: string;
  reason: ProblemReason;
  /** Upstream's detail text, compared exactly (or a RegExp when it embeds a long regex). */
  message: string | RegExp;
}

export interface Case {
  description: string;
  raw: unknown;
  options?: ValidationOptions;
  /** undefined: accepted. */
  rejected?: Rejection;
  /** Substring of the one warning expected on an accepted object. */
  warning?: string;
}

function matches(p: Problem, r: Rejection): boolean {
  const messageOk = typeof r.message === 'string' ? p.message === r.message : r.message.test(p.message);
  return p.field === r.field && p.reason === r.reason && messageOk;
}

function show(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.field} [${p.reason}] ${p.message}`).join('\n  ') || '(none)';
}

export function checkCase(c: Case): void {
  const result = validateDocument(c.raw, { file: 'case.yaml' }, c.options);
  if (c.rejected) {
    expect(result.object, 'a rejected document yields no object').to.equal(undefined);
    expect(result.problems.length, `expected exactly one problem, got:\n  ${show(result.problems)}`).to.equal(1);
    const [problem] = result.problems;
    expect(matches(problem!, c.rejected), `expected ${c.rejected.field} [${c.rejected.reason}] ${String(c.rejected.message)}, got:\n  ${show(result.problems)}`).to.equal(true);
    return;
  }
  expect(result.problems, `expected acceptance, got:\n  ${show(result.problems)}`).to.deep.equal([]);
  expect(result.object).to.not.equal(undefined);
  if (c.warning === undefined) {
    expect(result.warnings, `unexpected warnings:\n  ${show(result.warnings)}`).to.deep.equal([]);
  } else {
    expect(result.warnings.map((w) => w.message).join('\n')).to.include(c.warning);
  }
}
