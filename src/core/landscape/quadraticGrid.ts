/**
 * The whole grid for the quadratic network in a handful of products. With h = X·W and
 * W(α, β) = W + α·W1 + β·W2, V(α, β) = V + α·V1 + β·V2:
 *   logits(α, β) = (h0 + α·h1 + β·h2)² · (V0 + α·V1 + β·V2) = Σ_k Σ_l a_k(α, β)·b_l(α, β)·(S_k · V_l)
 * with S = [h0², h1², h2², 2h0h1, 2h0h2, 2h1h2], a = [1, α², β², α, β, αβ], b = [1, α, β].
 * The 18 matrices S_k·V_l are computed once; each grid row is then one small matrix product.
 */
import * as tf from '@tensorflow/tfjs';
import type { Plane } from './planes';
import { split, type ParamLayout } from './vectors';

export interface GridData {
  x: tf.Tensor2D;
  target: tf.Tensor2D;
  label: tf.Tensor1D;
  loss: 'ce' | 'mse';
}

export async function evaluateQuadraticGrid(
  data: GridData,
  layout: ParamLayout,
  weights: Float32Array,
  plane: Pick<Plane, 'd1' | 'd2'>,
  alphas: number[],
  betas: number[],
): Promise<{ loss: Float32Array; accuracy: Float32Array }> {
  const pair = (flat: Float32Array) => split(flat, layout).map((v, i) => tf.tensor2d(v, layout.shapes[i] as [number, number]));
  const [n, p] = [data.x.shape[0], layout.shapes[1][1]];
  const g = alphas.length;
  const products = tf.tidy(() => {
    const [w0, v0] = pair(weights);
    const [w1, v1] = pair(plane.d1);
    const [w2, v2] = pair(plane.d2);
    const [h0, h1, h2] = [w0, w1, w2].map((w) => tf.matMul(data.x, w));
    const s = [tf.square(h0), tf.square(h1), tf.square(h2), tf.mul(tf.mul(h0, h1), 2), tf.mul(tf.mul(h0, h2), 2), tf.mul(tf.mul(h1, h2), 2)];
    return tf.stack(s.flatMap((sk) => [v0, v1, v2].map((vl) => tf.reshape(tf.matMul(sk, vl), [n * p])))); // 18 × n·p
  });
  const loss = new Float32Array(g * betas.length);
  const accuracy = new Float32Array(g * betas.length);
  try {
    for (let j = 0; j < betas.length; j++) {
      const b = betas[j];
      const coef = alphas.flatMap((a) => [1, a * a, b * b, a, b, a * b].flatMap((ak) => [ak, ak * a, ak * b]));
      const row = tf.tidy(() => {
        const logits = tf.reshape(tf.matMul(tf.tensor2d(coef, [g, 18]), products), [g, n, p]);
        const lossPerPoint =
          data.loss === 'ce'
            ? tf.mean(tf.sub(tf.logSumExp(logits, 2), tf.sum(tf.mul(logits, data.target), 2)), 1)
            : tf.mean(tf.square(tf.sub(logits, data.target)), [1, 2]);
        const acc = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 2), data.label), 'float32'), 1);
        return tf.stack([lossPerPoint, acc], 1);
      });
      const values = await row.data();
      row.dispose();
      for (let i = 0; i < g; i++) {
        loss[j * g + i] = values[2 * i];
        accuracy[j * g + i] = values[2 * i + 1];
      }
    }
  } finally {
    products.dispose();
  }
  return { loss, accuracy };
}
