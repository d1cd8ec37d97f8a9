/**
 * AdamW (Loshchilov & Hutter) with decoupled weight decay, as in PyTorch's torch.optim.AdamW:
 *   m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²
 *   w ← w − lr · ( m̂ / (√v̂ + ε) + wd · w ),  m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t)
 * tfjs's own Adam has no weight decay, and L2 added to the loss is not the same thing under Adam.
 */
import * as tf from '@tensorflow/tfjs';
import { variableFrom } from './models/variable';

export interface AdamWSettings {
  /** A number, or a tensor that broadcasts against the parameters (one value per stacked network). */
  lr: number | tf.Tensor;
  wd: number | tf.Tensor;
  beta1: number;
  beta2: number;
  eps?: number;
}

/**
 * One AdamW update of a parameter at step t (counted from 1): the new parameter and moments.
 * Call inside tf.tidy. Plain numbers stay numbers so a single run adds no kernels for them.
 */
export function adamwStep(p: tf.Tensor, g: tf.Tensor, m0: tf.Tensor, v0: tf.Tensor, s: AdamWSettings, t: number): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const eps = s.eps ?? 1e-8;
  const bc1 = 1 - s.beta1 ** t;
  const invSqrtBc2 = 1 / Math.sqrt(1 - s.beta2 ** t);
  const stepSize = typeof s.lr === 'number' ? s.lr / bc1 : tf.div(s.lr, bc1);
  const decay = typeof s.lr === 'number' && typeof s.wd === 'number' ? 1 - s.lr * s.wd : tf.sub(1, tf.mul(s.lr, s.wd));
  const m = tf.add(tf.mul(m0, s.beta1), tf.mul(g, 1 - s.beta1));
  const v = tf.add(tf.mul(v0, s.beta2), tf.mul(tf.square(g), 1 - s.beta2));
  const denom = tf.add(tf.mul(tf.sqrt(v), invSqrtBc2), eps);
  return [tf.sub(tf.mul(p, decay), tf.mul(tf.div(m, denom), stepSize)), m, v];
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
    tf.tidy(() => {
      this.params.forEach((p, i) => {
        const [next, m, v] = adamwStep(p, grads[i], this.m[i], this.v[i], s, this.t);
        this.m[i].assign(m);
        this.v[i].assign(v);
        p.assign(next);
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
