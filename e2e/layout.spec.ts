import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Bottom edge of a locator's box, in page coordinates at the current scroll (none here). */
async function bottom(page: Page, testId: string): Promise<number> {
  const box = (await page.getByTestId(testId).boundingBox())!;
  return box.y + box.height;
}

for (const [w, h] of [
  [1280, 720],
  [1920, 1080],
]) {
  test(`presentation at ${w}×${h}: lesson, whole accuracy chart and the gauge on one screen, sized for the back row`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('./?present=1&lesson=meters-before-the-jump&step=1');
    await expect(page.getByTestId('present-view')).toBeVisible();
    await expect(page.getByTestId('chart-accuracy').locator('canvas')).toBeVisible();
    // Nothing to scroll to, and each named part lies within the screen.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(h);
    for (const id of ['lesson', 'chart-accuracy', 'flatness-meter', 'chart-llc']) {
      await expect(page.getByTestId(id), id).toBeInViewport({ ratio: 1 });
      expect(await bottom(page, id)).toBeLessThanOrEqual(h);
    }
    await expect(page.getByTestId('lesson-text')).toBeInViewport({ ratio: 1 });
    // The x-axis title is the lowest text of the chart: it must be on screen too.
    await expect(page.getByTestId('chart-accuracy').locator('.axis-label').first()).toBeInViewport({ ratio: 1 });
    // Back-row sizes: every chart text ≥ 20 px, lines ≥ 4 px, a large step counter.
    // Only text still on the page: a chart redrawn between the query and the read leaves detached nodes (font size '').
    const sizes = await page.locator('.chart-svg text').evaluateAll((els) => els.filter((e) => e.isConnected).map((e) => parseFloat(getComputedStyle(e).fontSize)));
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(19);
    // The gauge's dial is an SVG scaled to its column: its labels are measured as drawn on screen.
    const dial = await page.locator('.meter-dial text').evaluateAll((els) =>
      els.map((e) => parseFloat(getComputedStyle(e).fontSize) * (e as SVGTextElement).getScreenCTM()!.a),
    );
    expect(dial.length).toBeGreaterThanOrEqual(4);
    expect(Math.min(...dial)).toBeGreaterThanOrEqual(19.5);
    expect(Number(await page.getByTestId('chart-accuracy').locator('canvas').getAttribute('data-line-width'))).toBeGreaterThanOrEqual(4);
    const counter = await page.getByTestId('step-count').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(counter).toBeGreaterThanOrEqual(36);
    for (const id of ['embed-button', 'copy-link', 'backend', 'chart-accuracy-png', 'chart-accuracy-svg']) await expect(page.getByTestId(id)).not.toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`present-${w}.png`) });
    // The watched chart follows the lesson step; leaving restores the page.
    await page.keyboard.press('n');
    await expect(page.getByTestId('chart-entropy')).toBeInViewport({ ratio: 1 });
    await page.getByTestId('present').click();
    await expect(page.getByTestId('present-view')).toHaveCount(0);
    await expect(page.getByTestId('backend')).toBeVisible();
  });
}

for (const [w, h] of [
  [390, 844],
  [768, 1024],
]) {
  test(`at ${w}×${h}: controls and the whole accuracy chart on the first screen after Train, nothing sticky or overlapping, 44 px targets`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('./');
    await page.getByTestId('play').click();
    await expect(page.getByTestId('pause')).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('chart-accuracy')).toBeInViewport({ ratio: 1 });
    expect(await page.locator('.sidebar').evaluate((e) => getComputedStyle(e).position)).not.toBe('sticky');
    // Panels of the page, in layout order: no two overlap.
    const boxes = await page.locator('.layout > *, .sidebar > *, .charts > *, .chart-row > *').evaluateAll((els) =>
      els
        .map((e) => e.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.height > 0)
        .map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })),
    );
    const leaves = boxes.filter((a) => !boxes.some((b) => b !== a && b.x <= a.x && b.y <= a.y && b.x + b.w >= a.x + a.w && b.y + b.h >= a.y + a.h && (b.w > a.w || b.h > a.h)));
    for (const [i, a] of leaves.entries())
      for (const b of leaves.slice(i + 1)) {
        const overlap = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 1;
        expect(overlap, `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`).toBe(false);
      }
    const small = await page.locator('button, select, input, summary').evaluateAll((els) =>
      els
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => ({ name: e.textContent?.trim() || e.getAttribute('aria-label') || e.tagName, h: e.getBoundingClientRect().height }))
        .filter((t) => t.h < 44),
    );
    expect(small).toEqual([]);
    // The lesson menu keeps room for its name ("Lessons…", about 100 px), not two letters of it.
    expect((await page.getByTestId('lesson-picker').boundingBox())!.width).toBeGreaterThanOrEqual(100);
  });
}

