import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every test fails on a console error or an uncaught page error, from the page or its worker,
 * and on any request that leaves the page's origin (the wasm binaries must come from the build).
 */
export const test = base.extend<{ consoleErrors: string[]; foreignRequests: string[] }>({
  foreignRequests: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const foreign: string[] = [];
      page.on('request', (r) => {
        const url = r.url();
        if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
      });
      await use(foreign);
      expect(foreign, 'requests outside the origin').toEqual([]);
    },
    { auto: true },
  ],
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function stepCount(page: Page): Promise<number> {
  return Number((await page.getByTestId('step-count').textContent())!.replace(/,/g, ''));
}

export async function percent(page: Page, testId: string): Promise<number> {
  return parseFloat((await page.getByTestId(testId).textContent())!);
}

/** Waits until the backend is chosen and the first (step 0) metrics have arrived. */
export async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('backend')).toBeVisible();
  await expect(page.getByTestId('train-acc')).toBeVisible();
  await expect(page.getByTestId('play')).toBeEnabled();
}

/**
 * Waits (paused) until the LLC estimator's worker has answered every snapshot sent so far: estimates
 * arrive after the steps they measure.
 */
export async function llcCaughtUp(page: Page): Promise<void> {
  await expect(page.getByTestId('llc-value')).toContainText('λ̂ =', { timeout: 60_000 });
  await expect(page.getByTestId('llc-pending')).toBeHidden({ timeout: 60_000 });
}

/** The step of the latest LLC estimate a chart's readout shows (NaN before the first). */
export async function llcReadoutStep(page: Page, chartTestId = 'chart-llc'): Promise<number> {
  const m = ((await page.getByTestId(chartTestId).textContent()) ?? '').match(/λ̂ = [^ ]+ at step ([\d,]+)/);
  return m ? Number(m[1].replace(/,/g, '')) : NaN;
}
