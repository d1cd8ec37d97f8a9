/**
 * The one-layer transformer of Nanda et al. (2023) and Khanh et al. (2026): tokens a, b, "=",
 * learned token and position embeddings, one multi-head attention layer, a ReLU MLP, an
 * unembedding, no LayerNorm. Logits are read at the "=" position.
 *
 * The function is the textbook one; the arithmetic is arranged for a CPU, where a step's cost is
 * its large matrix products plus a fixed price per kernel:
 * - Only the "=" position's output is computed: in a one-layer model the other positions' outputs
 *   never reach it, and its own attention sees all three tokens.
 * - The "=" token is the same in every sample, so its query, key and value are one row each; a
 *   and b take p values, so their keys, values and attention scores are p-row tables, computed
 *   once per step and looked up per sample by one product with the one-hot input.
 * - Logits are linear in the residual stream, so W_O·W_in, W_O·W_U and W_out·W_U are formed once
 *   (d × d products) and the per-sample residual stream is never built while training.
 * `represent` builds that stream, for the entropy meter; `applyBatch` is the direct computation.
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

  /**
   * Attention at "=": the residual stream there (1 × d) and, per sample, the heads' mixed values
   * (n × d) before W_O.
   */
  const attend = (ps: readonly tf.Tensor[], x: tf.Tensor2D) => {
    const [E, P, Wq, Wk, Wv] = ps as tf.Tensor2D[];
    const n = x.shape[0];
    const rows = 2 * p + 1;
    const tokens = tf.slice(E, [0, 0], [p, d]);
    const rEq = tf.add(tf.slice(E, [p, 0], [1, d]), tf.slice(P, [2, 0], [1, d])) as tf.Tensor2D;
    // Rows 0..p-1: a at position 0; p..2p-1: b at position 1; 2p: "=".
    const streams = tf.concat([tf.add(tokens, tf.slice(P, [0, 0], [1, d])), tf.add(tokens, tf.slice(P, [1, 0], [1, d])), rEq], 0) as tf.Tensor2D;
    const query = dense(rEq, Wq);
    const scores = tf.sum(tf.reshape(tf.mul(dense(streams, Wk), tf.div(query, Math.sqrt(dh))), [rows, h, dh]), 2); // rows × h
    // Softmax over a sample's three positions = Σ_j e_j v_j / Σ_j e_j with e_j = exp(score_j − c):
    // e_j and e_j·v_j depend on one token each, so they are tables too, and per sample only sums
    // and one division remain. c, the largest score of the head over all rows, keeps exp from
    // overflowing; a sample underflows only if all its three scores sit ~87 below it (then the
    // run reports a divergence rather than a wrong number).
    const weights = tf.exp(tf.sub(scores, tf.max(scores, 0, true))) as tf.Tensor2D; // rows × h
    const weighted = tf.reshape(tf.mul(tf.expandDims(weights, 2), tf.reshape(dense(streams, Wv), [rows, h, dh])), [rows, d]) as tf.Tensor2D;
    // Per sample, a and b pick rows of these tables: a product with the one-hot input (wasm's
    // Gather took 2 ms per table here, the product well under 1). Tables are split by rows only:
    // tfjs-wasm splits columns with a strided copy that cost more than all the products.
    const slice = (t: tf.Tensor2D, from: number, count: number) => tf.slice(t, [from, 0], [count, t.shape[1]]) as tf.Tensor2D;
    const sumOverPositions = (t: tf.Tensor2D) => {
      const zeros = tf.zeros([p, t.shape[1]]);
      const fromA = embed(x, tf.concat([slice(t, 0, p), zeros], 0) as tf.Tensor2D);
      const fromB = embed(x, tf.concat([zeros, slice(t, p, p)], 0) as tf.Tensor2D);
      return tf.add(tf.add(fromA, fromB), slice(t, 2 * p, 1));
    };
    const mixed = tf.div(tf.reshape(sumOverPositions(weighted), [n, h, dh]), tf.expandDims(sumOverPositions(weights), 2));
    return { rEq, mixed: tf.reshape(mixed, [n, d]) as tf.Tensor2D };
  };

  return modelFrom('transformer', params, {
    logits: (ps, x) => {
      const [, , , , , Wo, Win, bIn, Wout, bOut, Wu] = ps as tf.Tensor2D[];
      const { rEq, mixed } = attend(ps, x);
      const act = tf.relu(tf.add(dense(mixed, dense(Wo, Win)), tf.add(dense(rEq, Win), bIn))) as tf.Tensor2D;
      const toLogits = dense(mixed, dense(Wo, Wu));
      const constant = dense(tf.add(rEq, bOut) as tf.Tensor2D, Wu);
      return tf.add(tf.add(dense(act, dense(Wout, Wu)), toLogits), constant) as tf.Tensor2D;
    },
    hidden: (ps, x) => {
      const [, , , , , Wo, Win, bIn, Wout, bOut] = ps as tf.Tensor2D[];
      const { rEq, mixed } = attend(ps, x);
      const mid = tf.add(rEq, dense(mixed, Wo)) as tf.Tensor2D;
      return tf.add(mid, tf.add(dense(tf.relu(tf.add(dense(mid, Win), bIn)) as tf.Tensor2D, Wout), bOut)) as tf.Tensor2D;
    },
    batch: (ps, x) => applyBatch(ps, x, p, d),
  });
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
