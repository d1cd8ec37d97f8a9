/**
 * `npm run soak`: 50,000 training steps of the classic preset in Node (wasm) with the meters and
 * landscape slices on their cadence, printing tfjs's tensor count and the JS heap as it goes.
 * Exits 1 if the tensor count grows or the heap grows by more than 50 MB. Not part of `npm test`
 * (a few minutes); run it after changes to the trainer, meters or landscape.
 */
import * as tf from '@tensorflow/tfjs';
import { computeSlice } from '../src/core/landscape/slice';
import { CheckpointTracker } from '../src/core/landscape/tracker';
import { DEFAULT_METERS, MeterRunner } from '../src/core/meters';
import { findPreset } from '../src/core/presets';
import { Trainer } from '../src/core/trainer';
import { useNodeBackend } from '../src/node/backend';

const STEPS = Number(process.argv[2] ?? 50_000);
await useNodeBackend('wasm');
const trainer = new Trainer({ ...findPreset('classic')!.config, steps: STEPS });
const meters = new MeterRunner(trainer, DEFAULT_METERS);
const tracker = new CheckpointTracker(trainer);
const heapMb = () => process.memoryUsage().heapUsed / 2 ** 20;
const samples: Array<{ step: number; tensors: number; heap: number }> = [];
const start = performance.now();
let nextSlice = 500;
let nextReport = 0;
while (trainer.step < STEPS) {
  await trainer.advance(Math.min(STEPS, meters.nextDue(), trainer.step + 1000));
  await meters.runDue();
  await tracker.observe();
  if (trainer.step >= nextSlice) {
    await computeSlice(trainer, tracker, { plane: 'basin', split: 'test', size: 15, span: 1 });
    nextSlice += 2500;
  }
  if (trainer.step >= nextReport) {
    (globalThis as { gc?: () => void }).gc?.();
    const s = { step: trainer.step, tensors: tf.memory().numTensors, heap: heapMb() };
    samples.push(s);
    console.log(`step ${String(s.step).padStart(6)}  tensors ${s.tensors}  heap ${s.heap.toFixed(1)} MB  ${((performance.now() - start) / 1000).toFixed(0)} s`);
    nextReport += 5000;
  }
}
trainer.dispose();
// Compare from step 5,000: by then the fit checkpoint and the snapshot buffer are in place.
const base = samples.find((s) => s.step >= 5000) ?? samples[0];
const end = samples.at(-1)!;
const tensorGrowth = end.tensors - base.tensors;
const heapGrowth = end.heap - base.heap;
console.log(`\n${STEPS} steps in ${((performance.now() - start) / 1000).toFixed(0)} s; from step ${base.step}: tensors ${tensorGrowth >= 0 ? '+' : ''}${tensorGrowth}, heap ${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(1)} MB`);
if (tensorGrowth > 0 || heapGrowth > 50) {
  console.log('NOT FLAT');
  process.exit(1);
}
console.log('flat');
