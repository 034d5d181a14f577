/**
 * The job dashboard in a real Chromium, against a seeded PGlite runtime served over loopback:
 * it shows the jobs, its filters work, delete needs the job's name, and the console stays clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium, type Browser } from '../helpers/chromium.js';
import { seedDashboard, type SeededDashboard } from './helpers/seeded-dashboard.js';

const missing = chromiumMissing();

describe.skipIf(missing !== null)('job dashboard in Chromium', () => {
  let seeded: SeededDashboard;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const row = (id: string) => page.locator(`#jobs tbody tr[data-job-id="${id}"]`);
  const visibleIds = () => page.locator('#jobs tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.jobId));

  beforeAll(async () => {
    seeded = await seedDashboard();
    browser = await launchChromium();
    ({ page, errors } = await browser.page());
    await page.goto(seeded.url);
    await page.locator('body[data-ready="true"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await seeded?.close();
  });

  it('shows every registered task type with its counts per status', async () => {
    const tasks = page.locator('#tasks tbody tr');
    await expect.poll(() => tasks.count()).toBe(5);
    const cells = await page.locator('#tasks tbody tr', { hasText: 'prices.sync' }).locator('td').allTextContents();
    // queue, pending, running, completed, with warnings, failed
    expect(cells).toEqual(['default', '0', '0', '0', '0', '1']);
    const exportCells = await page.locator('#tasks tbody tr', { hasText: 'orders.export' }).locator('td').allTextContents();
    expect(exportCells).toEqual(['low_priority', '0', '1', '0', '0', '0']);
  });

  it('lists the jobs newest first with status as text, attempts, progress and errors', async () => {
    expect(await visibleIds()).toEqual([seeded.ids.running, seeded.ids.pending, seeded.ids.failed, seeded.ids.warned, seeded.ids.completed]);
    const done = await row(seeded.ids.completed).locator('td').allTextContents();
    expect(done[1]).toBe('catalog.import_products');
    expect(done[2]).toBe('✔ completed');
    expect(done[3]).toBe('1/1');
    expect(done[4]).toBe('120/120 (100%)');
    expect(done[8]).toBe('manual:alice');

    const warned = await row(seeded.ids.warned).locator('td').allTextContents();
    expect(warned[2]).toBe('⚠ completed with warnings');
    expect(warned[9]).toBe('⚠ 3 images were too small to resize');

    const failed = await row(seeded.ids.failed).locator('td').allTextContents();
    expect(failed[2]).toBe('✖ failed');
    expect(failed[9]).toBe('✖ Error: Supplier acme answered 502 Bad Gateway');
    await expect.poll(() => row(seeded.ids.failed).getByRole('button', { name: /Retry job/ }).count()).toBe(1);

    const running = row(seeded.ids.running);
    expect(await running.locator('td').nth(2).textContent()).toBe('▶ running');
    expect(await running.locator('progress').evaluate((p) => [(p as HTMLProgressElement).value, (p as HTMLProgressElement).max])).toEqual([40, 100]);
    expect(await running.locator('.progress-label').textContent()).toBe('40/100 (40%)');
    expect(await running.getByRole('button').count()).toBe(0); // a running job can be neither cancelled nor deleted
    expect(await page.locator('#live').textContent()).toContain('2 active jobs');
  });

  it('filters by task, by status and by time', async () => {
    await page.getByLabel('Task', { exact: true }).selectOption('prices.sync');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(visibleIds).toEqual([seeded.ids.failed]);

    await page.getByRole('button', { name: 'Reset' }).click();
    await page.getByLabel('Status').selectOption('running');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(visibleIds).toEqual([seeded.ids.running]);

    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(visibleIds).toHaveLength(5);
    // The completed job was created two days ago: the last 24 hours leave it out, 7 days keep it.
    await page.getByLabel('Created').selectOption('86400');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(visibleIds).toEqual([seeded.ids.running, seeded.ids.pending, seeded.ids.failed, seeded.ids.warned]);
    await page.getByLabel('Created').selectOption('604800');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(visibleIds).toHaveLength(5);
    await page.getByRole('button', { name: 'Reset' }).click();
  });

  it('shows a job page with its record, result and attempts', async () => {
    await page.goto(`${seeded.url}#/jobs/${seeded.ids.completed}`);
    await expect.poll(() => page.locator('#job-heading').textContent()).toContain(seeded.ids.completed);
    expect(await page.locator('#job-result').textContent()).toContain('"imported": 120');
    expect(await page.locator('#job-attempts').textContent()).toContain('1 of 1');
    expect(await page.locator('#job-record').textContent()).toContain('manual:alice');
    await page.getByRole('link', { name: '← All jobs' }).click();
    await page.locator('#list-view').waitFor();
  });

  it('refuses a delete without the right name in the page, and deletes with it', async () => {
    await expect.poll(() => row(seeded.ids.completed).count()).toBe(1);
    await row(seeded.ids.completed).getByRole('button', { name: /Delete job/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Job name').fill(seeded.ids.failed);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('nothing was deleted');
    expect(await seeded.rt.jobs.get(seeded.ids.completed)).not.toBeNull();

    // Keyboard only: type the name and press Enter.
    await dialog.getByLabel('Job name').fill(seeded.ids.completed);
    await page.keyboard.press('Enter');
    await expect.poll(() => seeded.rt.jobs.get(seeded.ids.completed)).toBeNull();
    await expect.poll(() => row(seeded.ids.completed).count()).toBe(0);
    expect(await dialog.isVisible()).toBe(false);
  });

  it('cancels a pending job and retries a failed one through the API', async () => {
    await row(seeded.ids.pending).getByRole('button', { name: /Cancel job/ }).click();
    await expect.poll(async () => (await seeded.rt.jobs.get(seeded.ids.pending))?.status).toBe('failed');

    await row(seeded.ids.failed).getByRole('button', { name: /Retry job/ }).click();
    await expect.poll(async () => (await seeded.rt.jobs.list({ task: 'prices.sync' })).length).toBe(2);
    const [retry] = await seeded.rt.jobs.list({ task: 'prices.sync' });
    expect(retry!.args).toEqual(['acme']);
    expect(retry!.triggered_by).toBe('manual:dashboard');
  });

  it('logs no console errors', () => {
    expect(errors).toEqual([]);
  });
});

if (missing !== null) it.skip(missing, () => undefined);
