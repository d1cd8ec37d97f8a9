import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { AdamW } from '../src/core/optim';

/** The same update written out in plain numbers, PyTorch's AdamW. */
function adamwByHand(w: number[], grads: number[][], lr: number, wd: number, b1: number, b2: number, eps = 1e-8) {
  const m = w.map(() => 0);
  const v = w.map(() => 0);
  const out = [...w];
  grads.forEach((g, t0) => {
    const t = t0 + 1;
    for (let i = 0; i < out.length; i++) {
      out[i] *= 1 - lr * wd;
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] ** 2;
      const mHat = m[i] / (1 - b1 ** t);
      const vHat = v[i] / (1 - b2 ** t);
      out[i] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
    }
  });
  return out;
}

describe('AdamW', () => {
  it('matches a hand-computed first step: w ← w(1 − lr·wd) − lr·sign(g)', async () => {
    const w = tf.variable(tf.tensor1d([1, -2, 0.5]));
    const opt = new AdamW([w]);
    opt.apply([tf.tensor1d([0.5, -1, 2])], { lr: 0.1, wd: 0.5, beta1: 0.9, beta2: 0.98 });
    // First step: m̂ = g, v̂ = g², so the Adam part is lr·g/|g| = ±lr.
    const expected = [1 * 0.95 - 0.1, -2 * 0.95 + 0.1, 0.5 * 0.95 - 0.1];
    const got = await w.data();
    expected.forEach((e, i) => expect(got[i]).toBeCloseTo(e, 5));
    opt.dispose();
    w.dispose();
  });

  it('matches the hand-written update over several steps with changing gradients', async () => {
    const init = [0.3, -0.7, 1.1, 0];
    const grads = [
      [0.1, -0.2, 0.3, 0],
      [0.4, 0.1, -0.5, 1],
      [-0.3, 0.2, 0.1, -2],
    ];
    const w = tf.variable(tf.tensor1d(init));
    const opt = new AdamW([w]);
    for (const g of grads) opt.apply([tf.tensor1d(g)], { lr: 0.05, wd: 0.1, beta1: 0.9, beta2: 0.98 });
    const got = await w.data();
    adamwByHand(init, grads, 0.05, 0.1, 0.9, 0.98).forEach((e, i) => expect(got[i]).toBeCloseTo(e, 5));
    expect(opt.stepCount).toBe(3);
    opt.dispose();
    w.dispose();
  });

  it('with zero gradient only decays the weights', async () => {
    const w = tf.variable(tf.tensor1d([2, -4]));
    const opt = new AdamW([w]);
    opt.apply([tf.tensor1d([0, 0])], { lr: 0.01, wd: 1, beta1: 0.9, beta2: 0.98 });
    const got = await w.data();
    expect(got[0]).toBeCloseTo(2 * 0.99, 6);
    expect(got[1]).toBeCloseTo(-4 * 0.99, 6);
    opt.dispose();
    w.dispose();
  });
});

describe('AdamW over several parameters', () => {
  it('updates each parameter as if alone, and a checkpoint restores the moments per parameter', async () => {
    const a0 = [0.3, -0.7, 1.1, 0];
    const b0 = [2, -1, 0.5];
    const ga = [[0.1, -0.2, 0.3, 0], [0.4, 0.1, -0.5, 1]];
    const gb = [[1, 0, -1], [0.5, -0.5, 2]];
    const a = tf.variable(tf.tensor2d(a0, [2, 2]));
    const b = tf.variable(tf.tensor1d(b0));
    const opt = new AdamW([a, b]);
    const s = { lr: 0.05, wd: 0.1, beta1: 0.9, beta2: 0.98 };
    opt.apply([tf.tensor2d(ga[0], [2, 2]), tf.tensor1d(gb[0])], s);
    // A second optimizer restored from the first one's checkpoint takes the second step.
    const state = await opt.state();
    expect(state.m.map((x) => x.length)).toEqual([4, 3]);
    const twin = new AdamW([a, b]);
    twin.restore(state);
    twin.apply([tf.tensor2d(ga[1], [2, 2]), tf.tensor1d(gb[1])], s);
    const [gotA, gotB] = [await a.data(), await b.data()];
    // The restored step count matters: bias correction uses t = 2.
    adamwByHand(a0, ga, 0.05, 0.1, 0.9, 0.98).forEach((e, i) => expect(gotA[i]).toBeCloseTo(e, 5));
    adamwByHand(b0, gb, 0.05, 0.1, 0.9, 0.98).forEach((e, i) => expect(gotB[i]).toBeCloseTo(e, 5));
    expect(a.shape).toEqual([2, 2]);
    tf.dispose([a, b]);
    opt.dispose();
    twin.dispose();
  });
});
