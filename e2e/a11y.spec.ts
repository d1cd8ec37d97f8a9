import AxeBuilder from '@axe-core/playwright';
import { expect, percent, ready, test } from './fixtures';

async function seriousViolations(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

test('axe finds no serious accessibility violations in the app, trained and with every panel open', async ({ page }) => {
  await page.goto('./?p=17&width=32');
  await ready(page);
  await page.getByTestId('play').click();
  await expect.poll(() => percent(page, 'train-acc'), { timeout: 30_000 }).toBe(100);
  await page.getByTestId('pause').click();
  await page.getByText('Task and model (start a new run)').click();
  await page.getByTestId('estimator-settings').locator('summary').click();
  expect(await seriousViolations(page)).toEqual([]);
});

test('axe finds no serious violations in the embed, and every control is reachable by keyboard', async ({ page }) => {
  await page.goto('./?embed=1&panels=accuracy,landscape&p=17&width=32');
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect(page.getByTestId('play')).toBeEnabled();
  expect(await seriousViolations(page)).toEqual([]);
  // Tab reaches the play button with a visible focus ring.
  for (let i = 0; i < 10 && !(await page.getByTestId('play').evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(page.getByTestId('play')).toBeFocused();
  const outline = await page.getByTestId('play').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
});
