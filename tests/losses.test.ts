import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { crossEntropy, meanSquaredError, rowLosses } from '../src/core/losses';

/** Logits of a memorized network: the right class far ahead of the rest (p = 47). */
function confident(margin: number, rows: number) {
  const p = 47;
  const logits = tf.tensor2d(Float32Array.from({ length: rows * p }, (_, k) => (k % p === Math.floor(k / p) % p ? margin + 3 : 3)), [rows, p]);
  const targets = tf.oneHot(tf.tensor1d(Array.from({ length: rows }, (_, r) => r % p), 'int32'), p).toFloat();
  // −log softmax of the right class: log(1 + (p − 1)·e^−margin), exactly.
  return { logits, targets, exact: Math.log1p((p - 1) * Math.exp(-margin)) };
}

describe('losses', () => {
  it('cross-entropy of a memorized row keeps its relative precision, not the float32 spacing at the logits', async () => {
    for (const margin of [12, 17, 21]) {
      const { logits, targets, exact } = confident(margin, 5);
      const mean = (await crossEntropy(logits, targets).data())[0];
      const rows = Array.from(await rowLosses('ce', logits, targets).data());
      // x − logSumExp(x) gave 0 or 2.4e-6 here (float32's spacing at 24) for true values of 4e-8 to 3e-4.
      expect(Math.abs(mean - exact) / exact).toBeLessThan(1e-3);
      for (const r of rows) expect(Math.abs(r - exact) / exact).toBeLessThan(1e-3);
      tf.dispose([logits, targets]);
    }
  });

  it('cross-entropy of equal logits is log p (every entry ties with the max)', async () => {
    const logits = tf.zeros([2, 7]);
    const targets = tf.oneHot(tf.tensor1d([0, 3], 'int32'), 7).toFloat();
    expect((await crossEntropy(logits, targets).data())[0]).toBeCloseTo(Math.log(7), 5);
    tf.dispose([logits, targets]);
  });

  it('row losses average to the loss, for both losses', async () => {
    const logits = tf.randomNormal([6, 5], 0, 2, 'float32', 3);
    const targets = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 0], 'int32'), 5).toFloat();
    const centred = tf.sub(targets, 1 / 5);
    for (const [kind, loss, t] of [['ce', crossEntropy, targets], ['mse', meanSquaredError, centred]] as const) {
      const rows = Array.from(await rowLosses(kind, logits, t).data());
      expect(rows.length).toBe(6);
      expect(rows.reduce((a, b) => a + b, 0) / 6).toBeCloseTo((await loss(logits, t).data())[0], 5);
    }
    tf.dispose([logits, targets, centred]);
  });
});
