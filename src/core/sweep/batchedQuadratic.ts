/**
 * N quadratic networks (h = W_a[a] + W_b[b], logits = V (h ⊙ h)) trained together: weights stacked
 * along a leading axis, one gather, batched matrix products and one AdamW update for all of them
 * per step, each network with its own data split, seed, learning rate and weight decay. The kernels
 * per step do not grow with N, which is what makes a sweep cheap where per-kernel overhead
 * dominates (WebAssembly) and what a GPU does well.
 *
 * Each network starts from exactly the weights a single run with its config starts from, and its
 * gradient is that of its own mean cross-entropy: network n follows the single run of config n
 * (up to float summation order), which the unit tests check.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../config';
import { createModel } from '../models';
import { adamwStep } from '../optim';
import { disposeSplit, stackRuns, type StackedSplit } from './stackedData';

export interface MemberEval {
  trainAcc: number;
  testAcc: number;
  /** ‖w‖₂ of the network: not finite once it diverged. */
  weightNorm: number;
}

/** What the runs of one batch must share: everything but the data split, seed, initial scale, learning rate and weight decay. */
export const SHARED_KEYS = ['task', 'p', 'model', 'width', 'loss', 'labelSmoothing', 'beta1', 'beta2', 'warmupSteps', 'mixRepresentations'] as const;

export function batchRefusal(configs: readonly RunConfig[]): string | null {
  if (configs.length === 0) return 'a batch needs at least one run';
  const first = configs[0];
  if (first.model !== 'quadratic' || first.loss !== 'ce' || first.mixRepresentations !== 0 || first.trainBatch !== 0)
    return 'batched training is built for the quadratic network with cross-entropy, full batch and no representation mix';
  const differs = SHARED_KEYS.filter((k) => configs.some((c) => c[k] !== first[k]));
  return differs.length ? `runs in one batch must share ${differs.join(', ')}` : null;
}

export class BatchedQuadratic {
  /** [N, 2p, K] and [N, K, p] (V stored transposed), with their AdamW moments. */
  private w: tf.Tensor3D;
  private vT: tf.Tensor3D;
  private moments: tf.Tensor[];
  private data: { train: StackedSplit; test: StackedSplit };
  private lr: tf.Tensor3D;
  private wd: tf.Tensor3D;
  private t = 0;
  private configs: RunConfig[];

  constructor(configs: readonly RunConfig[]) {
    const refusal = batchRefusal(configs);
    if (refusal) throw new Error(refusal);
    this.configs = [...configs];
    const inits = configs.map((c) => createModel(c));
    this.w = tf.stack(inits.map((m) => m.params[0])) as tf.Tensor3D;
    this.vT = tf.stack(inits.map((m) => m.params[1])) as tf.Tensor3D;
    inits.forEach((m) => m.dispose());
    this.moments = [this.w, this.w, this.vT, this.vT].map((x) => tf.zerosLike(x));
    this.data = stackRuns(this.configs);
    [this.lr, this.wd] = this.hyperTensors();
  }

  get size(): number {
    return this.configs.length;
  }

  get step(): number {
    return this.t;
  }

  private hyperTensors(): [tf.Tensor3D, tf.Tensor3D] {
    const n = this.configs.length;
    return [tf.tensor3d(this.configs.map((c) => c.lr), [n, 1, 1]), tf.tensor3d(this.configs.map((c) => c.wd), [n, 1, 1])];
  }

  /** Squared hidden activations [N, rows, K] of a stacked split, and the activations before squaring. */
  private hidden(s: StackedSplit): { h: tf.Tensor3D; sq: tf.Tensor3D } {
    const [n, twoP, k] = this.w.shape;
    const flat = tf.reshape(this.w, [n * twoP, k]);
    const h = tf.reshape(tf.add(tf.gather(flat, s.rowA), tf.gather(flat, s.rowB)), [n, s.rows, k]) as tf.Tensor3D;
    return { h, sq: tf.square(h) };
  }

