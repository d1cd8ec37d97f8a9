/** The textbook preset's two knobs (initial scale, label smoothing) and the shape of its wait. */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunConfig } from '../src/core/config';
import { createModel } from '../src/core/models';
import { plateauShape } from '../src/core/plateauShape';
import { DEFAULT_PRESET_ID, findPreset } from '../src/core/presets';
import { splitTensors, targetValues } from '../src/core/trainData';
import { useNodeBackend } from '../src/node/backend';
import { plateauOverSeeds } from '../src/node/plateauReport';
import { classicConfig } from './classic';

describe('initial scale', () => {
  it('multiplies every initial weight by α and leaves nothing behind', async () => {
    const before = tf.memory().numTensors;
    for (const model of ['quadratic', 'transformer'] as const) {
      const plain = createModel({ model, p: 7, width: 8, seed: 3 });
      const scaled = createModel({ model, p: 7, width: 8, seed: 3, initScale: 2.5 });
      for (const [i, w] of plain.params.entries()) {
        const [a, b] = await Promise.all([w.data(), scaled.params[i].data()]);
        a.forEach((v, j) => expect(b[j]).toBeCloseTo(2.5 * v, 5));
      }
      plain.dispose();
      scaled.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('label smoothing', () => {
  it('targets (1 − ε)·one-hot + ε/p, each row a distribution; MSE keeps its centred one-hot targets', async () => {
    expect(targetValues({ p: 5, loss: 'ce', labelSmoothing: 0.1 })).toEqual({ on: 0.9 + 0.02, off: 0.02 });
    expect(targetValues({ p: 5, loss: 'ce', labelSmoothing: 0 })).toEqual({ on: 1, off: 0 });
    expect(targetValues({ p: 5, loss: 'mse', labelSmoothing: 0 })).toEqual({ on: 0.8, off: -0.2 });
    const s = splitTensors({ a: Int32Array.from([1, 2]), b: Int32Array.from([3, 4]), label: Int32Array.from([4, 1]) }, { p: 5, loss: 'ce', labelSmoothing: 0.1 });
    const rows = (await s.target.array()) as number[][];
    rows.forEach((r) => expect(r.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 6));
    expect(rows[0][4]).toBeCloseTo(0.92, 6);
    expect(rows[1][1]).toBeCloseTo(0.92, 6);
    tf.dispose(Object.values(s));
  });

  it('is refused on MSE and out of range, and older records without it read 0 (and initial scale 1)', () => {
    const base = classicConfig();
    const mse = parseRunConfig({ ...base, loss: 'mse', labelSmoothing: 0.1 });
    expect(mse.ok ? [] : mse.errors).toEqual(['label smoothing applies to cross-entropy only (the MSE targets are centred one-hot vectors)']);
    const far = parseRunConfig({ ...base, labelSmoothing: 0.7, initScale: 0 });
    expect(far.ok ? [] : far.errors).toEqual(['init scale must be between 0.1 and 20', 'label smoothing must be between 0 and 0.5']);
    const { initScale: _i, labelSmoothing: _l, ...older } = base;
    const read = parseRunConfig(older);
    expect(read.ok && [read.config.initScale, read.config.labelSmoothing]).toEqual([1, 0]);
  });
});

describe('the shape of the wait', () => {
  const row = (step: number, testAcc: number, trainAcc = 1) => ({ step, trainAcc, testAcc });
  it('times the flat stretch near chance and the climb from 10% to 90% on known rows', () => {
    const rows = [row(0, 0.02, 0.02), row(10, 0.03, 0.5), row(20, 0.02), row(100, 0.06), row(110, 0.08), row(120, 0.12), row(130, 0.5), row(150, 0.91), row(160, 0.96)];
    expect(plateauShape(rows, 0.02)).toEqual({ fitStep: 20, flatUntil: 100, climbFrom: 120, climbTo: 150, grokStep: 160, flatOverClimb: 100 / 30, grokOverFit: 8 });
    // Before the climb is over nothing is claimed.
    expect(plateauShape(rows.slice(0, 6), 0.02)).toMatchObject({ flatUntil: 100, climbTo: null, flatOverClimb: null, grokOverFit: null });
  });

  describe('on wasm', () => {
    beforeAll(() => useNodeBackend('wasm'));
    afterAll(() => tf.setBackend('cpu'));
    it("the page's first run, the textbook preset at seed 1, waits flat for over 3× its climb and groks after 10× its fit step", async () => {
      expect(DEFAULT_PRESET_ID).toBe('textbook');
      // Through the CLI's own loop (npm run cli -- plateau), the command behind the README's numbers.
      const [{ shape }] = await plateauOverSeeds(findPreset('textbook')!.config, [1], () => {});
      expect(shape.flatOverClimb).toBeGreaterThanOrEqual(3);
      expect(shape.grokOverFit).toBeGreaterThanOrEqual(10);
    }, 60_000);
  });
});
