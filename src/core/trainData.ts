/** The tensors a Trainer trains and measures on: one-hot inputs, targets and labels per split, and the entropy probe. */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from './config';
import { declareOneHot } from './ops';
import { allPairs, type Split } from './data';
import { createRng, shuffledIndices, shuffleInPlace } from './rng';

export interface SplitTensors {
  x: tf.Tensor2D;
  target: tf.Tensor2D;
  label: tf.Tensor1D;
  /** x's hot columns, [2n, 1] int32, declared to `embed` for its fast gradient. */
  hot: tf.Tensor2D;
}

/**
 * A target row's two values: `on` at the label, `off` elsewhere. MSE follows Gromov / Cullen et al.:
 * centred one-hot targets (mean zero per row). Cross-entropy takes one-hot targets, smoothed to
 * (1 − ε)·one-hot + ε/p when the run asks for label smoothing ε.
 */
export function targetValues(config: Pick<RunConfig, 'p' | 'loss' | 'labelSmoothing'>): { on: number; off: number } {
  const { p, loss, labelSmoothing: eps } = config;
  if (loss === 'mse') return { on: 1 - 1 / p, off: -1 / p };
  return { on: 1 - eps + eps / p, off: eps / p };
}

/** One-hot inputs [e_a; e_b] and targets, built once per dataset and kept on the backend. */
export function splitTensors(split: Split, config: Pick<RunConfig, 'p' | 'loss' | 'labelSmoothing'>): SplitTensors {
  const { p } = config;
  const n = split.a.length;
  const x = new Float32Array(n * 2 * p);
  const target = new Float32Array(n * p);
  const hot = new Int32Array(2 * n);
  const { on, off } = targetValues(config);
  target.fill(off);
  for (let i = 0; i < n; i++) {
    x[i * 2 * p + split.a[i]] = 1;
    x[i * 2 * p + p + split.b[i]] = 1;
    hot[i] = split.a[i];
    hot[n + i] = p + split.b[i];
    target[i * p + split.label[i]] = on;
  }
  const tensors = {
    x: tf.tensor2d(x, [n, 2 * p]),
    target: tf.tensor2d(target, [n, p]),
    label: tf.tensor1d(split.label, 'int32'),
    hot: tf.tensor2d(hot, [2 * n, 1], 'int32'),
  };
  declareOneHot(tensors.x, tensors.hot);
  return tensors;
}

export function disposeSplitTensors(s: SplitTensors): void {
  tf.dispose([s.x, s.target, s.label, s.hot]);
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
