import { expect, percent, stepCount, test } from './fixtures';

test('a lesson link opens its step; keys and buttons move through it; the address follows', async ({ page }) => {
  await page.goto('./?lesson=less-data&step=2');
  const lesson = page.getByTestId('lesson');
  await expect(lesson).toContainText('Less training data, a longer wait');
  await expect(page.getByTestId('lesson-progress')).toContainText('step 2 of 3');
  await expect(lesson).toContainText('30% of the pairs');
  await expect(page.locator('.slider').filter({ hasText: 'Train fraction' }).locator('output')).toHaveText('30%');

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('n');
  await expect(page.getByTestId('lesson-progress')).toContainText('step 3 of 3');
  await expect(page.locator('.slider').filter({ hasText: 'Train fraction' }).locator('output')).toHaveText('25%');
  await expect(page).toHaveURL(/lesson=less-data&step=3|step=3.*lesson=less-data/);
  await expect(page.getByTestId('lesson-next')).toBeDisabled();

  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('p');
  await expect(page.getByTestId('lesson-progress')).toContainText('step 1 of 3');
  await expect(page.locator('.slider').filter({ hasText: 'Train fraction' }).locator('output')).toHaveText('60%');
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-progress')).toContainText('step 2 of 3');
});

test('"Seeing the jump coming" pauses at the entropy crossing and quotes this run, then runs on to the jump', async ({ page }) => {
  await page.goto('./?lesson=meters-before-the-jump&step=1');
  await expect(page.getByTestId('lesson-progress')).toContainText('step 1 of 3');
  // A threshold above the transformer's plateau (≈ 0.77) makes the crossing come right after memorizing.
  await page.getByRole('spinbutton', { name: 'Entropy threshold' }).fill('0.95');
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-progress')).toContainText('step 2 of 3');
  const text = page.getByTestId('lesson');
  // Paused by the lesson, not by the test: the play button comes back by itself.
  await expect(page.getByTestId('play')).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('[data-testid="chart-entropy"] [data-marker="H̃ < 0.95"]')).toHaveCount(1);
  const crossing = Number((await page.getByTestId('entropy-crossing').textContent())!.match(/at step ([\d,]+)/)![1].replace(/,/g, ''));
  await expect(text).toContainText(`crossed at step ${crossing.toLocaleString('en-US')}`);
  await expect(text).not.toContainText('{');
  const pausedAt = Number((await page.getByTestId('step-count').textContent())!.replace(/,/g, ''));
  // The worker paused on the measurement that crossed, not when the page heard of it.
  expect(pausedAt).toBe(crossing);
  // The next step continues the same run (no restart) and plays.
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('pause')).toBeVisible();
  await expect.poll(async () => Number((await page.getByTestId('step-count').textContent())!.replace(/,/g, ''))).toBeGreaterThan(pausedAt);
});

test('a lesson starts its own run, pauses at its moments, continues only where it says so, and Back replays', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBeGreaterThan(1300);
  // After a run that grokked, the no-decay lesson starts at step 0 with weight decay 0.
  await page.getByTestId('lesson-picker').selectOption('no-weight-decay');
  await expect.poll(() => stepCount(page)).toBeLessThan(1000);
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(1500);
  await expect(page.getByTestId('play')).toBeVisible();
  // The worker pauses on the first measured step at or after the lesson's step 1,500, however busy the page.
  expect(await stepCount(page)).toBe(1500);
  expect(await percent(page, 'test-acc')).toBeLessThan(10);
  await expect(page.getByTestId('narrative')).not.toContainText('Grokked');
  const fit = await page.getByTestId('lesson').textContent();
  expect(fit).toMatch(/reached 100% at step \d+/);
  // → after the menu: the next step (focus left the menu), on the same run.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('lesson-progress')).toContainText('step 2 of 2');
  await expect.poll(() => stepCount(page)).toBeGreaterThan(1500);
  await expect(page.locator('[data-testid="chart-accuracy"] [data-marker^="wd"]')).toHaveCount(1);
  // Back: a new run replayed to the moment step 1 showed.
  await page.getByTestId('lesson-back').click();
  await expect(page.getByTestId('lesson-progress')).toContainText('step 1 of 2');
  await expect.poll(() => stepCount(page)).toBeLessThan(1500);
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(1500);
  await expect(page.getByTestId('play')).toBeVisible();
  expect(await stepCount(page)).toBe(1500);
  await expect(page.locator('[data-testid="chart-accuracy"] [data-marker^="wd"]')).toHaveCount(0);
});

test('choosing a preset mid-run starts it at step 0', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBeGreaterThan(1300);
  await page.getByTestId('preset').selectOption('no-decay');
  await expect.poll(() => stepCount(page)).toBeLessThan(1000);
  expect(await percent(page, 'test-acc')).toBeLessThan(10);
});

