import { expect, percent, ready, stepCount, test } from './fixtures';

test('the built app loads, chooses a backend and explains the choice', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  await expect(page.getByRole('heading', { name: 'Grokscope' })).toBeVisible();
  for (const chart of ['chart-accuracy', 'chart-loss', 'chart-norm']) await expect(page.getByTestId(chart)).toBeVisible();
  // No GPU here: WebGPU is SwiftShader, so auto picks WebAssembly and says why.
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await page.getByTestId('fallbacks').locator('summary').click();
  await expect(page.getByTestId('fallbacks')).toContainText('webgpu: the only adapter is a software one');
  await expect(page.getByTestId('step-count')).toHaveText('0');
  await expect(page.getByTestId('narrative')).toContainText('guesses at chance');
});

test('?backend=webgpu trains on WebGPU (SwiftShader here) and says the adapter is software', async ({ page }) => {
  await page.goto('./?backend=webgpu&p=13&width=32&train-frac=0.5');
  await ready(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('backend')).toContainText(/swiftshader/i);
  await expect(page.getByTestId('software-adapter')).toBeVisible();
  const start = await percent(page, 'train-acc');
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(30);
  await page.getByTestId('pause').click();
  expect(await percent(page, 'train-acc')).toBeGreaterThan(start + 20);
});

test('?backend=wasm trains, and train accuracy rises', async ({ page }) => {
  await page.goto('./?backend=wasm&p=17&width=32&train-frac=0.5');
  await ready(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('fallbacks')).toHaveCount(0);
  await page.getByTestId('play').click();
  await expect.poll(() => percent(page, 'train-acc'), { timeout: 30_000 }).toBe(100);
  await expect(page.getByTestId('steps-per-sec')).toContainText('steps/s');
  await expect(page.locator('[data-testid="chart-accuracy"] [data-marker="fit"]')).toHaveCount(1);
});

test('served cross-origin isolated (a host sending COOP and COEP), WebAssembly still trains', async ({ page }) => {
  // The threaded wasm build fails in a minified bundle; the app must never pick it.
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
    await route.fulfill({ response, headers });
  });
  await page.goto('./?backend=wasm&p=17&width=32&train-frac=0.5');
  await ready(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await page.getByTestId('play').click();
  await expect.poll(() => percent(page, 'train-acc'), { timeout: 30_000 }).toBe(100);
});

test('moving the learning-rate slider changes the running config and draws a marker', async ({ page }) => {
  await page.goto('./?p=17&width=32');
  await ready(page);
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(20);
  // Paused, so the four presses (each applies at once) land on one step: one marker. While training,
  // presses slower than a chunk land on different steps, each with its own marker.
  await page.getByTestId('pause').click();
  const slider = page.getByLabel('Learning rate', { exact: true });
  await expect(slider).toHaveAttribute('type', 'range');
  await slider.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  // 10^(−2 − 4·0.05) = 0.00631: the value shown, the address, and a marker the worker confirmed.
  const value = page.locator('.slider').filter({ hasText: 'Learning rate' }).locator('output');
  await expect(value).toHaveText('0.00631');
  await expect(page).toHaveURL(/lr=0\.00631/);
  const marker = page.locator('[data-testid="chart-accuracy"] [data-marker^="lr"]');
  await expect(marker).toHaveCount(1);
  await expect(marker).toHaveAttribute('data-marker', 'lr 0.01 → 0.00631');
  await expect(page.locator('[data-testid="chart-loss"] [data-marker^="lr"]')).toHaveCount(1);
  // The same run goes on with it: no restart.
  const at = await stepCount(page);
  expect(at).toBeGreaterThan(20);
  await page.keyboard.press('Space');
  await expect.poll(() => stepCount(page)).toBeGreaterThan(at);
  await expect(marker).toHaveCount(1);
});

test('one slider drag, however slow, leaves one marker from the old value to the new', async ({ page }) => {
  await page.goto('./?p=17&width=32');
  await ready(page);
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(20);
  // The mouse drags only what is on screen (at 1440×900 the slider sits just below the fold).
  await page.getByLabel('Learning rate', { exact: true }).scrollIntoViewIfNeeded();
  const box = (await page.getByLabel('Learning rate', { exact: true }).boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.57, y);
  await page.mouse.down();
  // Pauses longer than the settings' debounce between moves: before, each one was a change.
  for (const f of [0.65, 0.72, 0.8]) {
    await page.mouse.move(box.x + box.width * f, y, { steps: 3 });
    await page.waitForTimeout(400);
  }
  const value = page.locator('.slider').filter({ hasText: 'Learning rate' }).locator('output');
  const shown = await value.textContent();
  await expect(page.locator('[data-testid="chart-accuracy"] [data-marker^="lr"]')).toHaveCount(0);
  await page.mouse.up();
  const marker = page.locator('[data-testid="chart-accuracy"] [data-marker^="lr"]');
  await expect(marker).toHaveCount(1);
  await expect(marker).toHaveAttribute('data-marker', `lr 0.01 → ${shown}`);
  await page.waitForTimeout(500);
  await expect(marker).toHaveCount(1);
  // Focus is on the slider now; Space still pauses the run.
  await page.keyboard.press(' ');
  await expect(page.getByTestId('play')).toBeVisible();
});

