/** The tensors a Trainer trains and measures on: one-hot inputs, targets and labels per split, and the entropy probe. */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from './config';
import { allPairs, type Split } from './data';
import { createRng, shuffledIndices, shuffleInPlace } from './rng';

export interface SplitTensors {
  x: tf.Tensor2D;
  target: tf.Tensor2D;
  label: tf.Tensor1D;
}

/** One-hot inputs [e_a; e_b] and targets, built once per dataset and kept on the backend. */
export function splitTensors(split: Split, p: number, loss: RunConfig['loss']): SplitTensors {
  const n = split.a.length;
  const x = new Float32Array(n * 2 * p);
  const target = new Float32Array(n * p);
  // MSE follows Gromov / Cullen et al.: centred one-hot targets (mean zero per row).
  const off = loss === 'mse' ? -1 / p : 0;
  target.fill(off);
  for (let i = 0; i < n; i++) {
    x[i * 2 * p + split.a[i]] = 1;
    x[i * 2 * p + p + split.b[i]] = 1;
    target[i * p + split.label[i]] = 1 + off;
  }
  return {
    x: tf.tensor2d(x, [n, 2 * p]),
    target: tf.tensor2d(target, [n, p]),
    label: tf.tensor1d(split.label, 'int32'),
  };
}

/** One-hot inputs for a seeded sample of all pairs (all of them when there are fewer). */
export function probeInputs(config: RunConfig, size: number): tf.Tensor2D {
  const { p } = config;
  const pairs = shuffleInPlace(allPairs(config.task, p), createRng(config.seed * 2 + 3)).slice(0, size);
  const x = new Float32Array(pairs.length * 2 * p);
  pairs.forEach(([a, b], i) => {
    x[i * 2 * p + a] = 1;
    x[i * 2 * p + p + b] = 1;
  });
  return tf.tensor2d(x, [pairs.length, 2 * p]);
}

/**
 * The training pairs of step `step` (counted from 0) when the run trains on minibatches; null for
 * full batch. Epoch e takes the pairs in an order seeded by the run's seed and e, `trainBatch` per
 * step (an epoch's last, shorter part is skipped), so the batch is a function of the step alone and
 * a run restored from a checkpoint continues with the very batches it would have had.
 */
export function minibatchAt(split: Split, config: Pick<RunConfig, 'trainBatch' | 'seed'>, step: number): Split | null {
  const n = split.a.length;
  const m = config.trainBatch;
  if (m <= 0 || m >= n) return null;
  const perEpoch = Math.floor(n / m);
  const epoch = Math.floor(step / perEpoch);
  const start = (step % perEpoch) * m;
  const order = shuffledIndices(n, createRng(config.seed * 7919 + 17 + epoch * 104729));
  const rows = order.subarray(start, start + m);
  const pick = (values: ArrayLike<number>) => Int32Array.from(rows, (r) => values[r]);
  return { a: pick(split.a), b: pick(split.b), label: pick(split.label) };
}
