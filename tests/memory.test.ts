/**
 * The WebAssembly heap stays flat while the LLC meter and landscape slices run between training
 * steps, in the worker's 40 ms chunks. tf.memory() cannot see the heap: the tensor count stayed
 * flat while 4 MB slice temporaries, interleaved with LLC chains, fragmented it (+25 MB per 1,000
 * steps when slices followed the meters' steps; grids.ts now caps temporaries at 2 MB).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LANDSCAPE } from '../src/core/landscape/slice';
import { wasmHeapBytes } from '../src/core/memory';
import { DEFAULT_METERS } from '../src/core/meters';
import { findPreset } from '../src/core/presets';
import { RunLoop } from '../src/core/runLoop';
import { useNodeBackend } from '../src/node/backend';

afterAll(() => tf.setBackend('cpu'));

describe('memory over a long run', () => {
  it('the wasm heap and the tensor count stay flat with the LLC meter and a 31² slice every 100 steps', async () => {
    await useNodeBackend('wasm');
    const ignore = () => {};
    const loop = new RunLoop(
      { ...findPreset('classic')!.config, steps: 2500 },
      { meters: { ...DEFAULT_METERS, entropyEvery: 0 }, landscape: { ...DEFAULT_LANDSCAPE, every: 100 }, maxSliceShare: 1 },
      { onRows: ignore, onLlc: ignore, onEntropy: ignore, onSlice: ignore, onDivergence: ignore },
    );
    await loop.begin();
    while (loop.step < 1000) await loop.advance(1000, 40);
    const before = { heap: wasmHeapBytes()!, tensors: tf.memory().numTensors };
    while (loop.step < 2500) await loop.advance(2500, 40);
    const after = { heap: wasmHeapBytes()!, tensors: tf.memory().numTensors };
    loop.dispose();
    expect(after.tensors).toBe(before.tensors);
    expect((after.heap - before.heap) / 2 ** 20).toBeLessThan(4);
  }, 120_000);
});
