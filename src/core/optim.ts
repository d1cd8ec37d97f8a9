/**
 * AdamW (Loshchilov & Hutter) with decoupled weight decay, as in PyTorch's torch.optim.AdamW:
 *   m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²
 *   w ← w − lr · ( m̂ / (√v̂ + ε) + wd · w ),  m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t)
 * tfjs's own Adam has no weight decay, and L2 added to the loss is not the same thing under Adam.
 *
 * The update runs once on all parameters laid end to end, not once per parameter: on a CPU backend
 * each kernel has a fixed cost, and the transformer's 11 parameters made the per-parameter update
 * ~150 kernels a step; flat, it is ~50, whatever the model.
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
  /** First and second moments of all parameters, flat, in parameter order. */
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  private readonly sizes: number[];
  private t = 0;

  constructor(private readonly params: tf.Variable[]) {
    this.sizes = params.map((p) => p.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.m = variableFrom(() => tf.zeros([total]), false);
    this.v = variableFrom(() => tf.zeros([total]), false);
  }

  get stepCount(): number {
    return this.t;
  }

  private flat(ts: readonly tf.Tensor[]): tf.Tensor1D {
    return tf.concat(ts.map((x) => tf.reshape(x, [-1]))) as tf.Tensor1D;
  }

  /** Applies one update; `grads` are in the same order as the params given to the constructor. */
  apply(grads: tf.Tensor[], s: AdamWSettings): void {
    this.t += 1;
    const eps = s.eps ?? 1e-8;
    const stepSize = s.lr / (1 - s.beta1 ** this.t);
    const invSqrtBc2 = 1 / Math.sqrt(1 - s.beta2 ** this.t);
    const decay = 1 - s.lr * s.wd;
    tf.tidy(() => {
      const g = this.flat(grads);
      const m = tf.add(tf.mul(this.m, s.beta1), tf.mul(g, 1 - s.beta1));
      const v = tf.add(tf.mul(this.v, s.beta2), tf.mul(tf.square(g), 1 - s.beta2));
      this.m.assign(m);
      this.v.assign(v);
      const denom = tf.add(tf.mul(tf.sqrt(v), invSqrtBc2), eps);
      const next = tf.sub(tf.mul(this.flat(this.params), decay), tf.mul(tf.div(m, denom), stepSize));
      tf.split(next, this.sizes).forEach((w, i) => this.params[i].assign(tf.reshape(w, this.params[i].shape)));
    });
  }

  /** Moments (one array per parameter) and step count, copied off the backend, for a checkpoint. */
  async state(): Promise<{ t: number; m: Float32Array[]; v: Float32Array[] }> {
    const split = async (x: tf.Variable) => {
      const all = (await x.data()) as Float32Array;
      let at = 0;
      return this.sizes.map((n) => all.slice(at, (at += n)));
    };
    return { t: this.t, m: await split(this.m), v: await split(this.v) };
  }

  restore(state: { t: number; m: Float32Array[]; v: Float32Array[] }): void {
    const join = (parts: Float32Array[]) => {
      const all = new Float32Array(this.m.size);
      let at = 0;
      parts.forEach((p) => all.set(p, (at += p.length) - p.length));
      return tf.tensor1d(all);
    };
    this.t = state.t;
    this.m.assign(join(state.m));
    this.v.assign(join(state.v));
  }

  dispose(): void {
    tf.dispose([this.m, this.v]);
  }
}
