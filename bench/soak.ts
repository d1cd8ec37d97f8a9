/**
 * `npm run soak [steps] [--node-only]`: the classic preset for 50,000 steps (default) in Node
 * (wasm) on the app's RunLoop, meters and landscape slices on their cadence, printing tfjs's tensor
 * count, the WebAssembly heap and the JS heap as it goes; then the same steps in the built app in
 * Chromium, read from the page's memory lines (the training worker's and the meters' worker's).
 * Exits 1 if the tensor count grows, or a heap grows by
 * more than 50 MB, in either. Not part of `npm test` (minutes); run it after changes to the
 * trainer, meters or landscape.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_LANDSCAPE } from '../src/core/landscape/slice';
import { DEFAULT_METERS } from '../src/core/meters';
import { findPreset } from '../src/core/presets';
import { RunLoop } from '../src/core/runLoop';
import { useNodeBackend } from '../src/node/backend';
import { wasmHeapBytes } from '../src/core/memory';
import { execSync } from 'node:child_process';
import { browserSoak, startPreview, type SoakReading } from './browser';

const STEPS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 50_000);
const LIMIT_MB = 50;
await useNodeBackend('wasm');
const ignore = () => {};
const loop = new RunLoop(
  { ...findPreset('classic')!.config, steps: STEPS },
  // Slices every 500 steps whatever they cost: the soak must not depend on the machine's speed.
  { meters: DEFAULT_METERS, landscape: DEFAULT_LANDSCAPE, maxSliceShare: 1 },
  { onRows: ignore, onLlc: ignore, onEntropy: ignore, onSlice: ignore, onDivergence: ignore },
);
const mb = (bytes: number) => bytes / 2 ** 20;
const samples: Array<{ step: number; tensors: number; wasm: number; heap: number }> = [];
const start = performance.now();
let nextReport = 0;
await loop.begin();
while (loop.step < STEPS) {
  await loop.advance(Math.min(STEPS, loop.step + 1000));
  if (loop.step >= nextReport) {
    (globalThis as { gc?: () => void }).gc?.();
    const s = { step: loop.step, tensors: tf.memory().numTensors, wasm: mb(wasmHeapBytes() ?? 0), heap: mb(process.memoryUsage().heapUsed) };
    samples.push(s);
    console.log(
      `step ${String(s.step).padStart(6)}  tensors ${s.tensors}  wasm heap ${s.wasm.toFixed(1)} MB  JS heap ${s.heap.toFixed(1)} MB  ` +
        `${((performance.now() - start) / 1000).toFixed(0)} s`,
    );
    nextReport += 5000;
  }
}
loop.dispose();
// Compare from step 5,000: by then the fit checkpoint, the snapshot buffer and the first slices are in place.
const base = samples.find((s) => s.step >= 5000) ?? samples[0];
const end = samples.at(-1)!;
const growth = { tensors: end.tensors - base.tensors, wasm: end.wasm - base.wasm, heap: end.heap - base.heap };
const signed = (x: number, d = 1) => `${x >= 0 ? '+' : ''}${x.toFixed(d)}`;
console.log(
  `\n${STEPS} steps in ${((performance.now() - start) / 1000).toFixed(0)} s; from step ${base.step}: ` +
    `tensors ${signed(growth.tensors, 0)}, wasm heap ${signed(growth.wasm)} MB, JS heap ${signed(growth.heap)} MB`,
);
let flat = growth.tensors <= 0 && growth.wasm <= LIMIT_MB && growth.heap <= LIMIT_MB;
console.log(flat ? 'node: flat' : 'node: NOT FLAT');

if (!process.argv.includes('--node-only')) {
  execSync('npx vite build --mode test', { stdio: 'ignore' });
  const server = await startPreview();
  const seen: SoakReading[] = [];
  try {
    await browserSoak(STEPS, 5000, (s) => {
      seen.push(s);
      const est = s.estimator ? `  meters worker: tensors ${s.estimator.tensors}, wasm heap ${s.estimator.wasm.toFixed(1)} MB` : '';
      console.log(`chromium step ${String(s.step).padStart(6)}  tensors ${s.tensors}  wasm heap ${s.wasm.toFixed(1)} MB${est}`);
    });
  } finally {
    server.kill();
  }
  const first = seen.find((s) => s.step >= 5000) ?? seen[0];
  const last = seen.at(-1)!;
  const ok = last.tensors <= first.tensors && last.wasm - first.wasm <= LIMIT_MB;
  console.log(`chromium: from step ${first.step}: tensors ${signed(last.tensors - first.tensors, 0)}, wasm heap ${signed(last.wasm - first.wasm)} MB: ${ok ? 'flat' : 'NOT FLAT'}`);
  flat &&= ok;
  const est = seen.filter((s) => s.estimator !== null);
  if (est.length >= 2) {
    const [a, b] = [est[0].estimator!, est.at(-1)!.estimator!];
    const estOk = b.tensors <= a.tensors && b.wasm - a.wasm <= LIMIT_MB;
    console.log(`chromium meters worker: from step ${est[0].step}: tensors ${signed(b.tensors - a.tensors, 0)}, wasm heap ${signed(b.wasm - a.wasm)} MB: ${estOk ? 'flat' : 'NOT FLAT'}`);
    flat &&= estOk;
  }
}
process.exit(flat ? 0 : 1);
