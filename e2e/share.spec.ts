import { readdirSync, readFileSync } from 'node:fs';
import { expect, percent, ready, stepCount, test } from './fixtures';

const sliderValue = (page: import('@playwright/test').Page, label: string) =>
  page.locator('.slider').filter({ hasText: label }).locator('output');

test('a link with settings opens with those settings, and the address follows changes', async ({ page }) => {
  await page.goto('./?lr=0.003&wd=0.5&train-frac=0.4&p=23&plane=random&x-scale=linear');
  await ready(page);
  await expect(sliderValue(page, 'Learning rate')).toHaveText('0.003');
  await expect(sliderValue(page, 'Weight decay')).toHaveText('0.5');
  await expect(sliderValue(page, 'Train fraction')).toHaveText('40%');
  await expect(page.getByRole('heading', { name: 'Grokscope' })).toBeVisible();
  await expect(page.locator('.tagline')).toContainText('mod 23');
  await expect(page.getByTestId('x-scale')).toHaveText('step axis: linear');
  await expect(page.getByTestId('landscape-plane')).toHaveValue('random');
  await expect(page.getByTestId('url-notice')).toHaveCount(0);

  await page.getByRole('slider', { name: 'Weight decay' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/wd=0\.55/);
  await page.getByTestId('landscape-test').click();
  await expect(page).toHaveURL(/split=test/);
  // The copied link is the address itself.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveText('✓ Link copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
});

test('unknown and bad parameters get a notice naming each, and the page runs on defaults', async ({ page }) => {
  await page.goto('./?p=60&colour=red&autoplay=maybe');
  await ready(page);
  const notice = page.getByTestId('url-notice');
  await expect(notice).toContainText('p="60": p must be a prime number; using 47');
  await expect(notice).toContainText('"colour" is not a setting Grokscope knows; ignored');
  await expect(notice).toContainText('autoplay="maybe"');
  await expect(page.getByTestId('step-count')).toHaveText('0');
});

test('?autoplay=1 starts training by itself', async ({ page }) => {
  await page.goto('./?p=17&width=32&autoplay=1');
  await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBeGreaterThan(10);
});

test('keyboard: space trains and pauses, → steps, R resets, ? shows the shortcuts', async ({ page }) => {
  await page.goto('./?p=17&width=32');
  await ready(page);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(' ');
  await expect.poll(() => stepCount(page)).toBeGreaterThan(20);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('play')).toBeVisible();
  const paused = await stepCount(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => stepCount(page)).toBe(paused + 1);
  await page.keyboard.press('r');
  await expect.poll(() => stepCount(page)).toBe(0);
  await page.keyboard.press('?');
  await expect(page.getByTestId('help')).toContainText('Keyboard shortcuts');
  await expect(page.getByTestId('help')).toContainText('reset to step 0');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help')).toHaveCount(0);
});

test('phase changes are announced to screen readers', async ({ page }) => {
  await page.goto('./?p=23&width=32');
  await ready(page);
  await page.getByTestId('play').click();
  await expect.poll(() => percent(page, 'train-acc'), { timeout: 30_000 }).toBe(100);
  await expect(page.getByTestId('phase-announcer')).toHaveAttribute('aria-live', 'polite');
  await expect(page.getByTestId('phase-announcer')).toHaveText(/(Memorized; plateau|Grokking: test accuracy rising|Generalized) at step \d+/);
});

test('divergence stops training with a message and keeps the history', async ({ page }) => {
  // lr × wd = 10: the decoupled decay factor 1 − lr·wd is −9 and the weights blow up.
  await page.goto('./?p=17&width=32&lr=1&wd=10');
  await ready(page);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('divergence')).toContainText(/Training diverged at step \d+.*learning rate \(1\).*smaller/);
  await expect(page.getByTestId('play')).toBeDisabled();
  expect(await stepCount(page)).toBeGreaterThan(0);
  // The finite history up to the divergence is still drawn.
  await expect(page.getByTestId('train-acc')).toBeVisible();
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('divergence')).toHaveCount(0);
});

test('the main thread bundle does not carry the training stack', async () => {
  const assets = readdirSync('dist/assets');
  const main = assets.find((f) => /^index-.*\.js$/.test(f))!;
  const code = readFileSync(`dist/assets/${main}`, 'utf8');
  expect(code).not.toContain('tfjs-backend');
  expect(code.length).toBeLessThan(600_000);
});

test('speed control: slow motion and fast forward, with the time left to the budget', async ({ page }) => {
  await page.goto('./?p=17&width=32&steps=20000');
  await ready(page);
  await page.getByTestId('speed').selectOption('slow');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('eta')).toContainText(/≈ \d+ (s|min) to step 20,000/);
  // Steps made in the same stretch of wall time at each speed: fast must be many times slow
  // (a ratio of two rates on the same machine, not a time limit).
  const stepsIn = async (ms: number) => {
    const a = await stepCount(page);
    await page.waitForTimeout(ms);
    return (await stepCount(page)) - a;
  };
  await expect.poll(() => stepCount(page)).toBeGreaterThan(0);
  const slow = await stepsIn(2000);
  await page.getByTestId('speed').selectOption('fast');
  await expect(page.getByTestId('speed')).toHaveValue('fast');
  await page.waitForTimeout(300);
  const fast = await stepsIn(2000);
  expect(slow).toBeGreaterThan(0);
  expect(fast, `slow ${slow} steps, fast ${fast} steps in 2 s`).toBeGreaterThan(5 * slow);
});
