// Label selectors (metav1.LabelSelector): matchLabels AND matchExpressions, the four operators,
// NotIn / DoesNotExist matching objects that lack the key, `{}` and undefined matching everything.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { formatSelector, requirementMatches, selectorMatches } from '../../src/model/selectors.js';
import type { LabelSelector, LabelSelectorRequirement } from '../../src/model/api.js';

const web = { app: 'web', tier: 'fe' };
const bare = {};

describe('requirementMatches', () => {
  const table: { req: LabelSelectorRequirement; labels: Record<string, string>; expected: boolean }[] = [
    { req: { key: 'app', operator: 'In', values: ['web', 'api'] }, labels: web, expected: true },
    { req: { key: 'app', operator: 'In', values: ['api'] }, labels: web, expected: false },
    { req: { key: 'app', operator: 'In', values: ['web'] }, labels: bare, expected: false },
    { req: { key: 'app', operator: 'In', values: [''] }, labels: { app: '' }, expected: true },
    { req: { key: 'app', operator: 'NotIn', values: ['web'] }, labels: web, expected: false },
    { req: { key: 'app', operator: 'NotIn', values: ['api'] }, labels: web, expected: true },
    { req: { key: 'app', operator: 'NotIn', values: ['web'] }, labels: bare, expected: true },
    { req: { key: 'app', operator: 'Exists' }, labels: web, expected: true },
    { req: { key: 'app', operator: 'Exists' }, labels: { app: '' }, expected: true },
    { req: { key: 'app', operator: 'Exists' }, labels: bare, expected: false },
    { req: { key: 'app', operator: 'DoesNotExist' }, labels: web, expected: false },
    { req: { key: 'app', operator: 'DoesNotExist' }, labels: bare, expected: true },
    { req: { key: 'app', operator: 'DoesNotExist' }, labels: { app: '' }, expected: false },
    // Keys are exact: a prefix or another case is another key.
    { req: { key: 'App', operator: 'Exists' }, labels: web, expected: false },
    // Labels inherited from Object.prototype are not labels.
    { req: { key: 'toString', operator: 'Exists' }, labels: bare, expected: false },
    { req: { key: 'constructor', operator: 'DoesNotExist' }, labels: bare, expected: true },
  ];
  for (const c of table) {
    it(`${c.req.key} ${c.req.operator} ${JSON.stringify(c.req.values ?? [])} on ${JSON.stringify(c.labels)}: ${c.expected}`, () => {
      expect(requirementMatches(c.req, c.labels)).to.equal(c.expected);
    });
  }
});

describe('selectorMatches', () => {
  const table: { description: string; selector: LabelSelector | undefined; labels: Record<string, string>; expected: boolean }[] = [
    { description: 'undefined matches everything', selector: undefined, labels: bare, expected: true },
    { description: '{} matches everything', selector: {}, labels: web, expected: true },
    { description: 'empty matchLabels and matchExpressions match everything', selector: { matchLabels: {}, matchExpressions: [] }, labels: bare, expected: true },
    { description: 'matchLabels: one pair', selector: { matchLabels: { app: 'web' } }, labels: web, expected: true },
    { description: 'matchLabels: every pair must match', selector: { matchLabels: { app: 'web', tier: 'be' } }, labels: web, expected: false },
    { description: 'matchLabels: a missing key', selector: { matchLabels: { role: 'db' } }, labels: web, expected: false },
    { description: 'matchLabels: empty value does not match a missing key', selector: { matchLabels: { role: '' } }, labels: web, expected: false },
    { description: 'matchLabels: empty value matches an empty label', selector: { matchLabels: { role: '' } }, labels: { role: '' }, expected: true },
    { description: 'matchLabels AND matchExpressions: both', selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] }, labels: web, expected: true },
    { description: 'matchLabels AND matchExpressions: expression fails', selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['fe'] }] }, labels: web, expected: false },
    { description: 'matchLabels AND matchExpressions: labels fail', selector: { matchLabels: { app: 'api' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels: web, expected: false },
    { description: 'expressions are ANDed', selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }, { key: 'role', operator: 'DoesNotExist' }] }, labels: web, expected: true },
    { description: 'expressions are ANDed: one fails', selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }, { key: 'tier', operator: 'DoesNotExist' }] }, labels: web, expected: false },
  ];
  for (const c of table) {
    it(c.description, () => {
      expect(selectorMatches(c.selector, c.labels)).to.equal(c.expected);
    });
  }
});

describe('formatSelector', () => {
  it('prints as kubectl does', () => {
    expect(formatSelector(undefined)).to.equal('<all>');
    expect(formatSelector({})).to.equal('<all>');
    expect(
      formatSelector({
        matchLabels: { role: 'db' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'team', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).to.equal('role=db,tier in (a,b),env notin (dev),team,!legacy');
  });
});
