import { test, expect, ready, stepCount } from './fixtures';

// The classic network with a short budget, so the 36 runs take under a minute; the grid is the default one.
const SMALL = '?steps=600';

test('the phase diagram trains a grid cell by cell on the backend it measured fastest, and a cell opens its run', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`./${SMALL}`);
  await ready(page);
  const status = page.getByTestId('phase-status');
  await expect(status).toContainText('36 runs');
  const cells = page.getByTestId('phase-cell');
  await expect(cells).toHaveCount(36);
  await expect(page.locator('[data-testid="phase-cell"][data-outcome="pending"]')).toHaveCount(36);

  await page.getByTestId('phase-start').click();
  await expect(status).toContainText('Timing each backend');
  await expect(status).toContainText('Training on', { timeout: 60_000 });
  // Cells are decided while others still train.
  await expect.poll(async () => page.locator('[data-testid="phase-cell"]:not([data-outcome="pending"])').count(), { timeout: 120_000 }).toBeGreaterThan(0);
  await expect(status).toContainText('Done: 36 of 36 cells', { timeout: 180_000 });
  await expect(page.locator('[data-testid="phase-cell"][data-outcome="pending"]')).toHaveCount(0);

  // Every candidate measured is listed with its rate or why it has none; the chosen one is the fastest.
  await page.getByText(/^Why /).click();
  const candidates = page.getByTestId('phase-candidates').locator('li');
  expect(await candidates.count()).toBeGreaterThanOrEqual(2);
  const rates = (await candidates.allTextContents()).map((t) => Number(t.match(/: ([\d,.]+) network-steps\/s/)?.[1].replace(/,/g, '') ?? 0));
  const chosen = (await status.textContent())!.match(/on (\w+), (all runs in one batched|one run after another)/)!;
  const best = (await candidates.allTextContents())[rates.indexOf(Math.max(...rates))];
  expect(best.startsWith(`${chosen[1]}, ${chosen[2].startsWith('all') ? 'batched' : 'sequential'}`)).toBe(true);

  // Without weight decay nothing generalizes (Omnigrok's memorization region); with it, something does.
  const outcomes = async (wd: string) => page.locator(`[data-testid="phase-cell"][aria-label^="weight decay ${wd},"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')));
  expect(new Set(await outcomes('0'))).toEqual(new Set(['memorized']));
  expect((await outcomes('2')).some((o) => o === 'grokked' || o === 'generalized')).toBe(true);

  // A cell opens its run in the main view: its settings, from step 0, training.
  await page.locator('[data-testid="phase-cell"][aria-label^="weight decay 2, train fraction 0.6:"]').click();
  await expect(page).toHaveURL(/wd=2/);
  await expect(page).toHaveURL(/train-frac=0.6/);
  await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBeGreaterThan(0);
});

test('a sweep can be stopped: the cells decided so far stay, the rest stay pending', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await ready(page);
  await page.getByTestId('phase-start').click();
  await expect(page.getByTestId('phase-status')).toContainText('Training on', { timeout: 60_000 });
  await page.getByTestId('phase-stop').click();
  await expect(page.getByTestId('phase-status')).toContainText('Stopped', { timeout: 30_000 });
  expect(await page.locator('[data-testid="phase-cell"][data-outcome="pending"]').count()).toBeGreaterThan(0);
  await expect(page.getByTestId('phase-start')).toBeEnabled();
});
