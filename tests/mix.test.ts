/** The collapse intervention: representations mixed within the batch, while training only. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRunConfig } from '../src/core/config';
import { createModel } from '../src/core/models';
import { findPreset } from '../src/core/presets';
import { Trainer } from '../src/core/trainer';
import { useNodeBackend } from '../src/node/backend';

const config = { ...findPreset('transformer')!.config, p: 11, width: 16, seed: 3 };

/** One-hot [e_a; e_b] rows for a few pairs. */
function inputs(pairs: Array<[number, number]>, p: number): tf.Tensor2D {
  const x = new Float32Array(pairs.length * 2 * p);
  pairs.forEach(([a, b], i) => {
    x[i * 2 * p + a] = 1;
    x[i * 2 * p + p + b] = 1;
  });
  return tf.tensor2d(x, [pairs.length, 2 * p]);
}

describe('representation mixing', () => {
  beforeAll(() => useNodeBackend('wasm'));

  it('gives logits of (1 − α)·z_i + α·z_(i+shift), and the plain logits at α = 0', async () => {
    const model = createModel(config);
    const x = inputs([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]], config.p);
    const z = (await model.hidden(x).array()) as number[][];
    const wu = (await model.params[10].array()) as number[][];
    const unembed = (row: number[]) => wu[0].map((_, c) => row.reduce((s, v, k) => s + v * wu[k][c], 0));
    const mixed = (await model.mixedLogits!(x, { shift: 2, alpha: 0.3 }).array()) as number[][];
    z.forEach((row, i) => {
      const partner = z[(i + 2) % z.length];
      const want = unembed(row.map((v, k) => 0.7 * v + 0.3 * partner[k]));
      want.forEach((v, c) => expect(mixed[i][c]).toBeCloseTo(v, 3));
    });
    const plain = (await model.logits(x).array()) as number[][];
    const unmixed = (await model.mixedLogits!(x, { shift: 3, alpha: 0 }).array()) as number[][];
    plain.forEach((row, i) => row.forEach((v, c) => expect(unmixed[i][c]).toBeCloseTo(v, 3)));
    model.dispose();
    x.dispose();
  });

  it('changes training, not evaluation: the same seed trains differently with it on, and leaves no tensor behind', async () => {
    const a = new Trainer(config);
    const b = new Trainer({ ...config, mixRepresentations: 0.3 });
    // Same initialisation: step 0 is evaluated identically.
    expect((await b.evaluate()).testLoss).toBeCloseTo((await a.evaluate()).testLoss, 6);
    const before = tf.memory().numTensors;
    await a.advance(20);
    await b.advance(20);
    expect(tf.memory().numTensors).toBe(before);
    const [ra, rb] = [await a.evaluate(), await b.evaluate()];
    expect(Number.isFinite(rb.trainLoss)).toBe(true);
    expect(rb.trainLoss).not.toBeCloseTo(ra.trainLoss, 3);
    a.dispose();
    b.dispose();
  });

  it('is refused where it is not defined', () => {
    const r = parseRunConfig({ ...findPreset('classic')!.config, mixRepresentations: 0.3 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join(' ')).toContain('transformer only');
    expect(parseRunConfig({ ...config, mixRepresentations: 0.6 }).ok).toBe(false);
  });
});
