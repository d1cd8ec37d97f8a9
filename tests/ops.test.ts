import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { declareOneHot, dense, embed } from '../src/core/ops';
import { splitTensors } from '../src/core/trainData';
import { createModel } from '../src/core/models';
import { createRng, normalArray } from '../src/core/rng';

const rand = (rng: ReturnType<typeof createRng>, r: number, c: number) => tf.tensor2d(normalArray(rng, r * c, 1), [r, c]);

async function expectClose(a: tf.Tensor, b: tf.Tensor, tol = 1e-4) {
  const [x, y] = await Promise.all([a.data(), b.data()]);
  expect(x.length).toBe(y.length);
  x.forEach((v, i) => expect(Math.abs(v - y[i])).toBeLessThan(tol * (1 + Math.abs(y[i]))));
}

describe('matrix products with explicit-transpose gradients', () => {
  it('dense matches tf.matMul in value and both gradients', async () => {
    const rng = createRng(2);
    const a = rand(rng, 5, 4);
    const b = rand(rng, 4, 3);
    const w = rand(rng, 5, 3); // a fixed weighting so the loss is not symmetric
    const loss = (mm: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D) => (x: tf.Tensor, y: tf.Tensor) =>
      tf.sum(tf.mul(tf.square(mm(x as tf.Tensor2D, y as tf.Tensor2D)), w));
    const ours = tf.grads(loss(dense))([a, b]);
    const theirs = tf.grads(loss((x, y) => tf.matMul(x, y)))([a, b]);
    await expectClose(dense(a, b), tf.matMul(a, b));
    await expectClose(ours[0], theirs[0]);
    await expectClose(ours[1], theirs[1]);
  });

  it('embed matches tf.matMul for the weights and gives the data a zero gradient', async () => {
    const rng = createRng(3);
    const x = rand(rng, 6, 4);
    const wt = rand(rng, 4, 2);
    const f = (mm: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D) => (w: tf.Tensor) => tf.sum(tf.square(mm(x, w as tf.Tensor2D)));
    await expectClose(tf.grad(f(embed))(wt), tf.grad(f((a, b) => tf.matMul(a, b)))(wt));
    const [gx] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(embed(a as tf.Tensor2D, b as tf.Tensor2D)))([x, wt]);
    expect(Array.from(await gx.data()).every((v) => v === 0)).toBe(true);
  });

  it('embed on declared one-hot inputs scatter-adds the same weight gradient, repeated tokens summed', async () => {
    const p = 5;
    // a = 1 three times and b = 4 twice: rows of W that several pairs share.
    const split = { a: Int32Array.from([1, 1, 1, 0, 3]), b: Int32Array.from([4, 4, 2, 0, 1]), label: Int32Array.from([0, 0, 3, 0, 4]) };
    const s = splitTensors(split, { p, loss: 'ce', labelSmoothing: 0 });
    const w = rand(createRng(4), 2 * p, 3);
    const weighting = rand(createRng(5), 5, 3);
    const f = (x: tf.Tensor2D, mm: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D) => (v: tf.Tensor) =>
      tf.sum(tf.mul(tf.square(mm(x, v as tf.Tensor2D)), weighting));
    await expectClose(tf.grad(f(s.x, embed))(w), tf.grad(f(s.x, (a, b) => tf.matMul(a, b)))(w));
    // The declared columns are what the gradient reads: declared wrongly, it differs.
    const wrong = tf.clone(s.x);
    declareOneHot(wrong, tf.zerosLike(s.hot));
    const [right, misread] = await Promise.all([tf.grad(f(s.x, embed))(w).data(), tf.grad(f(wrong, embed))(w).data()]);
    expect(Array.from(misread)).not.toEqual(Array.from(right));
  });
});

