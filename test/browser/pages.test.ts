// The HTML outputs looked at as a person would, in a real headless chromium: the matrix page (grids,
// graph, a click on a cell shows the engine's explanation of that flow) and the compare report with
// its link to a failing scenario's state page (its failing claim outlined, explained on click).
// Screenshots go to reports/browser/. Without a browser the tests skip and say why.
import { after, before, describe, it } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { writeComparison } from '../../src/cli/commands/compare.js';
import { buildComparison } from '../../src/report/compare-model.js';
import { runSuite } from '../../src/runner/run-suite.js';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { browserMissing, launchBrowser, type Browser } from '../support/browser.js';
import { runCli } from '../support/cli.js';

const SHOTS = join(PROJECT_ROOT, 'reports', 'browser');
const LESSON = join(PROJECT_ROOT, 'fixtures/lessons/network-policies');
const missing = browserMissing();

describe('HTML pages in a browser', { skip: missing }, () => {
  let browser: Browser;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-pages-'));
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('matrix html: a grid per port and the graph render; clicking a cell shows its explanation', async () => {
    const args = ['-f', join(LESSON, 'topology.yaml'), '-f', join(LESSON, '5-db-policy-egress.yaml'), '--port', '3306/TCP', '--port', '80/TCP', '--external', 'backup=192.168.5.10'];
    const { code, out, err } = await runCli('matrix', ...args, '--output', 'html');
    expect(code, err).to.equal(0);
    const file = join(dir, 'matrix.html');
    writeFileSync(file, out);
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(file).href);
    expect(await page.locator('table.grid').count()).to.equal(2);
    expect(await page.locator('table.grid').first().locator('td[data-k]').count()).to.equal(6 * 5);
    expect(await page.locator('.graph svg g.node').count()).to.be.greaterThan(6); // 6 endpoints and "every endpoint"
    expect(await page.locator('.graph svg g.cluster').count()).to.equal(3); // prod, dev, test
    const box = await page.locator('.graph svg').boundingBox();
    expect(box?.width ?? 0).to.be.greaterThan(200);
    // dev/api -> prod/db on 3306/TCP: denied by prod/db-policy
    const cell = page.locator('table.grid').first().locator('tr', { has: page.locator('th', { hasText: 'dev/api' }) }).locator('td[data-k]').first();
    expect(await cell.getAttribute('class')).to.include('denied');
    await cell.click();
    const explanation = await page.locator('#explanation').textContent();
    expect(explanation).to.include('dev/api -> prod/db on 3306/TCP: DENIED');
    expect(explanation).to.include('isolated by prod/db-policy');
    await page.screenshot({ path: join(SHOTS, 'matrix.png'), fullPage: true });
    await page.close();
  });

  it('compare report: a failing scenario links to its state page, whose failing claim is explained on click', async () => {
    const feature = join(PROJECT_ROOT, 'features/conformance/ipblock.feature');
    const spec = await runSuite({ target: { name: 'sim', options: {} }, paths: [feature], quiet: true, statesDir: join(dir, 'states', 'sim') });
    const faulty = await runSuite({ target: { name: 'sim', options: { fault: 'except-ignored' } }, paths: [feature], quiet: true, statesDir: join(dir, 'states', 'faulty') });
    const failed = faulty.scenarios.filter((s) => s.status === 'failed');
    expect(failed.length).to.be.greaterThan(0);
    expect(failed.every((s) => s.statePage !== undefined)).to.equal(true);
    const comparison = buildComparison([spec, { ...faulty, target: 'sim-except-ignored' }]);
    writeComparison(dir, comparison);
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(join(dir, 'compare.html')).href);
    expect(await page.locator('tr.divergent').count()).to.equal(failed.length);
    await page.screenshot({ path: join(SHOTS, 'compare.png'), fullPage: true });
    await page.locator('a.state').first().click();
    await page.waitForSelector('table.grid');
    expect(await page.title()).to.match(/^State of a failing scenario: /);
    await page.locator('td.claim-fail').first().click();
    const explanation = await page.locator('#explanation').textContent();
    expect(explanation).to.match(/^CLAIM FAILS: the scenario claims (allowed|denied); the sim target observed (allowed|denied)\./);
    expect(explanation).to.match(/ on \d+\/(TCP|UDP|SCTP): (ALLOWED|DENIED)/);
    expect(await page.locator('.graph svg g.node').count()).to.be.greaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'state.png'), fullPage: true });
    await page.close();
  });
});
