import { expect, llcCaughtUp, ready, stepCount, test } from './fixtures';

/**
 * No leaks in the browser's workers: with the meters and landscape slices on their default cadence,
 * the tensor count and the WebAssembly heap stay flat over thousands of steps, in the training worker
 * and in the LLC estimator's, read from the page's own memory lines. (The heap fragmentation that slices once caused shows fastest in Node, with a
 * slice every 100 steps: tests/memory.test.ts.)
 */
test('tensors and the WebAssembly heap stay flat over 3,000 steps of training with meters and slices', async ({ page }) => {
  await page.goto('./?backend=wasm&steps=6000');
  await ready(page);
  const memory = page.getByTestId('memory');
  const read = async () => ({
    step: await stepCount(page),
    tensors: Number(await memory.getAttribute('data-tensors')),
    heap: Number(await memory.getAttribute('data-wasm-heap')) / 2 ** 20,
  });
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(1500);
  const before = await read();
  // The LLC estimator's own worker reports after each estimate: the same count job after job.
  const estimator = page.getByTestId('estimator-memory');
  await expect(estimator).toBeVisible({ timeout: 60_000 });
  const readEstimator = async () => ({ tensors: Number(await estimator.getAttribute('data-tensors')), heap: Number(await estimator.getAttribute('data-wasm-heap')) / 2 ** 20 });
  const estimatorBefore = await readEstimator();
  await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(before.step + 3000);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible();
  const after = await read();
  expect(before.heap).toBeGreaterThan(0);
  expect(after.step - before.step).toBeGreaterThanOrEqual(3000);
  expect(after.tensors).toBe(before.tensors);
  expect(after.heap - before.heap, `heap ${before.heap} MB at step ${before.step}, ${after.heap} MB at ${after.step}`).toBeLessThan(4);
  await llcCaughtUp(page);
  const estimatorAfter = await readEstimator();
  expect(estimatorAfter.tensors).toBe(estimatorBefore.tensors);
  expect(estimatorAfter.heap - estimatorBefore.heap).toBeLessThan(4);
});
