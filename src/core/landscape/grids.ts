/**
 * Evaluating a landscape grid: [loss, accuracy] at w + α·d1 + β·d2 for every (α, β), row-major
 * over β then α. Fastest first: the quadratic network's closed form, the MLP's shared
 * pre-activations, one forward per point (the transformer's fused forward).
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

export interface GridValues {
  loss: Float32Array;
  accuracy: Float32Array;
}

type Directions = Pick<Plane, 'd1' | 'd2'>;

/** [loss, accuracy] per grid point (G × 2) from logits for G points (G × n × p). */
export function lossAndAccuracyOfLogits(logits: tf.Tensor3D, data: GridData): tf.Tensor2D {
  const lossPerPoint =
    data.loss === 'ce'
      ? // logSumExp − the right logit, not the precise log softmax the reported loss uses: that doubled a
        // slice's time (272 → 536 ms in Chromium), and only the colour scale's floor, a memorized
        // network's ~1e-6 loss, would show the difference.
        tf.mean(tf.sub(tf.logSumExp(logits, 2), tf.sum(tf.mul(logits, data.target), 2)), 1)
      : tf.mean(tf.square(tf.sub(logits, data.target)), [1, 2]);
  const acc = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 2), data.label), 'float32'), 1);
  return tf.stack([lossPerPoint, acc], 1) as tf.Tensor2D;
}

/**
 * Largest intermediate, in floats, a grid evaluation may allocate at once (2 MB). Larger blocks,
 * freed and requested again between training steps and LLC chains, fragmented the WebAssembly
 * heap until it grew without bound (measured with slices right after the LLC's steps: +9 MB per
 * 1,000 steps with 31-point rows of the classic preset; flat with this cap).
 */
const MAX_CHUNK_FLOATS = 2 ** 19;

/**
 * Runs `part(αs, β)` (a G × 2 tensor of [loss, accuracy] for the G values αs) over the grid, a row
 * at a time, split into chunks of α so that no intermediate exceeds MAX_CHUNK_FLOATS when a
 * point needs `floatsPerPoint`; one read-back per chunk, never one per point on a GPU backend.
 */
async function byRows(
  alphas: number[],
  betas: number[],
  floatsPerPoint: number,
  part: (alphas: number[], beta: number) => tf.Tensor,
): Promise<GridValues> {
  const g = alphas.length;
  const chunk = Math.max(1, Math.floor(MAX_CHUNK_FLOATS / Math.max(1, floatsPerPoint)));
  const loss = new Float32Array(g * betas.length);
  const accuracy = new Float32Array(g * betas.length);
  for (let j = 0; j < betas.length; j++) {
    for (let i0 = 0; i0 < g; i0 += chunk) {
      const t = tf.tidy(() => part(alphas.slice(i0, i0 + chunk), betas[j]));
      const values = await t.data();
      t.dispose();
      for (let i = 0; i < values.length / 2; i++) {
        loss[j * g + i0 + i] = values[2 * i];
        accuracy[j * g + i0 + i] = values[2 * i + 1];
      }
    }
  }
  return { loss, accuracy };
}

/**
 * t0 + α·t1 + β·t2 for a whole grid row at once: α varies along a new leading dimension of size G
 * (one entry per grid point), broadcast over the tensors' own shape.
 */
function alongRow(t0: tf.Tensor, t1: tf.Tensor, t2: tf.Tensor, alphas: number[], beta: number): tf.Tensor {
  const a = tf.reshape(tf.tensor1d(alphas), [alphas.length, ...t0.shape.map(() => 1)]);
  return tf.add(tf.add(tf.expandDims(t0, 0), tf.mul(a, tf.expandDims(t1, 0))), tf.mul(tf.expandDims(t2, 0), beta));
}

/** Weights and directions as tensors in the layout's shapes, disposed after `use`. */
async function withTensors<T>(
  layout: ParamLayout,
  flats: Float32Array[],
  use: (sets: tf.Tensor[][]) => Promise<T>,
): Promise<T> {
  const sets = flats.map((flat) => split(flat, layout).map((v, i) => tf.tensor(v, layout.shapes[i])));
  try {
    return await use(sets);
  } finally {
    tf.dispose(sets.flat());
  }
}

