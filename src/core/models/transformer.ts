/**
 * The one-layer transformer of Nanda et al. (2023) and Khanh et al. (2026): tokens a, b, "=",
 * learned token and position embeddings, one multi-head attention layer, a ReLU MLP, an
 * unembedding, no LayerNorm. Logits are read at the "=" position.
 *
 * Only the "=" position's output is computed: in a one-layer model the other positions' outputs
 * never reach it, and its own attention sees all three tokens, so this equals the full causal model
 * there at a third of the cost.
 */
import * as tf from '@tensorflow/tfjs';
import { dense, embed } from '../ops';
import { normalArray, type Rng } from '../rng';
import { modelFrom, type Model } from './types';
import { variableFrom } from './variable';

export { MLP_RATIO, TRANSFORMER_HEADS } from '../config';
import { MLP_RATIO, TRANSFORMER_HEADS } from '../config';

export function createTransformer(p: number, dModel: number, rng: Rng): Model {
  const d = dModel;
  const m = MLP_RATIO * d;
  const h = TRANSFORMER_HEADS;
  const dh = d / h;
  const mat = (rows: number, cols: number, std: number) =>
    variableFrom(() => tf.tensor2d(normalArray(rng, rows * cols, std), [rows, cols]));
  const params = [
    mat(p + 1, d, 1 / Math.sqrt(d)), // 0 token embedding: 0..p-1, then "="
    mat(3, d, 1 / Math.sqrt(d)), // 1 position embedding
    mat(d, d, 1 / Math.sqrt(d)), // 2 W_Q
    mat(d, d, 1 / Math.sqrt(d)), // 3 W_K
    mat(d, d, 1 / Math.sqrt(d)), // 4 W_V
    mat(d, d, 1 / Math.sqrt(d)), // 5 W_O
    mat(d, m, 1 / Math.sqrt(d)), // 6 W_in
    variableFrom(() => tf.zeros([m])), // 7 b_in
    mat(m, d, 1 / Math.sqrt(m)), // 8 W_out
    variableFrom(() => tf.zeros([d])), // 9 b_out
    mat(d, p, 1 / Math.sqrt(d)), // 10 W_U
  ];
  return modelFrom('transformer', params, (ps, x) => {
    const [E, P, Wq, Wk, Wv, Wo, Win, bIn, Wout, bOut, Wu] = ps as tf.Tensor2D[];
    const n = x.shape[0];
    const tokenE = tf.slice(E, [0, 0], [p, d]);
    const eqE = tf.slice(E, [p, 0], [1, d]);
    const pos = (i: number) => tf.slice(P, [i, 0], [1, d]);
    // Residual stream at the three positions, each n × d.
    // x = [e_a; e_b]: padding the embedding, rather than slicing x, keeps the wasm backend off
    // its slow strided Slice kernel (95 ms of a 215 ms step at p = 53).
    const zeros = tf.zeros([p, d]);
    const ra = tf.add(embed(x, tf.concat([tokenE, zeros], 0) as tf.Tensor2D), pos(0)) as tf.Tensor2D;
    const rb = tf.add(embed(x, tf.concat([zeros, tokenE], 0) as tf.Tensor2D), pos(1)) as tf.Tensor2D;
    // Broadcast, not tf.tile: tile's gradient is one Slice + Add per row (n of them).
    const rEq = tf.add(tf.zeros([n, d]), tf.add(eqE, pos(2))) as tf.Tensor2D;
    // One query (at "="), three keys: attention as elementwise products and sums per head,
    // far cheaper in tfjs than batched matmuls of 1 × 3 blocks.
    const q = tf.reshape(dense(rEq, Wq), [n, h, dh]);
    const streams = [ra, rb, rEq];
    const keys = streams.map((r) => tf.reshape(dense(r, Wk), [n, h, dh]));
    const values = streams.map((r) => tf.reshape(dense(r, Wv), [n, h, dh]));
    const scores = tf.stack(keys.map((k) => tf.sum(tf.mul(q, k), 2)), 2); // n × h × 3
    const weights = tf.unstack(tf.softmax(tf.div(scores, Math.sqrt(dh))), 2); // 3 × (n × h)
    const mixed = tf.addN(values.map((v, j) => tf.mul(tf.expandDims(weights[j], 2), v))); // n × h × dh
    const attnOut = dense(tf.reshape(mixed, [n, d]) as tf.Tensor2D, Wo);
    const mid = tf.add(rEq, attnOut) as tf.Tensor2D;
    const mlpOut = tf.add(dense(tf.relu(tf.add(dense(mid, Win), bIn)) as tf.Tensor2D, Wout), bOut);
    const hidden = tf.add(mid, mlpOut) as tf.Tensor2D;
    return { hidden, logits: dense(hidden, Wu) };
  }, (ps, x) => applyBatch(ps, x, p, d));
}

/** The same forward pass for G parameter sets at once (leading dimension G on every parameter). */
function applyBatch(ps: readonly tf.Tensor[], x: tf.Tensor2D, p: number, d: number): tf.Tensor3D {
  const [E, P, Wq, Wk, Wv, Wo, Win, bIn, Wout, bOut, Wu] = ps as tf.Tensor3D[];
  const g = E.shape[0];
  const n = x.shape[0];
  const h = TRANSFORMER_HEADS;
  const dh = d / h;
  const tokenE = tf.slice(E, [0, 0, 0], [g, p, d]);
  const pos = (i: number) => tf.slice(P, [0, i, 0], [g, 1, d]);
  const zeros = tf.zeros([g, p, d]);
  const xb = tf.expandDims(x, 0);
  const ra = tf.add(tf.matMul(xb, tf.concat([tokenE, zeros], 1)), pos(0));
  const rb = tf.add(tf.matMul(xb, tf.concat([zeros, tokenE], 1)), pos(1));
  const rEq = tf.add(tf.zeros([g, n, d]), tf.add(tf.slice(E, [0, p, 0], [g, 1, d]), pos(2)));
  const q = tf.reshape(tf.matMul(rEq, Wq), [g, n, h, dh]);
  const streams = [ra, rb, rEq];
  const keys = streams.map((r) => tf.reshape(tf.matMul(r, Wk), [g, n, h, dh]));
  const values = streams.map((r) => tf.reshape(tf.matMul(r, Wv), [g, n, h, dh]));
  const scores = tf.stack(keys.map((k) => tf.sum(tf.mul(q, k), 3)), 3);
  const weights = tf.unstack(tf.softmax(tf.div(scores, Math.sqrt(dh))), 3);
  const mixed = tf.addN(values.map((v, j) => tf.mul(tf.expandDims(weights[j], 3), v)));
  const mid = tf.add(rEq, tf.matMul(tf.reshape(mixed, [g, n, d]), Wo));
  const mlpOut = tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(mid, Win), tf.expandDims(bIn, 1))), Wout), tf.expandDims(bOut, 1));
  return tf.matMul(tf.add(mid, mlpOut), Wu) as tf.Tensor3D;
}
