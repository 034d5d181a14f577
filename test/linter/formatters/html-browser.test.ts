/**
 * `bg-lint -f html` in a real Chromium: the report of the example app shows every finding the
 * JSON format has, its filter leaves only the rule asked for, groups render lazily, and a run with
 * --baseline shows new vs baselined counts per rule.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { html } from '../../../src/linter/formatters/html.js';
import type { LintReport } from '../../../src/linter/report.js';
import { chromiumMissing, launchChromium, type Browser } from '../../helpers/chromium.js';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';

const missing = chromiumMissing();

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; line: number; column: number; message: string; severity: 1 | 2; bgSeverity?: 'info' }[];
}

describe.skipIf(missing !== null)('HTML report in Chromium', () => {
  const work = mkdtempSync(join(tmpdir(), 'bg-lint-html-'));
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let expected: { key: string; message: string }[];
  let severities: string[];

  const shownFindings = () =>
    page.locator('li.finding').evaluateAll((items) =>
      items.map((li) => ({ key: (li as HTMLElement).dataset.key!, message: li.querySelector('.message')!.textContent! })),
    );
  /** Opens every group; their findings are built on the toggle events that follow. */
  const expandAll = async (findings: number) => {
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect.poll(() => page.locator('li.finding').count()).toBe(findings);
  };
  const groups = () => page.locator('#groups details').evaluateAll((ds) => ds.map((d) => (d as HTMLElement).dataset.group));

  beforeAll(async () => {
    const json = runCli(['fixtures/example-app', '-f', 'json'], REPO_ROOT);
    const results = JSON.parse(json.stdout) as JsonResult[];
    expected = results.flatMap((r) =>
      r.messages.map((m) => ({ key: `${relative(REPO_ROOT, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`, message: m.message })),
    );
    severities = results.flatMap((r) => r.messages.map((m) => (m.severity === 2 ? 'error' : (m.bgSeverity ?? 'warning'))));
    const run = runCli(['fixtures/example-app', '-f', 'html', '-o', join(work, 'report.html')], REPO_ROOT);
    expect(run.code).toBe(1); // the example app has errors
    browser = await launchChromium();
    ({ page, errors } = await browser.page());
    await page.goto(pathToFileURL(join(work, 'report.html')).href);
    await page.locator('body[data-ready="true"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('shows the totals by severity', async () => {
    const count = (s: string) => severities.filter((v) => v === s).length;
    expect(await page.locator('#totals li').allTextContents()).toEqual([
      `${count('error')} errors`,
      `${count('warning')} warnings`,
      `${count('info')} infos`,
      '17 files linted',
      expect.stringMatching(/^bg-lint \d/),
    ]);
    expect(count('error')).toBeGreaterThan(0);
    expect(await page.locator('#shown').textContent()).toBe(`${expected.length} findings in ${new Set(expected.map((e) => e.key.split(' ')[1])).size} rules`);
  });

  it('renders no finding until a group is opened, then shows every finding the JSON format has', async () => {
    expect(await page.locator('li.finding').count()).toBe(0);
    await expandAll(expected.length);
    const shown = await shownFindings();
    const sort = (list: { key: string; message: string }[]) => [...list].sort((a, b) => (a.key + a.message < b.key + b.message ? -1 : 1));
    expect(sort(shown)).toEqual(sort(expected));
    // Each with its code excerpt, the finding's line marked.
    expect(await page.locator('li.finding pre.excerpt').count()).toBe(expected.length);
    const first = page.locator('details[data-group="BG-020"] li.finding').first();
    expect(await first.locator('.hit').first().textContent()).toMatch(/^\s+16 \| router\.post\('\/api\/exports'/);
    await page.getByRole('button', { name: 'Collapse all' }).click();
  });

  it('shows each rule with its description and a link to its doc', async () => {
    const group = page.locator('details[data-group="BG-041"]');
    await group.locator('summary').click();
    expect(await group.locator('.rule-info').textContent()).toContain('Polling a job');
    const href = await group.getByRole('link', { name: 'Rule documentation: BG-041' }).getAttribute('href');
    expect(href).toBe(pathToFileURL(join(REPO_ROOT, 'docs/rules/BG-041.md')).href);
    await group.locator('summary').click();
  });

  it('filtering by a rule id leaves only that rule', async () => {
    await page.getByLabel('Filter findings').fill('BG-033');
    await expect.poll(groups).toEqual(['BG-033']);
    await expandAll(2);
    const shown = await shownFindings();
    expect(shown.map((s) => s.key)).toEqual(expected.filter((e) => e.key.endsWith(' BG-033')).map((e) => e.key));
    expect(await page.locator('#shown').textContent()).toBe(`2 findings of ${expected.length} match, in 1 rule`);
    await page.getByLabel('Filter findings').fill('');
    await expect.poll(() => groups().then((g) => g.length)).toBeGreaterThan(10);
  });

  it('groups by folder, and filters by severity', async () => {
    await page.getByLabel('folder').check();
    const folders = await groups();
    expect(folders).toEqual([...new Set(expected.map((e) => e.key.slice(0, e.key.lastIndexOf('/'))))].sort());
    await page.getByLabel('Severity').selectOption('info');
    await expandAll(severities.filter((s) => s === 'info').length);
    expect(new Set(await page.locator('li.finding .sev').allTextContents())).toEqual(new Set(['info']));
    await page.getByLabel('Severity').selectOption('');
    await page.getByLabel('rule', { exact: true }).check();
  });

  it('logs no console errors', () => {
    expect(errors).toEqual([]);
  });
});

