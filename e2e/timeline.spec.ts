import { test, expect, ready, stepCount, percent } from './fixtures';
import type { Page } from '@playwright/test';

const reading = (page: Page) => page.getByTestId('timeline-reading');

/** The step the timeline shows while scrubbed ("step 1,200 · checkpoint 3 of 40"). */
async function cursorStep(page: Page): Promise<number> {
  const m = ((await reading(page).textContent()) ?? '').match(/^step ([\d,]+) ·/);
  return m ? Number(m[1].replace(/,/g, '')) : NaN;
}

/** From the first checkpoint, ] until the cursor is at `min` or past it; returns the step reached. */
async function scrubForwardTo(page: Page, min: number): Promise<number> {
  const range = page.getByTestId('timeline-range');
  await range.focus();
  await range.press('Home');
  await expect(reading(page)).toContainText('checkpoint 1 of');
  for (let i = 1; (await cursorStep(page)) < min; i++) {
    await page.keyboard.press(']');
    // The page redraws once per frame: wait for this press before the next.
    await expect(reading(page)).toContainText(`checkpoint ${i + 1} of`);
  }
  return cursorStep(page);
}

/** Held-out share the task grid reports, in percent. */
async function heldOutShare(page: Page): Promise<number> {
  const text = (await page.getByTestId('task-grid-summary').textContent())!;
  return parseFloat(text.match(/Held-out pairs: [\d,]+, ([\d.]+)% answered right/)![1]);
}

test('scrubbing back shows the plateau: every chart reads its values there, and the task grid is the network as it was', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('./');
  await ready(page);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('narrative')).toContainText('Grokked', { timeout: 90_000 });
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible();
  expect(await percent(page, 'test-acc')).toBeGreaterThanOrEqual(95);
  await expect(reading(page)).toContainText('live');
  const note = page.getByTestId('timeline-note');
  const held = Number((await note.textContent())!.match(/^(\d+) checkpoints/)![1]);
  expect(held).toBeGreaterThan(10);
  expect(held).toBeLessThanOrEqual(64);

  // [ from live goes back to the latest checkpoint (the last chunk before the pause may still add one).
  await page.keyboard.press('[');
  await expect(reading(page)).toHaveText(/checkpoint (\d+) of \1$/);
  // Forward from the first to the plateau: past the fit step (classic memorizes by ~step 50).
  const at = await scrubForwardTo(page, 150);
  expect(at).toBeLessThan(400);

  // Every step-axis chart draws the cursor; the accuracy chart reads its values at that step.
  for (const id of ['chart-accuracy', 'chart-loss', 'chart-norm']) await expect(page.locator(`[data-testid="${id}"] [data-cursor]`)).toHaveCount(1);
  const atCursor = page.getByTestId('chart-accuracy-cursor-reading');
  await expect(atCursor).toContainText(`step ${at.toLocaleString('en-US')}`);
  const testThen = parseFloat((await atCursor.textContent())!.match(/test \(unseen pairs\): (\d+)%/)![1]);
  expect(testThen).toBeLessThan(60);
  // The grid is the network at that checkpoint: its held-out share agrees with the chart there, not now.
  await expect(page.getByTestId('task-grid-summary')).toContainText(`At step ${at.toLocaleString('en-US')}`);
  expect(Math.abs((await heldOutShare(page)) - testThen)).toBeLessThanOrEqual(1.5);
  // The Fourier spectrum shown is the one taken at or before it.
  const spectrumStep = Number((await page.getByTestId('fourier-spectrum').getAttribute('aria-label'))!.match(/at step (\d+)/)![1]);
  expect(spectrumStep).toBeLessThanOrEqual(at);

  // ] past the last checkpoint is live again: the grid is the latest one.
  await page.getByTestId('timeline-live').click();
  await expect(reading(page)).toContainText('live');
  await expect(page.locator('[data-testid="chart-accuracy"] [data-cursor]')).toHaveCount(0);
  expect(await heldOutShare(page)).toBeGreaterThanOrEqual(90);
});

test('continue from here: a branch with other settings, the original drawn beside it, carried by the link and the record', async ({ page }) => {
  test.setTimeout(150_000);
  // The budget stops the run at a known step.
  await page.goto('./?p=23&width=48&steps=700');
  await ready(page);
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBe(700);
  const liveStep = 700;

  const at = await scrubForwardTo(page, 200);
  expect(at).toBeLessThan(liveStep);

  // While scrubbed, a setting waits for the branch: the live run gets no marker.
  const wd = page.getByRole('slider', { name: 'Weight decay' });
  await wd.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('timeline-note')).toContainText('A branch from here continues with wd 1 → 0');
  await expect(page.locator('.slider').filter({ hasText: 'Weight decay' })).toContainText('for a branch from the timeline');
  await page.waitForTimeout(600);
  await expect(page.locator('[data-testid="chart-accuracy"] [data-marker^="wd"]')).toHaveCount(0);

  await page.getByTestId('fork').click();
  await expect(reading(page)).toContainText('live');
  await expect.poll(() => stepCount(page)).toBe(at);
  await expect(page.getByTestId('branch-note')).toContainText(`branched at step ${at.toLocaleString('en-US')} (wd 1 → 0)`);
  // The run before the branch stays drawn, dashed, and the branch point is marked.
  await expect(page.getByTestId('chart-accuracy')).toContainText('test (before branch)');
  await expect(page.locator('[data-testid="chart-accuracy"] [data-marker="wd 1 → 0"]')).toHaveCount(1);
  await expect(page).toHaveURL(new RegExp(`branch=${at}&from-wd=1`));
  await expect(page).toHaveURL(/[?&]wd=0(&|$)/);

  // The branch trains on from there, to the budget (a Pause click could come after the budget ended it).
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBe(liveStep);
  await expect(page.getByTestId('play')).toBeVisible();

  // The exported record carries the branch point and the settings before it.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const record = JSON.parse(await (await (await download).createReadStream()).toArray().then((c) => Buffer.concat(c).toString()));
  expect(record.branch.step).toBe(at);
  expect(record.branch.parent.wd).toBe(1);
  expect(record.config.wd).toBe(0);
  expect(record.metrics[0].step).toBe(0);
  expect(record.metrics.at(-1).step).toBeGreaterThan(at + 100);
});

test('a link to a branch replays the run to the branch step and continues with the new settings', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./?p=23&width=48&steps=1500&wd=0&branch=300&from-wd=1');
  await expect(page.getByTestId('branch-note')).toContainText('branched at step 300 (wd 1 → 0)', { timeout: 60_000 });
  await expect.poll(() => stepCount(page)).toBe(300);
  await expect(page.locator('[data-testid="chart-accuracy"] [data-marker="wd 1 → 0"]')).toHaveCount(1);
  await expect(page).toHaveURL(/branch=300&from-wd=1/);
});

test('a bad branch in a link is refused with a notice, and the run starts without it', async ({ page }) => {
  await page.goto('./?p=23&branch=-5&from-wd=1');
  await expect(page.getByTestId('url-notice')).toContainText('branch="-5": the branch step must be a whole number');
  await ready(page);
  await expect(page.getByTestId('branch-note')).toHaveCount(0);
});
