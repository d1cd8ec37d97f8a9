/**
 * The loss of a trainer's network at parameter values other than its own: what the LLC sampler,
 * the landscape's generic grid and the bench evaluate. Read-only: the live weights never change.
 */
import * as tf from '@tensorflow/tfjs';
import { lossFn, rowLosses } from './losses';
import type { LlcProblem } from './metrics/llc';
import type { Trainer } from './trainer';

/** The training loss as a function of any parameter values, on rows of the training set: what the LLC samples. */
export function llcProblem(trainer: Trainer): LlcProblem {
  const { x, target, loss } = trainer.splitData('train');
  const f = lossFn(loss);
  return {
    center: trainer.model.params,
    n: trainer.dataset.train.a.length,
    data: [x, target],
    loss: (params, [xs, ys]) => tf.tidy(() => f(trainer.model.apply(params, xs as tf.Tensor2D), ys as tf.Tensor2D)),
    rowLosses: (params, [xs, ys]) => tf.tidy(() => rowLosses(loss, trainer.model.apply(params, xs as tf.Tensor2D), ys)),
  };
}

/** [mean loss, accuracy] on a whole split at any parameter values: one landscape grid point. */
export function lossAndAccuracyAt(trainer: Trainer, params: readonly tf.Tensor[], split: 'train' | 'test'): tf.Tensor1D {
  const s = trainer.splitData(split);
  return tf.tidy(() => {
    const logits = trainer.model.apply(params, s.x);
    const acc = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), s.label), 'float32'));
    return tf.stack([lossFn(s.loss)(logits, s.target), acc]) as tf.Tensor1D;
  });
}

/** Full-batch forward pass on the training set, waited for: what the bench calls one forward. */
export async function forwardOnce(trainer: Trainer): Promise<void> {
  const out = tf.tidy(() => tf.sum(trainer.model.logits(trainer.splitData('train').x)));
  await out.data();
  out.dispose();
}