test('"Memorization, then the jump": each step pauses at its moment and quotes it; Back shows the earlier moment again', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./?lesson=memorize-then-jump');
  const lesson = page.getByTestId('lesson');
  await page.getByTestId('play').click();
  await expect(lesson).toContainText(/reached 100% at step \d/, { timeout: 30_000 });
  await expect(page.getByTestId('play')).toBeVisible();
  const fitStep = async () => Number((await lesson.textContent())!.match(/reached 100% at step (\d+)/)![1]);
  const fit = await fitStep();
  const pausedAtFit = await stepCount(page);
  // Paused on the moment itself: the worker stops on the row that memorized.
  expect(pausedAtFit).toBe(fit);
  expect(await percent(page, 'train-acc')).toBeGreaterThanOrEqual(99);
  await page.keyboard.press('n');
  await expect(lesson).toContainText(/and step [\d,]+ test accuracy barely moved/, { timeout: 30_000 });
  await expect(page.getByTestId('play')).toBeVisible();
  const rise = Number((await lesson.textContent())!.match(/and step ([\d,]+) test accuracy barely moved/)![1].replace(/,/g, ''));
  expect(rise).toBeGreaterThan(fit);
  expect(await stepCount(page)).toBe(rise);
  expect(await percent(page, 'test-acc')).toBeLessThan(30);
  await page.keyboard.press('p');
  await expect(page.getByTestId('lesson-progress')).toContainText('step 1 of 3');
  await expect.poll(() => stepCount(page)).toBeLessThan(rise);
  await expect(lesson).toContainText(/reached 100% at step \d/, { timeout: 30_000 });
  await expect(page.getByTestId('play')).toBeVisible();
  expect(await fitStep()).toBe(fit);
  expect(await stepCount(page)).toBe(fit);
});

test('"The jump" on the first screen\'s run quotes a textbook wait: flat for ≥ 3× its climb, grokked ≥ 10× after memorizing', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./?lesson=memorize-then-jump&step=3');
  const lesson = page.getByTestId('lesson');
  await expect(lesson).toContainText(/passed 95% at step [\d,]+, .* a wait [\d.]+ times as long as the climb/, { timeout: 60_000 });
  const text = (await lesson.textContent())!.replace(/(\d),(\d)/g, '$1$2');
  const [, grok, fit] = text.match(/passed 95% at step (\d+), long after memorizing at step (\d+)/)!.map(Number);
  const [, flatUntil, climb, ratio] = text.match(/until step (\d+), then climbed from 10% to 90% in (\d+) steps, a wait ([\d.]+) times/)!.map(Number);
  expect(ratio).toBeCloseTo(flatUntil / climb, 1);
  expect(ratio).toBeGreaterThanOrEqual(3);
  expect(grok / fit).toBeGreaterThanOrEqual(10);
  expect(await stepCount(page)).toBe(grok);
});

test('the chart a lesson step names is brought on screen under the lesson text', async ({ page }) => {
  await page.goto('./?lesson=meters-before-the-jump&step=2');
  await expect(page.getByTestId('lesson-progress')).toContainText('step 2 of 3');
  await expect(page.getByTestId('chart-entropy')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('lesson-text')).toBeInViewport({ ratio: 1 });
});

test('the chart a lesson step names stays on screen while the page grows above it, until the reader scrolls', async ({ page }) => {
  await page.goto('./?lesson=meters-before-the-jump&step=2');
  const chart = page.getByTestId('chart-entropy');
  await expect(chart).toBeInViewport({ ratio: 1 });
  // Something above it grows (as a note or a line of leads does when the run fills it in).
  const grow = () => page.evaluate(() => document.querySelector('[data-testid="chart-accuracy"]')!.insertAdjacentHTML('afterend', '<div style="height: 300px"></div>'));
  await grow();
  await expect(chart).toBeInViewport({ ratio: 1 });
  // Once the reader scrolls, the page is theirs: the next growth moves the chart away.
  await page.mouse.move(700, 500);
  await page.mouse.wheel(0, 40);
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0);
  const before = (await chart.boundingBox())!.y;
  await grow();
  await expect.poll(async () => (await chart.boundingBox())!.y).toBeGreaterThan(before + 250);
});

test('"Inside the network": its last step trains the transformer afresh with the collapse intervention on', async ({ page }) => {
  await page.goto('./?lesson=inside-the-network&step=3');
  await expect(page.getByTestId('lesson-progress')).toContainText('step 3 of 3');
  await expect(page.getByTestId('lesson')).toContainText('Stop the collapse');
  await expect(page).toHaveURL(/mix-representations=0\.3/);
  await expect(page.locator('.dataset')).toContainText('transformer network');
  // It plays by itself; the progress measures of this run arrive on their cadence.
  await expect(page.getByTestId('restricted-loss')).not.toHaveText('—', { timeout: 90_000 });
  await page.getByTestId('lesson-back').click();
  await expect(page.getByTestId('lesson-progress')).toContainText('step 2 of 3');
  await expect(page).not.toHaveURL(/mix-representations/);
});

test('presenting "Inside the network", the spectrum and one unit\'s cosine fit on a 1280×720 screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?lesson=inside-the-network&step=1&present=1');
  const panel = page.getByTestId('chart-fourier');
  await expect(panel.getByTestId('fourier-spectrum')).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId('unit-plot')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('pause').click();
  for (const part of [panel, panel.getByTestId('fourier-spectrum'), panel.getByTestId('unit-plot').locator('svg')]) {
    const box = (await part.boundingBox())!;
    expect(box.y + box.height, await part.evaluate((e) => e.outerHTML.slice(0, 60))).toBeLessThanOrEqual(720);
  }
  // Tick labels at the presentation size.
  const tick = await panel.locator('.tick').first().evaluate((t) => parseFloat(getComputedStyle(t).fontSize));
  expect(tick).toBeGreaterThanOrEqual(20);
});
