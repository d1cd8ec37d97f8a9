import { expect, ready, stepCount, test } from './fixtures';

type Hooks = { grokscopeTestHooks: { loseDevice(): void; crashWorker(): void; checkpointStep(): number | null } };

test('a lost WebGPU device: training moves to the next backend from the last state, history kept', async ({ page }) => {
  await page.goto('./?backend=webgpu&p=13&width=32&train-frac=0.5');
  await ready(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(15);
  await page.getByTestId('pause').click(); // pausing takes a checkpoint, just after it answers
  await expect(page.getByTestId('play')).toBeVisible();
  const at = await stepCount(page);
  await expect.poll(() => page.evaluate(() => (window as unknown as Hooks).grokscopeTestHooks.checkpointStep())).toBe(at);

  await page.evaluate(() => (window as unknown as Hooks).grokscopeTestHooks.loseDevice());
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 30_000 });
  await expect(page.getByTestId('backend-change')).toContainText('WebGPU stopped working: the device was lost');
  await expect(page.getByTestId('backend-change')).toContainText(`continues on WebAssembly from step ${at}`);
  await expect(page.getByTestId('step-count')).toHaveText(String(at));
  // The curve from before the loss is still there: its first points are at steps 0, 1, 2…
  const summary = await page.getByTestId('chart-accuracy').locator('svg[role="img"]').getAttribute('aria-label');
  expect(summary).toMatch(new RegExp(`train [\\d.]+% at step ${at}`));
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBeGreaterThan(at + 20);
});

test('a GPU device lost while training: the run goes on by itself on WebAssembly, with one plain notice', async ({ page }) => {
  await page.goto('./?backend=webgpu&p=13&width=32&train-frac=0.5');
  await ready(page);
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(25);
  await page.evaluate(() => (window as unknown as Hooks).grokscopeTestHooks.loseDevice());
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 30_000 });
  await expect(page.getByTestId('backend-change')).toContainText('WebGPU stopped working');
  await expect(page.getByTestId('backend-change')).toContainText('continues on WebAssembly');
  await expect(page.getByTestId('worker-error')).toHaveCount(0);
  // It keeps training without a click.
  const at = await stepCount(page);
  await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBeGreaterThan(at + 50);
});

test('a worker that fails leaves no frozen page: the UI says so and restarts from the last state', async ({ page }) => {
  await page.goto('./?p=17&width=32');
  await ready(page);
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(80);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible();
  const at = await stepCount(page);
  await expect.poll(() => page.evaluate(() => (window as unknown as Hooks).grokscopeTestHooks.checkpointStep())).toBe(at);
  await expect(page.locator('[data-testid="chart-accuracy"] [data-marker="fit"]')).toHaveCount(1);

  await page.evaluate(() => (window as unknown as Hooks).grokscopeTestHooks.crashWorker());
  await expect(page.getByTestId('worker-error')).toContainText('The training worker failed');
  await page.getByTestId('restart').click();
  await expect(page.getByTestId('worker-error')).toHaveCount(0);
  await expect(page.getByTestId('step-count')).toHaveText(String(at));
  await expect(page.locator('[data-testid="chart-accuracy"] [data-marker="fit"]')).toHaveCount(1);
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(at + 20);
});

test('a worker that fails while training is stopped, not left training behind the notice', async ({ page }) => {
  await page.goto('./?p=17&width=32');
  await ready(page);
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(40);
  await page.evaluate(() => (window as unknown as Hooks).grokscopeTestHooks.crashWorker());
  await expect(page.getByTestId('worker-error')).toContainText('The training worker failed');
  const at = await stepCount(page);
  await page.waitForTimeout(1500);
  expect(await stepCount(page)).toBe(at);
});

test('a configuration too large for a tab is refused with a plain message, never an Emscripten abort', async ({ page }) => {
  await page.goto('./?preset=transformer&p=211&width=2048');
  await expect(page.getByTestId('worker-error')).toContainText('more than a browser tab can give it', { timeout: 30_000 });
  await expect(page.locator('body')).not.toContainText('Aborted');
});

test('a heavy configuration says how slow it will be before training starts', async ({ page }) => {
  await page.goto('./?width=2048&entropy-every=25');
  await expect(page.getByTestId('cost-warning')).toContainText(/each spectral-entropy measurement about \d+ s/);
  await page.goto('./?width=2048&entropy-every=0');
  await expect(page.getByTestId('backend')).toBeVisible();
  await expect(page.getByTestId('cost-warning')).toHaveCount(0);
});
