/** Nanda et al.'s progress measures against the same sums done by hand over the full logit table. */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../src/node/backend';
import { chanceLoss } from '../src/core/leads';
import { applyOp } from '../src/core/data';
import { measureProgress, projection } from '../src/core/progress';
import { classicConfig } from './classic';
import { Trainer } from '../src/core/trainer';

const p = 11;

/** Mean cross-entropy of logit rows (n × p) against labels, in float64. */
function crossEntropy(logits: number[][], labels: ArrayLike<number>): number {
  let sum = 0;
  logits.forEach((row, i) => {
    const max = Math.max(...row);
    const lse = max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
    sum += lse - row[labels[i]];
  });
  return sum / logits.length;
}

describe('progress measures', () => {
  beforeAll(() => useNodeBackend('wasm'));

  it('projects onto the chosen frequencies of s: a cosine at a key frequency passes, one elsewhere does not', () => {
    const k = 3;
    const f = (freq: number) => Array.from({ length: p }, (_, s) => Math.cos((2 * Math.PI * freq * s) / p + 0.4));
    const apply = (m: Float32Array, v: number[]) => v.map((_, s) => v.reduce((acc, x, t) => acc + m[s * p + t] * x, 0));
    // The matrix maps sums over p pairs to means, so a sum of p·cos comes back as cos.
    const kept = apply(projection(p, [k], false), f(k).map((v) => p * v));
    kept.forEach((v, s) => expect(v).toBeCloseTo(f(k)[s], 5));
    apply(projection(p, [k], false), f(5).map((v) => p * v)).forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-5));
    // The mean term passes a constant and nothing else.
    apply(projection(p, [], true), Array(p).fill(2 * p)).forEach((v) => expect(v).toBeCloseTo(2, 5));
  });

  it('indexes a ± b over the residues', () => {
    // The measure reads s off the labels: for + and − they are a ± b mod p.
    expect(applyOp('add', 7, 9, p)).toBe(5);
    expect(applyOp('sub', 2, 9, p)).toBe(4);
  });

  describe('on a trained network', () => {
    let trainer: Trainer;
    let logits: number[][];
    let sIdx: number[];
    beforeAll(async () => {
      trainer = new Trainer({ ...classicConfig(), p, width: 24, trainFrac: 0.5, seed: 4 });
      await trainer.advance(60);
      const rows = tf.tidy(() => tf.concat([trainer.model.logits(trainer.splitData('train').x), trainer.model.logits(trainer.splitData('test').x)]));
      logits = (await rows.array()) as number[][];
      rows.dispose();
      const { train, test } = trainer.dataset;
      sIdx = [...train.a, ...test.a].map((a, i) => (a + [...train.b, ...test.b][i]) % p);
    });
    afterAll(() => trainer.dispose());

    const nTrain = () => trainer.dataset.train.a.length;
    const trainLabels = () => trainer.dataset.train.label;

    it('with every frequency kept, the restricted logits are each pair\'s mean over its anti-diagonal', async () => {
      const all = Array.from({ length: Math.floor(p / 2) }, (_, i) => i + 1);
      const means = Array.from({ length: p }, () => new Array(p).fill(0));
      logits.forEach((row, i) => row.forEach((v, c) => (means[sIdx[i]][c] += v / p)));
      const restricted = sIdx.slice(0, nTrain()).map((s) => means[s]);
      // Removing every non-constant function of s leaves the logits minus their anti-diagonal mean, plus the overall mean.
      const overall = Array.from({ length: p }, (_, c) => means.reduce((acc, m) => acc + m[c], 0) / p);
      const excluded = logits.slice(0, nTrain()).map((row, i) => row.map((v, c) => v - means[sIdx[i]][c] + overall[c]));
      const m = await measureProgress(trainer, all);
      expect(m.restrictedLoss).toBeCloseTo(crossEntropy(restricted, trainLabels()), 3);
      expect(m.excludedLoss).toBeCloseTo(crossEntropy(excluded, trainLabels()), 3);
    });

    it('with no key frequency, nothing is excluded and only each output\'s mean is restricted', async () => {
      const m = await measureProgress(trainer, []);
      expect(m.excludedLoss).toBeCloseTo(crossEntropy(logits.slice(0, nTrain()), trainLabels()), 3);
      const mean = Array.from({ length: p }, (_, c) => logits.reduce((acc, row) => acc + row[c], 0) / logits.length);
      expect(m.restrictedLoss).toBeCloseTo(crossEntropy(Array(nTrain()).fill(mean), trainLabels()), 3);
      expect(m.restrictedLoss).toBeGreaterThan(0.9 * chanceLoss('ce', p));
    });

    it('leaves no tensor behind', async () => {
      const before = tf.memory().numTensors;
      await measureProgress(trainer, [1, 2]);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
