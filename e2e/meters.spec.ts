import { expect, percent, ready, test } from './fixtures';

const finiteIn = (text: string | null, pattern: RegExp) => {
  const m = (text ?? '').match(pattern);
  return m ? Number(m[1]) : NaN;
};

test('on the classic preset the meters fill with finite numbers and phase bands appear', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  // Step 0 is measured before training starts.
  await expect(page.getByTestId('entropy-readout')).toContainText('H̃ =');
  await page.getByTestId('play').click();
  await expect.poll(() => percent(page, 'train-acc'), { timeout: 60_000 }).toBe(100);

  await expect(page.getByTestId('llc-value')).toContainText('λ̂ =', { timeout: 30_000 });
  const llc = finiteIn(await page.getByTestId('llc-value').textContent(), /λ̂ = ([-\d.e]+)/);
  expect(Number.isFinite(llc)).toBe(true);
  await expect(page.getByTestId('meter-needle')).toBeVisible();
  await expect(page.getByTestId('llc-settings')).toContainText('ε 0.001 · γ 5');
  await expect(page.getByTestId('chart-llc')).toContainText('λ̂ =');

  const entropy = finiteIn(await page.getByTestId('entropy-readout').textContent(), /H̃ = ([\d.]+)/);
  expect(entropy).toBeGreaterThan(0);
  expect(entropy).toBeLessThanOrEqual(1);
  const threshold = page.locator('[data-testid="chart-entropy"] [data-reference^="H̃* = 0.609"]');
  await expect(threshold).toHaveCount(1);
  await expect(page.getByTestId('chart-entropy')).toContainText('reference from another architecture, not a prediction');

  for (const chart of ['chart-accuracy', 'chart-llc', 'chart-entropy', 'chart-loss', 'chart-norm']) {
    await expect(page.locator(`[data-testid="${chart}"] [data-band="memorization"]`)).toHaveCount(1);
    await expect(page.locator(`[data-testid="${chart}"] [data-band="plateau"]`)).toHaveCount(1);
  }
  await expect(page.getByTestId('narrative')).toContainText(/Memorized at step \d+: train 100\.0%, test [\d.]+%\. Watching for the jump…/);
  await page.getByTestId('pause').click();
});

test('estimator settings change the next LLC estimate, and the threshold is adjustable', async ({ page }) => {
  await page.goto('./?p=23&width=32');
  await ready(page);
  await page.getByTestId('estimator-settings').locator('summary').click();
  await page.getByLabel('chains').fill('3');
  await page.getByLabel('LLC every (steps, 0 = off)').fill('20');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('llc-settings')).toContainText('3 chains', { timeout: 30_000 });
  await page.getByTestId('pause').click();
  await page.getByLabel('Entropy threshold').fill('0.8');
  await expect(page.locator('[data-testid="chart-entropy"] [data-reference^="H̃* = 0.800"]')).toHaveCount(1);
  // Every measured H̃ here is below 0.8, so the crossing is at the first measurement, step 0.
  await expect(page.getByTestId('entropy-readout')).toContainText('crossed at step 0');
});
