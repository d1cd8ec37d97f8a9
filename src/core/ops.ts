/**
 * Matrix products with hand-written gradients that transpose explicitly.
 * tfjs's own matMul gradient uses matMul(…, transposeA/transposeB), which the wasm backend runs
 * 7–40× slower than a transpose followed by a plain product (measured: 64×1124 · 1124×256 took
 * 14 ms with transposeA, under 1 ms transposed first). The backward pass is most of a step.
 */
import * as tf from '@tensorflow/tfjs';

type MatMul = (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;
const asMatMul = (f: unknown) => tf.customGrad(f as Parameters<typeof tf.customGrad>[0]) as unknown as MatMul;

/** a · b for two trained tensors: both gradients. */
export const dense: MatMul = asMatMul((a: tf.Tensor2D, b: tf.Tensor2D, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor2D, [sa, sb]: tf.Tensor2D[]) =>
      tf.tidy(() => [tf.matMul(dy, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy)]),
  };
});

/**
 * One-hot inputs whose hot columns are known, declared by whoever built them: x → the columns as
 * [2n, 1] int32 (each row's a, then each row's p + b). With them W's gradient is a scatter-add of
 * the incoming rows, 0.2 ms where the transposed product takes 1.6 ms (1,122 × 134 inputs, width
 * 128, wasm): a step of the textbook preset went from 8.4 to 7.4 ms. Other inputs (the minibatches
 * the LLC sampler draws, probes) take the product.
 */
const hotColumns = new WeakMap<tf.Tensor, tf.Tensor2D>();

export function declareOneHot(x: tf.Tensor2D, columns: tf.Tensor2D): void {
  hotColumns.set(x, columns);
}

/**
 * x · W where x is data (one-hot inputs): only W's gradient is computed; x's is zero by
 * construction, which saves a product as large as the forward one.
 */
export const embed: MatMul = asMatMul((x: tf.Tensor2D, w: tf.Tensor2D, save: tf.GradSaveFunc) => {
  const columns = hotColumns.get(x);
  save(columns ? [x, columns] : [x]);
  const [rows, width] = w.shape;
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor2D, [sx, cols]: tf.Tensor2D[]) =>
      tf.tidy(() => [tf.zerosLike(sx), cols ? tf.scatterND(cols, tf.concat([dy, dy]), [rows, width]) : tf.matMul(tf.transpose(sx), dy)]),
  };
});

/**
 * ‖t‖₂ over several tensors taken as one vector (a model's parameters, or their offsets from a
 * centre). Summed pairwise, not with tf.addN: WebGPU's AddN binds one storage buffer per input,
 * and the transformer's 11 parameters exceed the default limit of 8 per shader stage (the pipeline
 * is then silently invalid and the result garbage).
 */
export function l2Norm(tensors: readonly tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => tf.sqrt(tensors.map((t) => tf.sum(tf.square(t))).reduce((a, b) => tf.add(a, b))) as tf.Scalar);
}
