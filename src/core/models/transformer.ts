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
 * `represent` builds that stream, for the entropy meter. The loss landscape evaluates one fused
 * forward per grid point: 6 s for 31 × 31 here, where stacking a row's 31 weight sets into one
 * direct forward took 100 s on wasm.
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
    // Per sample, a and b pick rows of these tables: with x = [e_a; e_b], x · [T_a; T_b] is
    // T_a[a] + T_b[b], the sum over the two token positions, in one product (wasm's Gather took
    // 2 ms per table here, the product well under 1); the "=" row is added to every sample.
    const sumOverPositions = (t: tf.Tensor2D) =>
      tf.add(embed(x, tf.slice(t, [0, 0], [2 * p, t.shape[1]]) as tf.Tensor2D), tf.slice(t, [2 * p, 0], [1, t.shape[1]]));
    const mixed = tf.div(tf.reshape(sumOverPositions(weighted), [n, h, dh]), tf.expandDims(sumOverPositions(weights), 2));
    return { rEq, mixed: tf.reshape(mixed, [n, d]) as tf.Tensor2D };
  };

  const hidden = (ps: readonly tf.Tensor[], x: tf.Tensor2D) => {
    const [, , , , , Wo, Win, bIn, Wout, bOut] = ps as tf.Tensor2D[];
    const { rEq, mixed } = attend(ps, x);
    const mid = tf.add(rEq, dense(mixed, Wo)) as tf.Tensor2D;
    return tf.add(mid, tf.add(dense(tf.relu(tf.add(dense(mid, Win), bIn)) as tf.Tensor2D, Wout), bOut)) as tf.Tensor2D;
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
    hidden,
    // The residual stream is built here (the fused logits never form it): logits = z̃ · W_U.
    mixed: (ps, x, { shift, alpha }) => {
      const z = hidden(ps, x);
      const n = z.shape[0];
      const s = ((shift % n) + n) % n;
      const partner = s === 0 ? z : tf.concat([tf.slice(z, [s, 0], [n - s, d]), tf.slice(z, [0, 0], [s, d])], 0);
      return dense(tf.add(tf.mul(z, 1 - alpha), tf.mul(partner, alpha)) as tf.Tensor2D, ps[10] as tf.Tensor2D);
    },
  });
}
