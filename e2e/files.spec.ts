import { readFileSync } from 'node:fs';
import { RunRecordSchema } from '../src/core/run';
import { expect, percent, ready, test } from './fixtures';

test('exports the run as JSON and CSV, imports it back for comparison, and rejects a bad file', async ({ page }, testInfo) => {
  await page.goto('./?p=17&width=32');
  await ready(page);
  await page.getByTestId('play').click();
  await expect.poll(() => percent(page, 'train-acc'), { timeout: 30_000 }).toBe(100);
  await page.getByTestId('pause').click();

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const jsonPath = testInfo.outputPath('run.json');
  await json.saveAs(jsonPath);
  const record = RunRecordSchema.parse(JSON.parse(readFileSync(jsonPath, 'utf8')));
  expect(record.config.p).toBe(17);
  expect(record.backend).toBe('wasm');
  expect(record.metrics.at(-1)!.trainAcc).toBe(1);
  expect(record.events.fitStep).not.toBeNull();
  expect(record.wallMs).toBeGreaterThan(0);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const csvPath = testInfo.outputPath('run.csv');
  await csv.saveAs(csvPath);
  const lines = readFileSync(csvPath, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('step,train_acc,test_acc,train_loss,test_loss,weight_norm,llc,llc_std_err,spectral_entropy');
  expect(lines.length).toBeGreaterThan(10);

  await page.getByTestId('import-input').setInputFiles(jsonPath);
  await expect(page.getByTestId('comparison')).toContainText('Comparing with run.json');
  await expect(page.getByTestId('chart-accuracy')).toContainText('train (imported)');

  const stepBefore = await page.getByTestId('step-count').textContent();
  await page.getByTestId('import-input').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"grokscope-run","ver') });
  await expect(page.getByTestId('worker-error')).toContainText('Could not import "broken.json": it is not valid JSON');
  await expect(page.getByTestId('worker-error')).toContainText('The current run is unchanged');
  await expect(page.getByTestId('comparison')).toContainText('run.json');
  await expect(page.getByTestId('step-count')).toHaveText(stepBefore!);
});