  /**
   * Gradients of every network's mean cross-entropy, written out by hand: autodiff of the gather
   * needs a segment sum the WebAssembly backend does not have, and the transposes are explicit
   * because that backend runs transposed products many times slower.
   */
  private gradients(): [tf.Tensor3D, tf.Tensor3D] {
    const s = this.data.train;
    const [n, twoP, k] = this.w.shape;
    const { h, sq } = this.hidden(s);
    const logits = tf.matMul(sq, this.vT);
    const dLogits = tf.mul(tf.sub(tf.softmax(logits), s.target), s.weight);
    const dVT = tf.matMul(tf.transpose(sq, [0, 2, 1]), dLogits) as tf.Tensor3D;
    const dSq = tf.matMul(dLogits, tf.transpose(this.vT, [0, 2, 1]));
    const dH = tf.reshape(tf.mul(dSq, tf.mul(h, 2)), [n * s.rows, k]);
    // Rows used twice (a pair seen by several examples) add up: scatterND sums duplicate indices.
    const rows = tf.reshape(tf.concat([s.rowA, s.rowB]), [2 * n * s.rows, 1]);
    const dW = tf.reshape(tf.scatterND(rows, tf.concat([dH, dH]), [n * twoP, k]), [n, twoP, k]) as tf.Tensor3D;
    return [dW, dVT];
  }

  /** One AdamW step for every network. No read-back. */
  trainStep(): void {
    this.t += 1;
    const warmup = this.configs[0].warmupSteps;
    const warm = warmup > 0 ? Math.min(1, this.t / warmup) : 1;
    const { beta1, beta2 } = this.configs[0];
    const next = tf.tidy(() => {
      const [dW, dVT] = this.gradients();
      const settings = { lr: warm === 1 ? this.lr : tf.mul(this.lr, warm), wd: this.wd, beta1, beta2 };
      const [mW, vW, mV, vV] = this.moments;
      return [...adamwStep(this.w, dW, mW, vW, settings, this.t), ...adamwStep(this.vT, dVT, mV, vV, settings, this.t)];
    });
    tf.dispose([this.w, this.vT, ...this.moments]);
    const [w, mW, vW, vT, mV, vV] = next;
    this.w = w as tf.Tensor3D;
    this.vT = vT as tf.Tensor3D;
    this.moments = [mW, vW, mV, vV];
  }

  /** Train and test accuracy and weight norm of every network, with one read-back. */
  async evaluate(): Promise<MemberEval[]> {
    const n = this.size;
    const packed = tf.tidy(() => {
      const rightCount = (s: StackedSplit) => {
        const logits = tf.matMul(this.hidden(s).sq, this.vT);
        return tf.sum(tf.mul(tf.cast(tf.equal(tf.argMax(logits, 2), s.label), 'float32'), s.real), 1);
      };
      const norm = tf.sqrt(tf.add(tf.sum(tf.square(this.w), [1, 2]), tf.sum(tf.square(this.vT), [1, 2])));
      return tf.stack([rightCount(this.data.train), rightCount(this.data.test), norm], 1);
    });
    const v = await packed.data();
    packed.dispose();
    return Array.from({ length: n }, (_, i) => ({
      // Counts divided here: a perfect fit reads exactly 1.
      trainAcc: v[i * 3] / this.data.train.sizes[i],
      testAcc: v[i * 3 + 1] / this.data.test.sizes[i],
      weightNorm: v[i * 3 + 2],
    }));
  }

  /** Keeps only the networks at these positions (finished ones leave, so the batch does less work). */
  keep(positions: readonly number[]): void {
    if (positions.length === this.size) return;
    const idx = tf.tensor1d(positions as number[], 'int32');
    const take = (x: tf.Tensor) => {
      const kept = tf.gather(x, idx);
      x.dispose();
      return kept;
    };
    this.w = take(this.w) as tf.Tensor3D;
    this.vT = take(this.vT) as tf.Tensor3D;
    this.moments = this.moments.map(take);
    idx.dispose();
    this.configs = positions.map((i) => this.configs[i]);
    this.disposeData();
    this.data = stackRuns(this.configs);
    [this.lr, this.wd] = this.hyperTensors();
  }

  /** Each network's weights [W (2p × K), Vᵀ (K × p)] as plain arrays, as a single run stores them. */
  async readParams(position: number): Promise<Float32Array[]> {
    const parts = tf.tidy(() => [this.w, this.vT].map((x) => tf.squeeze(tf.slice(x, [position, 0, 0], [1, -1, -1]), [0])));
    const out = await Promise.all(parts.map(async (x) => (await x.data()) as Float32Array));
    tf.dispose(parts);
    return out;
  }

  private disposeData(): void {
    disposeSplit(this.data.train);
    disposeSplit(this.data.test);
    tf.dispose([this.lr, this.wd]);
  }

  dispose(): void {
    tf.dispose([this.w, this.vT, ...this.moments]);
    this.disposeData();
  }
}