test('the first screen says what grokking is and what to press, and the task table turns right as the run does', async ({ page }) => {
  // The classic run: its units go single-frequency and three of its frequencies carry its answers (the
  // textbook run spreads over more, and its jump is checked by the lessons' test).
  await page.goto('./?preset=classic');
  const intro = page.getByTestId('intro');
  await expect(intro).toBeInViewport();
  await expect(intro).toContainText('Grokking');
  await expect(intro).toContainText('Press Train');
  const summary = page.getByTestId('task-grid-summary');
  await expect(summary).toContainText('Training pairs: 663');
  await expect(summary).toContainText('Held-out pairs: 1,546');
  // The canvas is painted: its pixels are not all one colour.
  const colours = await page.getByTestId('task-grid').locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<string>();
    for (let i = 0; i < d.length; i += 4 * 97) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
    return seen.size;
  });
  expect(colours).toBeGreaterThanOrEqual(2);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('narrative')).toContainText('Grokked', { timeout: 60_000 });
  await page.getByTestId('pause').click();
  // The table says what the accuracy chart says: most held-out pairs now answered right.
  const test = parseFloat((await page.getByTestId('test-acc').textContent())!);
  const held = parseFloat((await summary.textContent())!.match(/Held-out pairs: [\d,]+, ([\d.]+)% answered right/)![1]);
  expect(held).toBeGreaterThanOrEqual(90);
  expect(Math.abs(held - test)).toBeLessThan(1.5);
  // The Fourier view of the same run: one bar per frequency, and its units gone single-frequency.
  await expect(page.getByTestId('fourier-spectrum').locator('rect[data-frequency]')).toHaveCount(23);
  const own = parseFloat((await page.getByTestId('fourier-readout').textContent())!.match(/own frequency ([\d.]+)%/)![1]);
  expect(own).toBeGreaterThan(60);
  // One square per hidden unit; the unit shown first is the purest, and a cosine at its frequency fits its weights.
  const units = page.getByTestId('neuron-view').locator('rect[data-unit]');
  await expect(units).toHaveCount(96); // classic's width
  expect(parseFloat((await page.getByTestId('unit-fit-0').textContent())!)).toBeGreaterThan(70);
  // Picked by its unit: the squares re-sort when the last Fourier measurement lands after Pause.
  const picked = await units.nth(5).getAttribute('data-unit');
  await page.locator(`[data-testid="neuron-view"] rect[data-unit="${picked}"]`).click();
  await expect(page.getByTestId('unit-caption')).toContainText(`Unit ${picked} at step`);
  // The progress measures: this network has no key frequencies, so nothing is restricted to them and the
  // restricted loss stays near the chance loss (log 47 ≈ 3.85) while test accuracy is ~100%.
  await expect(page.getByTestId('progress-keys')).toHaveText('none');
  expect(parseFloat((await page.getByTestId('restricted-loss').textContent())!)).toBeGreaterThan(3.4);
  await expect(page.getByTestId('restricted-signal')).toHaveText('—');
  // Ablation: remove the three strongest frequencies from the embeddings (evaluation only), then restore.
  const heights = await page.getByTestId('fourier-spectrum').locator('rect[data-frequency]').evaluateAll((rs) =>
    rs.map((r) => ({ k: Number(r.getAttribute('data-frequency')), h: Number(r.getAttribute('height')) })),
  );
  const strongest = heights.sort((a, b) => b.h - a.h).slice(0, 3);
  for (const { k } of strongest) {
    await page.locator(`[data-testid="fourier-spectrum"] .fourier-bar:has(rect[data-frequency="${k}"])`).click();
    await expect(page.getByTestId('fourier-ablation')).toContainText(String(k));
  }
  const ablated = parseFloat((await page.getByTestId('ablated-test').textContent())!);
  expect(ablated).toBeLessThan(held - 2);
  const step = await page.getByTestId('step-count').textContent();
  const before = await page.getByTestId('test-acc').textContent();
  await page.getByTestId('fourier-restore').click();
  await expect(page.getByTestId('fourier-ablation')).toContainText('Click a bar');
  // Training itself was untouched: still paused at the same step, the same test accuracy.
  await expect(page.getByTestId('step-count')).toHaveText(step!);
  await expect(page.getByTestId('test-acc')).toHaveText(before!);
});

test('a selected toggle stays readable on hover, and the loss header names train and test', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('chart-loss')).toContainText(/train [\d.e-]+ · test [\d.e-]+/);
  const active = page.locator('.btn.active').first();
  await active.scrollIntoViewIfNeeded();
  await active.hover();
  const { color, background } = await active.evaluate((e) => ({ color: getComputedStyle(e).color, background: getComputedStyle(e).backgroundColor }));
  expect(color).toBe('rgb(255, 255, 255)');
  expect(background).not.toBe('rgb(255, 255, 255)');
  expect(background).not.toBe('rgb(238, 243, 249)');
});

test('at 1280×720 every sidebar panel can be brought on screen while Train stays where it was, with the page scrolled to the charts', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./');
  await expect(page.getByTestId('backend-measured')).toBeVisible({ timeout: 60_000 });
  // A reader halfway down the charts reaches for the last settings panel.
  await page.getByTestId('chart-entropy').scrollIntoViewIfNeeded();
  const files = page.locator('.sidebar > .files');
  await files.scrollIntoViewIfNeeded();
  await expect(files).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('estimator-settings').locator('summary')).toBeInViewport();
  // Scrolled back up within the sidebar, Train is on screen without leaving the charts.
  await page.locator('.sidebar').evaluate((e) => e.scrollTo({ top: 0 }));
  await expect(page.getByTestId('play')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('chart-entropy')).toBeInViewport();
});
