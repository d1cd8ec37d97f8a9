import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { basinPlane, filterNormalizedDirection, pcaPlane, project } from '../src/core/landscape/planes';
import { lossAndAccuracyAt } from '../src/core/probes';
import { computeSlice, evaluateSlice, planSlice } from '../src/core/landscape/slice';
import { evaluateGrid, evaluateMlpGrid, evaluateQuadraticGrid } from '../src/core/landscape/grids';
import { CheckpointTracker } from '../src/core/landscape/tracker';
import { layoutOf, norm, split } from '../src/core/landscape/vectors';
import { classicConfig } from './classic';
import { createRng, normalArray } from '../src/core/rng';
import { Trainer } from '../src/core/trainer';

const small = () => ({ ...classicConfig(), p: 11, width: 16, trainFrac: 0.5, evalEvery: 5 });

async function trainedWithTracker(steps: number) {
  const trainer = new Trainer(small());
  const tracker = new CheckpointTracker(trainer);
  await trainer.advance(0);
  await tracker.observe();
  while (trainer.step < steps) {
    await trainer.advance(trainer.step + 5);
    await tracker.observe();
  }
  return { trainer, tracker };
}

describe('loss-landscape slices', () => {
  it('filter-normalized directions have the weights\' per-unit norms, and zero on biases', () => {
    const layout = layoutOf([[3, 4], [4]]);
    const weights = normalArray(createRng(1), layout.total, 2);
    const d = filterNormalizedDirection(weights, layout, 5);
    const [w, b] = split(weights, layout);
    const [dw, db] = split(d, layout);
    for (let c = 0; c < 4; c++) {
      const col = (m: Float32Array) => Math.hypot(...[0, 1, 2].map((r) => m[r * 4 + c]));
      expect(col(dw)).toBeCloseTo(col(w), 4);
    }
    expect(Array.from(db)).toEqual([0, 0, 0, 0]);
    expect(b.length).toBe(4);
  });

  it('matches the analytic surface of a quadratic loss', async () => {
    // L(w) = ½‖A w − y‖²: along w + α d1 + β d2 it is a known quadratic in (α, β).
    const rng = createRng(4);
    const A = Array.from({ length: 5 }, () => Array.from({ length: 3 }, () => rng.normal()));
    const y = [1, -2, 0.5, 3, 0];
    const lossOf = (w: number[]) => 0.5 * A.reduce((s, row, i) => s + (row.reduce((t, a, k) => t + a * w[k], 0) - y[i]) ** 2, 0);
    const layout = layoutOf([[3]]);
    const w0 = Float32Array.from([0.3, -0.1, 0.7]);
    const plane = { d1: Float32Array.from([1, 0, 0.5]), d2: Float32Array.from([0, 1, -1]) };
    const At = tf.tensor2d(A);
    const Y = tf.tensor1d(y);
    const at = ([w]: tf.Tensor[]) =>
      tf.tidy(() => tf.stack([tf.mul(tf.sum(tf.square(tf.sub(tf.squeeze(tf.matMul(At, tf.reshape(w, [3, 1]))), Y))), 0.5), tf.scalar(0)]) as tf.Tensor1D);
    const alphas = [-1, -0.5, 0, 0.5, 1];
    const betas = [-2, 0, 2];
    const { loss } = await evaluateGrid(at, layout, w0, plane, alphas, betas);
    betas.forEach((b, j) =>
      alphas.forEach((a, i) => {
        const w = [0, 1, 2].map((k) => w0[k] + a * plane.d1[k] + b * plane.d2[k]);
        expect(loss[j * alphas.length + i]).toBeCloseTo(lossOf(w), 3);
      }),
    );
    tf.dispose([At, Y]);
  });

  it('is the current loss at (0, 0)', async () => {
    const { trainer, tracker } = await trainedWithTracker(60);
    const row = await trainer.evaluate();
    const slice = await computeSlice(trainer, tracker, { plane: 'random', split: 'train', size: 7, span: 1 });
    if (typeof slice === 'string') throw new Error(slice);
    expect(slice.alphas[3]).toBeCloseTo(0, 9);
    expect(slice.betas[3]).toBeCloseTo(0, 9);
    expect(slice.loss[3 * 7 + 3]).toBeCloseTo(row.trainLoss, 4);
    expect(slice.accuracy[3 * 7 + 3]).toBeCloseTo(row.trainAcc, 6);
    const test = await computeSlice(trainer, tracker, { plane: 'random', split: 'test', size: 7, span: 1 });
    if (typeof test === 'string') throw new Error(test);
    expect(test.loss[3 * 7 + 3]).toBeCloseTo(row.testLoss, 4);
    trainer.dispose();
  });

  it.each(['pca', 'basin'] as const)('projects the trajectory in the %s plane so that it ends at (0, 0)', async (kind) => {
    const { trainer, tracker } = await trainedWithTracker(80);
    expect(trainer.events.fitStep).not.toBeNull();
    const slice = await computeSlice(trainer, tracker, { plane: kind, split: 'train', size: 5, span: 1 });
    if (typeof slice === 'string') throw new Error(slice);
    expect(slice.path.length).toBeGreaterThan(3);
    const [a, b] = slice.path[slice.path.length - 1];
    expect(Math.hypot(a, b)).toBeLessThan(1e-6);
    // Every point of the path and the marked checkpoints lie inside the grid.
    for (const [pa, pb] of [...slice.path, ...slice.points.map((p) => [p.alpha, p.beta])]) {
      expect(pa).toBeGreaterThanOrEqual(slice.alphas[0]);
      expect(pa).toBeLessThanOrEqual(slice.alphas.at(-1)!);
      expect(pb).toBeGreaterThanOrEqual(slice.betas[0]);
      expect(pb).toBeLessThanOrEqual(slice.betas.at(-1)!);
    }
    expect(slice.loss.every(Number.isFinite)).toBe(true);
    trainer.dispose();
  });

  it('places init and the memorization checkpoint exactly in the basin plane', async () => {
    const { trainer, tracker } = await trainedWithTracker(80);
    expect(trainer.events.fitStep).not.toBeNull();
    const current = await tracker.current();
    const init = await tracker.init();
    const memo = (await tracker.memorized())!;
    const plane = basinPlane(init, memo, current);
    if (typeof plane === 'string') throw new Error(plane);
    const [[ia, ib], [ma, mb]] = project([init, memo], current, plane);
    const dist = (p: Float32Array) => norm(Float32Array.from(p, (v, i) => v - current[i]));
    expect(Math.hypot(ia, ib)).toBeCloseTo(dist(init), 3);
    expect(Math.hypot(ma, mb)).toBeCloseTo(dist(memo), 3);
    expect(ib).toBeCloseTo(0, 5);
    expect(typeof pcaPlane([current], current)).toBe('string');
    expect(basinPlane(init, null, current)).toMatch(/once the network has memorized/);
    trainer.dispose();
  });

  it.each(['ce', 'mse'] as const)('computes the quadratic network\'s grid in closed form, equal to the generic path (%s)', async (loss) => {
    const trainer = new Trainer({ ...small(), loss });
    const tracker = new CheckpointTracker(trainer);
    await trainer.advance(30);
    const current = await tracker.current();
    const plane = { d1: filterNormalizedDirection(current, tracker.layout, 1), d2: filterNormalizedDirection(current, tracker.layout, 2) };
    const alphas = [-1, -0.3, 0, 0.6];
    const betas = [-0.5, 0, 1];
    for (const s of ['train', 'test'] as const) {
      const generic = await evaluateGrid((ps) => lossAndAccuracyAt(trainer, ps, s), tracker.layout, current, plane, alphas, betas);
      const fast = await evaluateQuadraticGrid(trainer.splitData(s), tracker.layout, current, plane, alphas, betas);
      fast.loss.forEach((v, k) => expect(v).toBeCloseTo(generic.loss[k], 3));
      expect(Array.from(fast.accuracy)).toEqual(Array.from(generic.accuracy));
    }
    trainer.dispose();
  });

  it('evaluates an MLP grid by shared pre-activations, equal to one forward per point', async () => {
    const trainer = new Trainer({ ...small(), model: 'mlp', width: 8 });
    const tracker = new CheckpointTracker(trainer);
    await trainer.advance(10);
    const current = await tracker.current();
    const plane = { d1: filterNormalizedDirection(current, tracker.layout, 3), d2: filterNormalizedDirection(current, tracker.layout, 4) };
    const alphas = [-0.5, 0, 0.7];
    const betas = [-1, 0.25];
    const perPoint = await evaluateGrid((ps) => lossAndAccuracyAt(trainer, ps, 'test'), tracker.layout, current, plane, alphas, betas);
    const shared = await evaluateMlpGrid(trainer.splitData('test'), tracker.layout, current, plane, alphas, betas);
    shared.loss.forEach((v, k) => expect(v).toBeCloseTo(perPoint.loss[k], 3));
    expect(Array.from(shared.accuracy)).toEqual(Array.from(perPoint.accuracy));
    trainer.dispose();
  });

  it.each(['quadratic', 'transformer'] as const)(
    'a planned job carries all it needs: evaluated on another Trainer of its config (the meters worker\'s), the grid is the same (%s)',
    async (model) => {
      const config = { ...small(), model, ...(model === 'transformer' ? { width: 8 } : {}) };
      const trainer = new Trainer(config);
      const tracker = new CheckpointTracker(trainer);
      await trainer.advance(20);
      await tracker.observe();
      const job = await planSlice(trainer, tracker, { plane: 'random', split: 'test', size: 5, span: 1 });
      if (typeof job === 'string') throw new Error(job);
      const here = await evaluateSlice(job, trainer);
      const elsewhere = new Trainer(structuredClone(job.config)); // fresh weights: only the job's may count
      const tensors = tf.memory().numTensors;
      const there = await evaluateSlice(structuredClone(job), elsewhere);
      await evaluateSlice(structuredClone(job), elsewhere);
      expect(tf.memory().numTensors).toBe(tensors); // the meters worker runs job after job on one Trainer
      expect(there.step).toBe(20);
      there.loss.forEach((v, k) => expect(v).toBeCloseTo(here.loss[k], 5));
      expect(Array.from(there.accuracy)).toEqual(Array.from(here.accuracy));
      expect(there.path).toEqual(here.path);
      expect(here.loss[2 * 5 + 2]).toBeCloseTo((await trainer.evaluate()).testLoss, 4);
      trainer.dispose();
      elsewhere.dispose();
    },
  );

  it('keeps a bounded number of snapshots', async () => {
    const { trainer, tracker } = await trainedWithTracker(400);
    expect(tracker.snapshots.length).toBeGreaterThan(5);
    expect(tracker.snapshots.length).toBeLessThanOrEqual(48);
    expect(tracker.snapshots[0].step).toBe(0);
    trainer.dispose();
  });
});
