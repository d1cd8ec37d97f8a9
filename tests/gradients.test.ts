import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { crossEntropy, meanSquaredError } from '../src/core/losses';
import { createModel } from '../src/core/models';

/** The quadratic network's loss in float64 plain JS: logits = V (h ⊙ h), h = W_a[a] + W_b[b]. */
function referenceLoss(W: Float64Array, Vt: Float64Array, p: number, k: number, pairs: number[][], loss: 'ce' | 'mse'): number {
  let total = 0;
  for (const [a, b, y] of pairs) {
    const h2 = Array.from({ length: k }, (_, j) => (W[a * k + j] + W[(p + b) * k + j]) ** 2);
    const logits = Array.from({ length: p }, (_, c) => h2.reduce((s, hj, j) => s + hj * Vt[j * p + c], 0));
    if (loss === 'ce') {
      const max = Math.max(...logits);
      const lse = max + Math.log(logits.reduce((s, z) => s + Math.exp(z - max), 0));
      total += lse - logits[y];
    } else {
      logits.forEach((z, c) => (total += (z - ((c === y ? 1 : 0) - 1 / p)) ** 2));
    }
  }
  return loss === 'ce' ? total / pairs.length : total / (pairs.length * p);
}

describe.each(['ce', 'mse'] as const)('quadratic network gradients (%s)', (lossKind) => {
  it('match central finite differences of a float64 reference', async () => {
    const p = 5;
    const k = 4;
    const model = createModel({ model: 'quadratic', p, width: k, seed: 3 });
    const pairs = [
      [0, 1, 1],
      [2, 4, 1],
      [3, 3, 1],
      [4, 2, 1],
    ].map(([a, b]) => [a, b, (a + b) % p]);
    const x = tf.tensor2d(
      pairs.flatMap(([a, b]) => Array.from({ length: 2 * p }, (_, i) => (i === a || i === p + b ? 1 : 0))),
      [pairs.length, 2 * p],
    );
    const off = lossKind === 'mse' ? -1 / p : 0;
    const target = tf.tensor2d(
      pairs.flatMap(([, , y]) => Array.from({ length: p }, (_, c) => (c === y ? 1 : 0) + off)),
      [pairs.length, p],
    );
    const lossFn = () => (lossKind === 'ce' ? crossEntropy : meanSquaredError)(model.logits(x), target);
    const { value, grads } = tf.variableGrads(lossFn, model.params);
    const [W, Vt] = await Promise.all(model.params.map(async (v) => Float64Array.from(await v.data())));
    expect(await value.data()).toHaveLength(1);
    expect((await value.data())[0]).toBeCloseTo(referenceLoss(W, Vt, p, k, pairs, lossKind), 4);

    const h = 1e-6;
    for (const [param, values] of [
      [model.params[0], W],
      [model.params[1], Vt],
    ] as const) {
      const analytic = await grads[param.name].data();
      for (let i = 0; i < values.length; i++) {
        const orig = values[i];
        values[i] = orig + h;
        const up = referenceLoss(W, Vt, p, k, pairs, lossKind);
        values[i] = orig - h;
        const down = referenceLoss(W, Vt, p, k, pairs, lossKind);
        values[i] = orig;
        const numeric = (up - down) / (2 * h);
        expect(Math.abs(analytic[i] - numeric)).toBeLessThan(1e-4 + 1e-3 * Math.abs(numeric));
      }
    }
    tf.dispose([value, x, target, ...Object.values(grads)]);
    model.dispose();
  });
});
