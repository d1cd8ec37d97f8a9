/**
 * The data of N runs stacked for one batched computation: each run's split as rows of indices into
 * the stacked embedding, padded to the longest split with rows of weight 0, so one gather and one
 * batched product serve every run. Runs share p and the task; train fraction and seed are their own.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../config';
import { makeDataset, type Split } from '../data';
import { targetValues } from '../trainData';

export interface StackedSplit {
  /** Rows of the flattened embedding [N·2p, K] for a and for p + b: [N·rows]. */
  rowA: tf.Tensor1D;
  rowB: tf.Tensor1D;
  /** [N, rows, p]: the runs' cross-entropy targets (one-hot, or smoothed; padding rows all zero). */
  target: tf.Tensor3D;
  /** [N, rows, 1]: 1 / (run's split size) on its rows, 0 on padding: each run's loss is a mean. */
  weight: tf.Tensor3D;
  /** [N, rows]: the label (0 on padding), to count right answers. */
  label: tf.Tensor2D;
  /** [N, rows]: 1 on a run's rows, 0 on padding. */
  real: tf.Tensor2D;
  /** Each run's split size. */
  sizes: number[];
  rows: number;
}

/** Stacks one split of each run ('train' or 'test'), run n's indices offset into its own slice of the embedding. */
export function stackSplit(splits: readonly Split[], config: Pick<RunConfig, 'p' | 'loss' | 'labelSmoothing'>): StackedSplit {
  const { p } = config;
  const { on, off } = targetValues(config);
  const n = splits.length;
  const rows = Math.max(...splits.map((s) => s.a.length));
  const rowA = new Int32Array(n * rows);
  const rowB = new Int32Array(n * rows);
  const target = new Float32Array(n * rows * p);
  const weight = new Float32Array(n * rows);
  const label = new Int32Array(n * rows);
  const real = new Float32Array(n * rows);
  splits.forEach((s, k) => {
    const base = k * 2 * p;
    for (let i = 0; i < rows; i++) {
      const r = k * rows + i;
      const here = i < s.a.length;
      // Padding points at the run's own first rows, so gradients from it (weight 0) stay in its slice.
      rowA[r] = base + (here ? s.a[i] : 0);
      rowB[r] = base + p + (here ? s.b[i] : 0);
      if (!here) continue;
      target.fill(off, r * p, (r + 1) * p);
      target[r * p + s.label[i]] = on;
      weight[r] = 1 / s.a.length;
      label[r] = s.label[i];
      real[r] = 1;
    }
  });
  return {
    rowA: tf.tensor1d(rowA, 'int32'),
    rowB: tf.tensor1d(rowB, 'int32'),
    target: tf.tensor3d(target, [n, rows, p]),
    weight: tf.tensor3d(weight, [n, rows, 1]),
    label: tf.tensor2d(label, [n, rows], 'int32'),
    real: tf.tensor2d(real, [n, rows]),
    sizes: splits.map((s) => s.a.length),
    rows,
  };
}

/** The train and test splits of each run, stacked. */
export function stackRuns(configs: readonly RunConfig[]): { train: StackedSplit; test: StackedSplit } {
  const sets = configs.map((c) => makeDataset(c));
  return { train: stackSplit(sets.map((d) => d.train), configs[0]), test: stackSplit(sets.map((d) => d.test), configs[0]) };
}

export function disposeSplit(s: StackedSplit): void {
  tf.dispose([s.rowA, s.rowB, s.target, s.weight, s.label, s.real]);
}
