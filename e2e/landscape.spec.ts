import { expect, percent, ready, test } from './fixtures';

test('the landscape slice renders with finite values, updates while training, and switches plane and split', async ({ page }) => {
  await page.goto('./?p=23&width=32');
  await ready(page);
  const chart = page.getByTestId('chart-landscape');
  // Before memorization the basin plane cannot exist, and the chart says why.
  await expect(page.getByTestId('landscape-message')).toContainText('once the network has memorized');
  // A small box, not a blank square the size of the slice to come.
  expect((await chart.boundingBox())!.height).toBeLessThan(200);
  await page.getByTestId('landscape-plane').selectOption('random');
  await expect(page.getByTestId('landscape-readout')).toContainText('step 0 · train loss');
  await expect(chart.locator('[data-point="now"]')).toHaveCount(1);
  const ariaAt0 = await chart.locator('svg[role="img"]').getAttribute('aria-label');
  expect(ariaAt0).toMatch(/train loss from [\d.e-]+ to [\d.e-]+/);

  await page.getByTestId('play').click();
  await expect.poll(() => percent(page, 'train-acc'), { timeout: 30_000 }).toBe(100);
  // Refreshes on its own while training: a later step appears in the readout.
  await expect(page.getByTestId('landscape-readout')).not.toContainText('step 0 ·', { timeout: 30_000 });
  await page.getByTestId('pause').click();

  await page.getByTestId('landscape-plane').selectOption('basin');
  await expect(chart.locator('[data-point="memorized"]')).toHaveCount(1);
  await expect(chart.locator('[data-point="init"]')).toHaveCount(1);
  await expect(page.getByTestId('landscape-path')).toHaveAttribute('d', /^M.+L.+/);
  await expect(chart.locator('.chart-svg')).toContainText('towards the memorized weights');

  await page.getByTestId('landscape-test').click();
  await expect(page.getByTestId('landscape-readout')).toContainText('test loss');
  await expect(page.getByTestId('landscape-test')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('landscape-plane').selectOption('pca');
  await expect(chart.locator('.chart-svg')).toContainText('PC1');

  // Hover reads α, β, loss and accuracy at a grid point.
  const box = (await chart.locator('.landscape-svg').boundingBox())!;
  await page.mouse.move(box.x + 120, box.y + 120);
  await expect(page.getByTestId('landscape-tooltip')).toContainText(/α .+, β .+test loss [\d.e-]+test accuracy [\d.]+%/);
});

test('a slice of unknown cost is computed on the meters worker, not the training worker', async ({ page }) => {
  // The LLC is off, so the meters worker has nothing else to do: its memory line appears only if
  // the step-0 slice (the transformer's: ~1,000 forwards) was evaluated there.
  await page.goto('./?preset=transformer&plane=random&llc-every=0');
  await ready(page);
  await expect(page.getByTestId('landscape-readout')).toContainText('step 0 · train loss', { timeout: 60_000 });
  await expect(page.getByTestId('estimator-memory')).toHaveAttribute('data-tensors', /^\d+$/);
  expect(page.workers().map((w) => w.url()).some((u) => /meters\.worker/.test(u))).toBe(true);
});
