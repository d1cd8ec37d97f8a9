/**
 * AdamW (Loshchilov & Hutter) with decoupled weight decay, as in PyTorch's torch.optim.AdamW:
 *   m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²
 *   w ← w − lr · ( m̂ / (√v̂ + ε) + wd · w ),  m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t)
 * tfjs's own Adam has no weight decay, and L2 added to the loss is not the same thing under Adam.
 */
import * as tf from '@tensorflow/tfjs';
import { variableFrom } from './models/variable';

export interface AdamWSettings {
  lr: number;
  wd: number;
  beta1: number;
  beta2: number;
  eps?: number;
}

export class AdamW {
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private t = 0;

  constructor(private readonly params: tf.Variable[]) {
    this.m = params.map((p) => variableFrom(() => tf.zerosLike(p), false));
    this.v = params.map((p) => variableFrom(() => tf.zerosLike(p), false));
  }

  get stepCount(): number {
    return this.t;
  }

  /** Applies one update; `grads` are in the same order as the params given to the constructor. */
  apply(grads: tf.Tensor[], s: AdamWSettings): void {
    this.t += 1;
    const eps = s.eps ?? 1e-8;
    const stepSize = s.lr / (1 - s.beta1 ** this.t);
    const invSqrtBc2 = 1 / Math.sqrt(1 - s.beta2 ** this.t);
    const decay = 1 - s.lr * s.wd;
    tf.tidy(() => {
      this.params.forEach((p, i) => {
        const g = grads[i];
        const m = tf.add(tf.mul(this.m[i], s.beta1), tf.mul(g, 1 - s.beta1));
        const v = tf.add(tf.mul(this.v[i], s.beta2), tf.mul(tf.square(g), 1 - s.beta2));
        this.m[i].assign(m);
        this.v[i].assign(v);
        const denom = tf.add(tf.mul(tf.sqrt(v), invSqrtBc2), eps);
        p.assign(tf.sub(tf.mul(p, decay), tf.mul(tf.div(m, denom), stepSize)));
      });
    });
  }

  /** Moments and step count, copied off the backend, for a checkpoint. */
  async state(): Promise<{ t: number; m: Float32Array[]; v: Float32Array[] }> {
    const read = (vs: tf.Variable[]) => Promise.all(vs.map(async (x) => (await x.data()) as Float32Array));
    return { t: this.t, m: await read(this.m), v: await read(this.v) };
  }

  restore(state: { t: number; m: Float32Array[]; v: Float32Array[] }): void {
    this.t = state.t;
    this.m.forEach((x, i) => x.assign(tf.tensor(state.m[i], x.shape)));
    this.v.forEach((x, i) => x.assign(tf.tensor(state.v[i], x.shape)));
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