describe('one-layer transformer', () => {
  it('maps one-hot pairs to p logits and d_model hidden units, and every parameter gets a gradient', async () => {
    const p = 7;
    const model = createModel({ model: 'transformer', p, width: 8, seed: 1 });
    const x = tf.tensor2d(
      [[1, 2], [3, 4], [6, 0]].flatMap(([a, b]) => Array.from({ length: 2 * p }, (_, i) => (i === a || i === p + b ? 1 : 0))),
      [3, 2 * p],
    );
    const logits = model.apply(model.params, x);
    const hidden = model.represent(model.params, x);
    expect(logits.shape).toEqual([3, p]);
    expect(hidden.shape).toEqual([3, 8]);
    const { grads } = tf.variableGrads(() => tf.sum(tf.square(model.logits(x))), model.params);
    for (const v of model.params) {
      const g = await grads[v.name].data();
      expect(g.some((e) => e !== 0), `gradient of a ${v.shape.join('×')} parameter`).toBe(true);
    }
    model.dispose();
  });

  it('computes the textbook function: the fused logits equal the direct pass (below) and the residual stream times W_U', async () => {
    const p = 11;
    const model = createModel({ model: 'transformer', p, width: 16, seed: 3 });
    const pairs = Array.from({ length: 40 }, (_, i) => [(i * 7) % p, (i * 3 + 1) % p]);
    const x = tf.tensor2d(
      pairs.flatMap(([a, b]) => Array.from({ length: 2 * p }, (_, i) => (i === a || i === p + b ? 1 : 0))),
      [pairs.length, 2 * p],
    );
    const fused = await model.logits(x).data();
    const direct = await directTransformer(model.params, x, p, 16).data();
    const viaStream = await tf.matMul(model.hidden(x), model.params[10]).data();
    const scale = Math.max(...Array.from(direct, Math.abs));
    for (let i = 0; i < direct.length; i++) {
      expect(Math.abs(fused[i] - direct[i])).toBeLessThan(1e-4 * scale);
      expect(Math.abs(viaStream[i] - direct[i])).toBeLessThan(1e-4 * scale);
    }
    model.dispose();
  });

  it('tells (a, b) from (b, a): position embeddings break the symmetry', async () => {
    const p = 5;
    const model = createModel({ model: 'transformer', p, width: 8, seed: 2 });
    const oneHot = (a: number, b: number) => tf.tensor2d([Array.from({ length: 2 * p }, (_, i) => (i === a || i === p + b ? 1 : 0))]);
    const [l12, l21] = await Promise.all([model.logits(oneHot(1, 2)).data(), model.logits(oneHot(2, 1)).data()]);
    expect(Array.from(l12)).not.toEqual(Array.from(l21));
    model.dispose();
  });
});

/**
 * The one-layer transformer written the direct way (three positions, keys, queries and values per
 * position, softmax, W_O, the MLP, W_U at "="), as a reference for the model's fused pass.
 */
function directTransformer(ps: readonly tf.Tensor[], x: tf.Tensor2D, p: number, d: number): tf.Tensor2D {
  return tf.tidy(() => {
    const [E, P, Wq, Wk, Wv, Wo, Win, bIn, Wout, bOut, Wu] = ps as tf.Tensor2D[];
    const n = x.shape[0];
    const h = 4;
    const dh = d / h;
    const oneHotA = tf.slice(x, [0, 0], [n, p]);
    const oneHotB = tf.slice(x, [0, p], [n, p]);
    const tokens = tf.slice(E, [0, 0], [p, d]);
    const streams = [
      tf.add(tf.matMul(oneHotA, tokens), tf.slice(P, [0, 0], [1, d])),
      tf.add(tf.matMul(oneHotB, tokens), tf.slice(P, [1, 0], [1, d])),
      tf.add(tf.zeros([n, d]), tf.add(tf.slice(E, [p, 0], [1, d]), tf.slice(P, [2, 0], [1, d]))),
    ];
    const q = tf.reshape(tf.matMul(streams[2], Wq), [n, h, dh]);
    const scores = tf.stack(streams.map((r) => tf.sum(tf.mul(q, tf.reshape(tf.matMul(r, Wk), [n, h, dh])), 2)), 2);
    const weights = tf.unstack(tf.softmax(tf.div(scores, Math.sqrt(dh))), 2);
    const mixed = tf.addN(streams.map((r, j) => tf.mul(tf.expandDims(weights[j], 2), tf.reshape(tf.matMul(r, Wv), [n, h, dh]))));
    const mid = tf.add(streams[2], tf.matMul(tf.reshape(mixed, [n, d]), Wo));
    const out = tf.add(mid, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(mid, Win), bIn)), Wout), bOut));
    return tf.matMul(out, Wu) as tf.Tensor2D;
  });
}
