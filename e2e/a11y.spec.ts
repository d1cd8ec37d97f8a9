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

test('dark theme: follows the system, toggles, passes axe, and exports in its own colours', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./?p=17&width=32');
  await ready(page);
  const root = page.locator('html');
  await expect(root).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('theme')).toHaveText('Theme: auto');
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(await background()).toBe('rgb(15, 17, 21)');
  await page.getByTestId('play').click();
  await expect.poll(() => percent(page, 'train-acc'), { timeout: 30_000 }).toBe(100);
  await page.getByTestId('pause').click();
  expect(await seriousViolations(page)).toEqual([]);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-accuracy-svg').click()]);
  const text = await (await svg.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(text).toContain('fill="#181b21"');
  // auto → light → dark, each kept in the address.
  await page.getByTestId('theme').click();
  await expect(root).toHaveAttribute('data-theme', 'light');
  await expect(page).toHaveURL(/theme=light/);
  expect(await background()).toBe('rgb(246, 247, 249)');
  await page.getByTestId('theme').click();
  await expect(root).toHaveAttribute('data-theme', 'dark');
  await expect(page).toHaveURL(/theme=dark/);
});