/**
 * The quadratic network in a handful of products. With h = X·W, W(α, β) = W + α·W1 + β·W2 and
 * V(α, β) = V + α·V1 + β·V2:
 *   logits(α, β) = (h0 + α·h1 + β·h2)² · (V0 + α·V1 + β·V2) = Σ_k Σ_l a_k(α, β)·b_l(α, β)·(S_k · V_l)
 * with S = [h0², h1², h2², 2h0h1, 2h0h2, 2h1h2], a = [1, α², β², α, β, αβ], b = [1, α, β].
 * The 18 matrices S_k·V_l are computed once; each grid row is then one small matrix product.
 */
export async function evaluateQuadraticGrid(
  data: GridData,
  layout: ParamLayout,
  weights: Float32Array,
  plane: Directions,
  alphas: number[],
  betas: number[],
): Promise<GridValues> {
  const [n, p] = [data.x.shape[0], layout.shapes[1][1]];
  const products = await withTensors(layout, [weights, plane.d1, plane.d2], async ([[w0, v0], [w1, v1], [w2, v2]]) =>
    tf.tidy(() => {
      const [h0, h1, h2] = [w0, w1, w2].map((w) => tf.matMul(data.x, w as tf.Tensor2D));
      const s = [tf.square(h0), tf.square(h1), tf.square(h2), tf.mul(tf.mul(h0, h1), 2), tf.mul(tf.mul(h0, h2), 2), tf.mul(tf.mul(h1, h2), 2)];
      return tf.stack(s.flatMap((sk) => [v0, v1, v2].map((vl) => tf.reshape(tf.matMul(sk, vl as tf.Tensor2D), [n * p])))); // 18 × n·p
    }),
  );
  try {
    return await byRows(alphas, betas, n * p, (as, b) => {
      const coef = as.flatMap((a) => [1, a * a, b * b, a, b, a * b].flatMap((ak) => [ak, ak * a, ak * b]));
      return lossAndAccuracyOfLogits(tf.reshape(tf.matMul(tf.tensor2d(coef, [as.length, 18]), products), [as.length, n, p]), data);
    });
  } finally {
    products.dispose();
  }
}

/**
 * The ReLU MLP: its pre-activations X·W1 + b1 are linear in (α, β), so P0, P1, P2 are computed
 * once and each grid row needs only the ReLU and the second layer: about a third of the work.
 */
export async function evaluateMlpGrid(
  data: GridData,
  layout: ParamLayout,
  weights: Float32Array,
  plane: Directions,
  alphas: number[],
  betas: number[],
): Promise<GridValues> {
  return withTensors(layout, [weights, plane.d1, plane.d2], async ([w, d1, d2]) => {
    const pre = tf.tidy(() => [w, d1, d2].map(([w1, b1]) => tf.add(tf.matMul(data.x, w1 as tf.Tensor2D), b1)));
    try {
      return await byRows(alphas, betas, pre[0].size, (as, b) => {
        const hidden = tf.relu(alongRow(pre[0], pre[1], pre[2], as, b));
        const w2 = alongRow(w[2], d1[2], d2[2], as, b);
        return lossAndAccuracyOfLogits(tf.matMul(hidden, w2) as tf.Tensor3D, data);
      });
    } finally {
      tf.dispose(pre);
    }
  });
}

/** One forward per point, for any loss function of the parameters: `at` returns [loss, accuracy]. */
export async function evaluateGrid(
  at: (params: tf.Tensor[]) => tf.Tensor1D,
  layout: ParamLayout,
  weights: Float32Array,
  plane: Directions,
  alphas: number[],
  betas: number[],
): Promise<GridValues> {
  return withTensors(layout, [weights, plane.d1, plane.d2], ([w, d1, d2]) =>
    byRows(alphas, betas, 0, (as, b) =>
      tf.stack(as.map((a) => at(w.map((wi, k) => tf.add(wi, tf.add(tf.mul(d1[k], a), tf.mul(d2[k], b))))))),
    ),
  );
}