test('pause holds the step, step advances by one, reset returns to step 0', async ({ page }) => {
  await page.goto('./?p=17&width=32');
  await ready(page);
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(30);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible();
  const paused = await stepCount(page);
  await page.waitForTimeout(800);
  expect(await stepCount(page)).toBe(paused);
  await page.getByTestId('step').click();
  await expect.poll(() => stepCount(page)).toBe(paused + 1);
  await page.getByTestId('reset').click();
  await expect.poll(() => stepCount(page)).toBe(0);
  await expect(page.locator('[data-testid="chart-accuracy"] [data-marker]')).toHaveCount(0);
  await expect(page.getByTestId('narrative')).toContainText('guesses at chance');
});

test('changing the train fraction starts a new run', async ({ page }) => {
  await page.goto('./?p=17&width=32');
  await ready(page);
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(30);
  await page.getByTestId('pause').click();
  const slider = page.getByLabel('Train fraction', { exact: true });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.slider').filter({ hasText: 'Train fraction' }).locator('output')).toHaveText('31%');
  await expect.poll(() => stepCount(page)).toBe(0);
  await expect(page.locator('.dataset')).toContainText(`${Math.round(0.31 * 17 * 17)} training pairs`);
});

test('the step axis switches between log and linear', async ({ page }) => {
  await page.goto('./?p=17&width=32&steps=400');
  await ready(page);
  const axisLabel = page.locator('[data-testid="chart-accuracy"] .axis-label').first();
  await expect(axisLabel).toHaveText('training step (log scale)');
  await page.getByTestId('x-scale').click();
  await expect(axisLabel).toHaveText('training step');
  await expect(page.getByTestId('x-scale')).toHaveText('step axis: linear');
  // Linear ticks at 0 … 400 for a 400-step budget.
  await expect(page.locator('[data-testid="chart-accuracy"] .tick').filter({ hasText: /^400$/ })).toHaveCount(1);
});

test('bad link parameters show a notice and the app runs on defaults', async ({ page }) => {
  await page.goto('./?p=60&lr=fast&backend=tpu');
  await ready(page);
  const notice = page.getByTestId('url-notice');
  await expect(notice).toContainText('p="60": p must be a prime number; using 47');
  await expect(notice).toContainText('lr="fast"');
  await expect(notice).toContainText('backend="tpu"');
  await expect(page.locator('.slider').filter({ hasText: 'Learning rate' }).locator('output')).toHaveText('0.01');
});

test('the first screen\'s run (the textbook preset) groks end to end in the browser', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./');
  await ready(page);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('narrative')).toContainText('Memorized at step', { timeout: 60_000 });
  await expect(page.getByTestId('narrative')).toContainText('Grokked at step', { timeout: 150_000 });
  expect(await percent(page, 'test-acc')).toBeGreaterThanOrEqual(95);
  await expect(page.locator('[data-testid="chart-accuracy"] [data-marker="grok"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="chart-accuracy"] [data-marker="fit"]')).toHaveCount(1);
});

test('when test accuracy falls after grokking (learning rate raised), the banner and the bands say so', async ({ page }) => {
  await page.goto('./?preset=classic');
  await ready(page);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('narrative')).toContainText('Grokked', { timeout: 60_000 });
  const slider = page.getByLabel('Learning rate', { exact: true });
  await slider.focus();
  await page.keyboard.press('End');
  // At lr 0.316 the run may lose and regain generalization more than once: read the banner as it says so.
  let banner = '';
  await expect
    .poll(async () => (banner = (await page.getByTestId('narrative').textContent()) ?? ''), { timeout: 60_000 })
    .toContain('No longer generalizing');
  await page.getByTestId('pause').click();
  expect(banner).toMatch(/fell below 80% at step [\d,]+ after the change at step [\d,]+, after grokking at step [\d,]+\. Now train [\d.]+%, test ([\d.]+)%/);
  // The phase lasts from the fall below 80% until test accuracy is back at 95%: now it is below 95%.
  expect(Number(banner.match(/test ([\d.]+)%\.$/)![1])).toBeLessThan(95);
  expect(await page.locator('[data-testid="chart-accuracy"] [data-band="forgetting"]').count()).toBeGreaterThanOrEqual(1);
});

test('minibatches: a link sets the batch, the settings show it, training runs on it, and choosing all pairs writes the link back', async ({ page }) => {
  await page.goto('./?p=17&width=32&train-batch=16');
  await ready(page);
  await page.getByText('Task and model (start a new run)').click();
  const batch = page.getByTestId('train-batch');
  await expect(batch).toHaveValue('16');
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(20);
  await batch.selectOption('0');
  await expect.poll(() => page.url()).not.toContain('train-batch');
  await batch.selectOption('32');
  await expect.poll(() => page.url()).toContain('train-batch=32');
});
