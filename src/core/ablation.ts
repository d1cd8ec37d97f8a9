/** Accuracy of a trainer's network with its first parameter swapped: frequency ablation, for evaluation only. */
import * as tf from '@tensorflow/tfjs';
import { withoutFrequencies, type AblationResult } from './fourier';
import type { Trainer } from './trainer';

/** Train and test accuracy with the first parameter replaced by `first`; the trained weights stay as they are. */
export async function accuracyWithFirst(trainer: Trainer, first: Float32Array): Promise<{ trainAcc: number; testAcc: number }> {
  const { model, dataset } = trainer;
  const packed = tf.tidy(() => {
    const [p0, ...rest] = model.params;
    const params = [tf.tensor(first, p0.shape), ...rest];
    const right = (split: 'train' | 'test') => {
      const s = trainer.splitData(split);
      return tf.sum(tf.cast(tf.equal(tf.argMax(model.apply(params, s.x), 1), s.label), 'float32'));
    };
    return tf.stack([right('train'), right('test')]);
  });
  const v = await packed.data();
  packed.dispose();
  return { trainAcc: v[0] / dataset.train.a.length, testAcc: v[1] / dataset.test.a.length };
}

/** Accuracy with and without these frequencies in the embeddings, at the trainer's step. */
export async function ablation(trainer: Trainer, frequencies: number[]): Promise<AblationResult> {
  const { model, p, width } = trainer.config;
  const first = await trainer.readEmbedding();
  return {
    step: trainer.step,
    frequencies: [...frequencies].sort((a, b) => a - b),
    with: await accuracyWithFirst(trainer, first),
    without: await accuracyWithFirst(trainer, withoutFrequencies(model, p, first, width, frequencies.filter((k) => k <= p / 2))),
  };
}
