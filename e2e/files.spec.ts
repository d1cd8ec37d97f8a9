import { readFileSync } from 'node:fs';
import { RunRecordSchema } from '../src/core/run';
import type { Page, TestInfo } from '@playwright/test';
import { expect, llcCaughtUp, percent, ready, test } from './fixtures';

test('exports the run as JSON and CSV, imports it back for comparison, and rejects a bad file', async ({ page }, testInfo) => {
  await page.goto('./?p=17&width=32');
  await ready(page);
  await page.getByTestId('play').click();
  await expect.poll(() => percent(page, 'train-acc'), { timeout: 30_000 }).toBe(100);
  await page.getByTestId('pause').click();
  await llcCaughtUp(page);

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const jsonPath = testInfo.outputPath('run.json');
  await json.saveAs(jsonPath);
  const record = RunRecordSchema.parse(JSON.parse(readFileSync(jsonPath, 'utf8')));
  expect(record.config.p).toBe(17);
  expect(record.backend).toBe('wasm');
  expect(record.metrics.at(-1)!.trainAcc).toBe(1);
  expect(record.events.fitStep).not.toBeNull();
  expect(record.wallMs).toBeGreaterThan(0);
  expect(record.llc.length).toBeGreaterThan(2);
  // The Fourier views with the progress measures, with the names the issue gives them.
  expect(record.progress.length).toBeGreaterThan(1);
  expect(record.progress.at(-1)).toMatchObject({ keyFrequencies: expect.any(Array), restrictedLoss: expect.any(Number), excludedLoss: expect.any(Number), topFrequencyShare: expect.any(Number) });
  expect(record.leads?.events).toHaveProperty('restrictedSignal');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const csvPath = testInfo.outputPath('run.csv');
  await csv.saveAs(csvPath);
  const lines = readFileSync(csvPath, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('step,train_acc,test_acc,train_loss,test_loss,weight_norm,llc,llc_std_err,spectral_entropy');
  expect(lines.length).toBeGreaterThan(10);

  await page.getByTestId('import-input').setInputFiles(jsonPath);
  await expect(page.getByTestId('comparison')).toContainText('Comparing with run.json');
  for (const [chart, label] of [
    ['chart-accuracy', 'train (imported)'],
    ['chart-loss', 'test (imported)'],
    ['chart-llc', 'λ̂ (imported)'],
    ['chart-entropy', 'H̃ (imported)'],
    ['chart-fourier', 'top 5 (imported)'],
    ['chart-progress', 'restricted (imported)'],
  ])
    await expect(page.getByTestId(chart)).toContainText(label);

  // Dropping a file on the page takes the same path as the picker.
  const dropped = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return dt;
  }, readFileSync(jsonPath, 'utf8'));
  await page.dispatchEvent('.app', 'drop', { dataTransfer: dropped });
  await expect(page.getByTestId('comparison')).toContainText('Comparing with dropped.json');

  const stepBefore = await page.getByTestId('step-count').textContent();
  await page.getByTestId('import-input').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"grokscope-run","ver') });
  await expect(page.getByTestId('worker-error')).toContainText('Could not import "broken.json": it is not valid JSON');
  await expect(page.getByTestId('worker-error')).toContainText('The current run is unchanged');
  // The last good import is still drawn.
  await expect(page.getByTestId('comparison')).toContainText('dropped.json');
  await expect(page.getByTestId('step-count')).toHaveText(stepBefore!);
});

/** Trains a small run past memorization, then downloads each named chart as SVG and PNG and checks the files. */
async function checkChartDownloads(page: Page, testInfo: TestInfo, charts: string[], before?: () => Promise<void>) {
  await page.goto('./?p=17&width=32');
  await ready(page);
  await page.getByTestId('play').click();
  await expect.poll(() => percent(page, 'train-acc'), { timeout: 30_000 }).toBe(100);
  await page.getByTestId('pause').click();
  await llcCaughtUp(page);
  await before?.();
  for (const chart of charts) {
    await page.getByTestId(chart).scrollIntoViewIfNeeded();
    const [svg] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByTestId(`${chart}-svg`).click()]);
    const svgPath = testInfo.outputPath(`${chart}.svg`);
    await svg.saveAs(svgPath);
    const text = readFileSync(svgPath, 'utf8');
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    // The data: vector paths for line charts, the heatmap as an embedded PNG for the landscape.
    expect(text).toMatch(chart === 'chart-landscape' ? /<image href="data:image\/png;base64,/ : /<path d="M[\d.,-]+L/);
    expect(text.trim().endsWith('</svg>')).toBe(true);
    // The LLC's ± s.e. band, which its legend names, is in the export as on screen.
    if (chart === 'chart-llc') expect(text).toMatch(/<path d="M[^"]+" fill="#[0-9A-Fa-f]{6}" fill-opacity="0.2"/);

    const [png] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByTestId(`${chart}-png`).click()]);
    const pngPath = testInfo.outputPath(`${chart}.png`);
    await png.saveAs(pngPath);
    expect(readFileSync(pngPath).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  }
}

// Chromium stops a page's automatic downloads after about ten: the charts are split over pages.
test('the accuracy, LLC and entropy charts download as PNG and SVG', async ({ page }, testInfo) => {
  await checkChartDownloads(page, testInfo, ['chart-accuracy', 'chart-llc', 'chart-entropy']);
});

test('the loss, norm and landscape charts download as PNG and SVG', async ({ page }, testInfo) => {
  await checkChartDownloads(page, testInfo, ['chart-loss', 'chart-norm', 'chart-landscape'], async () => {
    await page.getByTestId('landscape-plane').selectOption('random');
    await expect(page.getByTestId('chart-landscape').locator('.chart-svg')).toContainText('filter-normalized');
  });
});
