/** Browser half of the bench: the built app in headless Chromium, timed through its real worker. */
import { chromium, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Throughput } from '../src/core/throughput';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

const PORT = 4188;
const BASE = `http://127.0.0.1:${PORT}/`;

export async function startPreview(): Promise<ChildProcess> {
  const server = spawn('npx', ['vite', 'preview', '--mode', 'test', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(BASE)).ok) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error('vite preview did not start');
}

export async function openApp(query: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await page.goto(BASE + query);
  await page.getByTestId('play').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => !(document.querySelector('[data-testid="play"]') as HTMLButtonElement).disabled);
  return { page, close: () => browser.close() };
}

export async function browserThroughput(
  backend: string,
  steps: number,
): Promise<{ backend: string; adapter: string; result: Throughput } | string> {
  const { page, close } = await openApp(`?preset=classic&backend=${backend}`);
  try {
    const used = (await page.getByTestId('backend').getAttribute('data-backend')) ?? '?';
    const adapter = ((await page.getByTestId('backend').textContent()) ?? '').split('·')[1]?.split('This')[0]?.trim() ?? '';
    if (used !== backend) return `fell back to ${used}`;
    const r = await page.evaluate(([s, f, g]) => window.grokscopeBenchmark!(s, f, g), [steps, Math.max(3, steps / 4), backend === 'wasm' ? 31 : 9] as const);
    return { backend: used, adapter, result: r.result };
  } finally {
    await close();
  }
}

/** Clicks Train in the app (auto backend; `query` picks e.g. a preset) and times until the narrative says it grokked. */
export async function browserTimeToGrok(query = ''): Promise<{ backend: string; seconds: number; narrative: string }> {
  const { page, close } = await openApp(query);
  try {
    const backend = (await page.getByTestId('backend').getAttribute('data-backend')) ?? '?';
    const start = Date.now();
    await page.getByTestId('play').click();
    await page.getByText(/Grokked at step/).waitFor({ timeout: 300_000 });
    const seconds = (Date.now() - start) / 1000;
    return { backend, seconds, narrative: (await page.getByTestId('narrative').textContent()) ?? '' };
  } finally {
    await close();
  }
}

/**
 * The soak's browser half: the built app trains `steps` steps on WebAssembly (meters and slices on
 * their default cadence, fast speed) while the page's memory lines (the training worker's and the
 * LLC estimator's) are read every `every` steps.
 */
export interface SoakReading {
  step: number;
  tensors: number;
  wasm: number;
  /** The LLC estimator's worker, after its last estimate (null before its first). */
  estimator: { tensors: number; wasm: number } | null;
}

export async function browserSoak(steps: number, every: number, report: (s: SoakReading) => void, query = ''): Promise<void> {
  const { page, close } = await openApp(`?backend=wasm&steps=${steps}${query}`);
  try {
    await page.getByTestId('speed').selectOption('fast');
    await page.getByTestId('play').click();
    const step = async () => Number(((await page.getByTestId('step-count').textContent()) ?? '0').replace(/,/g, ''));
    for (let next = every; next <= steps; next += every) {
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="step-count"]')!.textContent!.replace(/,/g, '')) >= n, next, { timeout: 600_000, polling: 500 });
      const memory = page.getByTestId('memory');
      const estimator = page.getByTestId('estimator-memory');
      const estimatorSeen = (await estimator.count()) > 0;
      report({
        step: await step(),
        tensors: Number(await memory.getAttribute('data-tensors')),
        wasm: Number(await memory.getAttribute('data-wasm-heap')) / 2 ** 20,
        estimator: estimatorSeen
          ? { tensors: Number(await estimator.getAttribute('data-tensors')), wasm: Number(await estimator.getAttribute('data-wasm-heap')) / 2 ** 20 }
          : null,
      });
    }
  } finally {
    await close();
  }
}

/**
 * Training steps/s of the built app at fast speed on WebAssembly with the given link (meter cadences),
 * measured over `seconds` once training has warmed up: what the reader's run actually gets, with
 * the LLC on its own worker and the page drawing.
 */
export async function browserStepsPerSec(query: string, seconds = 8): Promise<number> {
  const { page, close } = await openApp(`?backend=wasm&steps=1000000${query}`);
  try {
    await page.getByTestId('speed').selectOption('fast');
    await page.getByTestId('play').click();
    const step = async () => Number(((await page.getByTestId('step-count').textContent()) ?? '0').replace(/,/g, ''));
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-count"]')!.textContent!.replace(/,/g, '')) >= 300, null, { timeout: 120_000 });
    const [s0, t0] = [await step(), Date.now()];
    await page.waitForTimeout(seconds * 1000);
    const [s1, t1] = [await step(), Date.now()];
    return ((s1 - s0) * 1000) / (t1 - t0);
  } finally {
    await close();
  }
}

/** The phase diagram's default grid of the classic network, in the app: from the click to its last cell. */
export async function browserSweep(): Promise<{ seconds: number; status: string }> {
  const { page, close } = await openApp('');
  try {
    const start = Date.now();
    await page.getByTestId('phase-start').click();
    await page.getByText(/^(Done|Stopped): /).waitFor({ timeout: 600_000 });
    return { seconds: (Date.now() - start) / 1000, status: (await page.getByTestId('phase-status').textContent()) ?? '' };
  } finally {
    await close();
  }
}
