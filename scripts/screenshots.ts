/**
 * `npm run screenshots`: docs/dashboard.png and docs/report.png, taken in Debian's Chromium
 * (/usr/bin/chromium, driven by playwright-core; no browser is downloaded). The dashboard is the
 * seeded PGlite runtime the browser tests use; the report is `bg-lint -f html` of the example app.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumMissing, launchChromium } from '../test/helpers/chromium.js';
import { REPO_ROOT } from '../test/helpers/run-cli.js';
import { seedDashboard } from '../test/runtime/helpers/seeded-dashboard.js';

const missing = chromiumMissing();
if (missing) {
  console.error(missing);
  process.exit(1);
}

const out = (name: string) => join(REPO_ROOT, 'docs', name);
const browser = await launchChromium({ width: 1440, height: 760 });
const seeded = await seedDashboard();
const work = mkdtempSync(join(tmpdir(), 'bg-lint-shots-'));
try {
  const { page, errors } = await browser.page();
  await page.goto(seeded.url);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.screenshot({ path: out('dashboard.png'), fullPage: true });

  const report = join(work, 'report.html');
  const run = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/bg-lint.js'), 'fixtures/example-app', '-f', 'html', '-o', report], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`bg-lint failed: ${run.stderr}`);
  await page.goto(pathToFileURL(report).href);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.locator('details[data-group="BG-001"] > summary').click();
  await page.screenshot({ path: out('report.png'), fullPage: true });
  if (errors.length) throw new Error(`console errors: ${errors.join('\n')}`);
  console.log(`wrote ${out('dashboard.png')} and ${out('report.png')}`);
} finally {
  await browser.close();
  await seeded.close();
  rmSync(work, { recursive: true, force: true });
}