describe.skipIf(missing !== null)('HTML report: baseline and size', () => {
  let browser: Browser;
  const work = mkdtempSync(join(tmpdir(), 'bg-lint-html-'));
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('with --baseline shows new vs baselined counts per rule', async () => {
    const app = join(work, 'app');
    cpSync(join(REPO_ROOT, 'fixtures/example-app'), app, { recursive: true });
    expect(runCli(['.', '--update-baseline'], app).code).toBe(0);
    // A second copy of the page brings new BG-040 and BG-041 findings the baseline does not know.
    writeFileSync(join(app, 'static/js/other-page.js'), readFileSync(join(app, 'static/js/import-page.js')));
    runCli(['.', '-f', 'html', '--baseline', '.bg-lint-baseline.json', '-o', 'report.html'], app);
    const { page, errors } = await browser.page();
    await page.goto(pathToFileURL(join(app, 'report.html')).href);
    await page.locator('body[data-ready="true"]').waitFor();
    const rows = await page.locator('#baseline tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent)),
    );
    expect(rows.find((r) => r[0] === 'BG-041')).toEqual(['BG-041', 'use consistent polling interval', '1', '1']);
    expect(rows.find((r) => r[0] === 'BG-001')).toEqual(['BG-001', 'job models must have a status field', '0', '3']);
    expect(await page.locator('details[data-group="BG-040"] summary .counts').textContent()).toBe('1 info new · 1 baselined');
    expect(errors).toEqual([]);
  });

  it('renders thousands of findings a page at a time', async () => {
    const diagnostics = Array.from({ length: 5000 }, (_, i) => ({
      ruleId: i % 2 ? 'BG-001' : 'BG-041',
      severity: 'warning' as const,
      file: `/p/src/f${i % 50}.ts`,
      span: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 5 } },
      message: `finding ${i}`,
    }));
    const report: LintReport = { cwd: '/p', files: [{ file: '/p/src/all.ts', diagnostics }], rules: [], toolVersion: 'test' };
    writeFileSync(join(work, 'big.html'), html(report, { color: false }));
    const { page, errors } = await browser.page();
    await page.goto(pathToFileURL(join(work, 'big.html')).href);
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.locator('#shown').textContent()).toBe('5000 findings in 2 rules');
    expect(await page.locator('li.finding').count()).toBe(0);
    const group = page.locator('details[data-group="BG-041"]');
    await group.locator('summary').click();
    await expect.poll(() => group.locator('li.finding').count()).toBe(100);
    await group.getByRole('button', { name: 'Show 100 more of 2400' }).click();
    await expect.poll(() => group.locator('li.finding').count()).toBe(200);
    expect(await page.locator('li.finding').count()).toBe(200); // the other group is still unbuilt
    expect(errors).toEqual([]);
  });
});

if (missing !== null) it.skip(missing, () => undefined);
