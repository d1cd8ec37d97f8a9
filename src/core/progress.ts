/**
 * Nanda et al.'s progress measures (2023), from the whole p × p table of logits.
 *
 * A network that has learned the Fourier algorithm for a + b answers through terms cos/sin(2πk(a+b)/p)
 * of a few key frequencies k. Split each output's logits, as a function of the pair (a, b), into
 * those components and the rest:
 *  - restricted loss: the training loss with only the key-frequency components of (a + b) kept
 *    (plus each output's mean). Low once the algorithm alone answers the training pairs.
 *  - excluded loss: the training loss with those components removed. High once the network needs the
 *    algorithm even on the pairs it could memorize.
 * The key frequencies are the embeddings' (fourier.ts), as Nanda et al. read theirs off the embedding;
 * they read them off the finished network, here they come from the network as it is at each measurement.
 * With no key frequency (the quadratic network spreads over ~20 of them) the restricted logits are
 * each output's mean and the excluded ones the logits themselves.
 *
 * Defined for + and − (the answer is a function of s = a ± b over the residues); × and ÷ run through
 * discrete logarithms instead and are not measured.
 */
import * as tf from '@tensorflow/tfjs';
import { lossFn } from './losses';
import type { Trainer } from './trainer';

export interface ProgressMeasures {
  restrictedLoss: number;
  excludedLoss: number;
}

/**
 * The p × p matrix that maps the per-s sums S to the per-s means of their components at `freqs`
 * (and the mean over s, if `withMean`): an orthogonal projection over s, divided by the p pairs per s.
 */
export function projection(p: number, freqs: readonly number[], withMean: boolean): Float32Array {
  const out = new Float32Array(p * p);
  for (let s = 0; s < p; s++)
    for (let t = 0; t < p; t++) {
      let v = withMean ? 1 / p : 0;
      for (const k of freqs) v += (2 / p) * Math.cos((2 * Math.PI * k * (s - t)) / p);
      out[s * p + t] = v / p;
    }
  return out;
}

/**
 * Per split, each pair's s = a ± b as the one-hot matrix M (p × n) with M[s, i] = 1. For + and − the
 * label is a ± b mod p itself, so the dataset's labels are the index.
 */
function indexMatrix(label: Int32Array, p: number): tf.Tensor2D {
  const n = label.length;
  const m = new Float32Array(p * n);
  for (let i = 0; i < n; i++) m[label[i] * n + i] = 1;
  return tf.tensor2d(m, [p, n]);
}

/**
 * Measures both losses on the trainer's current weights (add and sub only), with one read-back: the
 * p × p sums stay on the backend. The index matrices are built per call
 * (a few hundred kB), so a trainer carries nothing for a meter that may be off.
 */
export async function measureProgress(trainer: Trainer, keyFrequencies: readonly number[]): Promise<ProgressMeasures> {
  const { config, dataset } = trainer;
  const { p } = config;
  const train = indexMatrix(dataset.train.label, p);
  const test = indexMatrix(dataset.test.label, p);
  const losses = tf.tidy(() => {
    const { x, target, label } = trainer.splitData('train');
    const trainLogits = trainer.model.logits(x);
    // S[s, c]: output c's logits summed over the p pairs with index s, train and test alike.
    const sums = tf.add(tf.matMul(train, trainLogits), tf.matMul(test, trainer.model.logits(trainer.splitData('test').x)));
    const part = (withMean: boolean) => tf.gather(tf.matMul(tf.tensor2d(projection(p, keyFrequencies, withMean), [p, p]), sums), label);
    const loss = lossFn(config.loss);
    return tf.stack([loss(part(true), target), loss(tf.sub(trainLogits, part(false)), target)]);
  });
  try {
    const [restrictedLoss, excludedLoss] = await losses.data();
    return { restrictedLoss, excludedLoss };
  } finally {
    tf.dispose([losses, train, test]);
  }
}
