/**
 * Takes screenshots of the built app for a human to look at:
 *   npx tsx e2e/screenshot.ts [url-query] [out.png] [seconds-to-train] [width] [height]
 * Expects `vite preview` on port 4179 (or set BASE_URL).
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

const [query = '', out = 'screenshot.png', seconds = '20', width = '1440', height = '900'] = process.argv.slice(2);
const base = process.env.BASE_URL ?? 'http://127.0.0.1:4179/';

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
page.on('console', (m) => console.log(`[console.${m.type()}] ${m.text()}`));
await page.goto(base + query);
await page.getByTestId(query.includes('present=1') ? 'step-count' : 'backend').waitFor();
if (Number(seconds) > 0) {
  // A lesson link plays by itself (when its step says so); clicking too would race it.
  if (!query.includes('lesson=')) await page.getByTestId('play').click();
  await page.waitForTimeout(Number(seconds) * 1000);
}
console.log(await page.getByTestId('narrative').textContent());
console.log(await page.getByTestId('steps-per-sec').textContent());
await page.screenshot({ path: out, fullPage: !query.includes('present=1') && !process.env.FIRST_SCREEN });
await browser.close();
