import { expect, ready, stepCount, test } from './fixtures';

type Hooks = { grokscopeTestHooks: { checkpointStep(): number | null; useBackend(name: string): void } };

test('auto times each backend on this network while it is not training and keeps the fastest; the badge shows the numbers', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./');
  await ready(page);
  // The timings arrive after the page is up: nothing below the badge may move when they do.
  const chartTop = async () => (await page.getByTestId('chart-accuracy').boundingBox())!.y;
  const before = await chartTop();
  const measured = page.getByTestId('backend-measured');
  await expect(measured).toContainText('Wasm', { timeout: 60_000 });
  // Fastest first: WebAssembly on a machine whose GPU adapters are software.
  await expect(measured).toHaveText(/^measured fastest: Wasm [\d,.]+ steps\/s$/);
  await expect(page.getByTestId('backend-timings')).toHaveText(/^timed on this network while it was not training: WebAssembly [\d,.]+ · \S+ [≥\d,.—]+ · \S+ [≥\d,.—]+ steps\/s/);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  expect(await chartTop()).toBe(before);
});

test('a run moved to a backend measured faster continues from its step, history and timeline kept', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('./?p=23&width=48');
  await ready(page);
  // The probe has measured (WebAssembly fastest here): nothing moves the run but the hook below.
  await expect(page.getByTestId('backend-measured')).toContainText('Wasm', { timeout: 60_000 });
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(150);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible();
  const at = await stepCount(page);
  const checkpoints = Number((await page.getByTestId('timeline-range').getAttribute('max'))!);
  expect(checkpoints).toBeGreaterThan(3);

  await page.evaluate(() => (window as unknown as Hooks).grokscopeTestHooks.useBackend('webgl'));
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgl', { timeout: 60_000 });
  await expect(page.getByTestId('backend-change')).toContainText(`Training continues on WebGL from step ${at}`);
  await expect(page.getByTestId('step-count')).toHaveText(String(at));
  // The checkpoints up to here came along: the timeline can still go back to the start.
  expect(Number(await page.getByTestId('timeline-range').getAttribute('max'))).toBeGreaterThanOrEqual(checkpoints);
  const summary = await page.getByTestId('chart-accuracy').locator('svg[role="img"]').getAttribute('aria-label');
  expect(summary).toMatch(new RegExp(`train [\\d.]+% at step ${at}`));
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThan(at + 5);
});

test('the timings never take the cores from training: Train cuts them short, the next pause takes them up again', async ({ page }) => {
  await page.goto('./?p=23&width=48&steps=50000');
  await ready(page);
  await page.getByTestId('play').click();
  // Longer than a measurement takes here (~5 s): none may finish while the run trains.
  await page.waitForTimeout(10_000);
  await expect(page.getByTestId('pause')).toBeVisible();
  await expect(page.getByTestId('backend-measured')).toHaveCount(0);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('backend-measured')).toContainText('Wasm', { timeout: 60_000 });
});
