import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { assertRunConfig, type RunConfig } from '../src/core/config';
import { makeDataset } from '../src/core/data';
import { minibatchAt } from '../src/core/trainData';
import { classicConfig } from './classic';
import { Trainer } from '../src/core/trainer';

const small = (patch: Partial<RunConfig> = {}): RunConfig => ({
  ...classicConfig(),
  p: 11,
  width: 16,
  trainFrac: 0.5,
  evalEvery: 10,
  steps: 500,
  ...patch,
});

describe('Trainer', () => {
  it('keeps the tensor count flat over 500 steps with metrics', async () => {
    const trainer = new Trainer(small());
    // Past the fit step, which keeps one checkpoint of the weights for the landscape.
    await trainer.advance(200);
    expect(trainer.events.fitStep).not.toBeNull();
    const before = tf.memory().numTensors;
    await trainer.advance(700);
    expect(trainer.step).toBe(700);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });

  it('releases every tensor on dispose', async () => {
    const before = tf.memory().numTensors;
    const trainer = new Trainer(small({ model: 'mlp' }));
    await trainer.advance(5);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is deterministic from the seed and differs across seeds', async () => {
    const run = async (seed: number) => {
      const t = new Trainer(small({ seed }));
      const rows = await t.advance(30);
      t.dispose();
      return rows;
    };
    const a = await run(4);
    expect(await run(4)).toEqual(a);
    expect((await run(5)).at(-1)).not.toEqual(a.at(-1));
  });

  it('measures every step at first, then every evalEvery steps', async () => {
    const t = new Trainer(small({ evalEvery: 10 }));
    const rows = await t.advance(40);
    expect(rows.map((r) => r.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40]);
    t.dispose();
  });

  it('fits the training set and records the fit step', async () => {
    const t = new Trainer(small());
    const rows = await t.advance(300);
    expect(rows.at(-1)!.trainAcc).toBe(1);
    expect(t.events.fitStep).not.toBeNull();
    expect(rows.find((r) => r.step === t.events.fitStep)!.trainAcc).toBeGreaterThanOrEqual(0.99);
    t.dispose();
  });

  it('applies learning-rate and weight-decay changes at once and records them', async () => {
    const t = new Trainer(small());
    await t.advance(10);
    t.setHyper({ lr: 0.001 });
    t.setHyper({ lr: 0.001 });
    expect(t.hyperChanges).toEqual([{ step: 10, lr: 0.001, wd: 1 }]);
    const norm = (await t.advance(11)).at(-1)!.weightNorm;
    t.setHyper({ wd: 10, lr: 0.05 });
    const after = (await t.advance(21)).at(-1)!.weightNorm;
    expect(after).toBeLessThan(norm);
    t.dispose();
  });

  it('stops with a clear message when training diverges, keeping finite rows only', async () => {
    // lr · wd = 10 makes the decoupled decay factor 1 − lr·wd = −9: the weights blow up within a few steps.
    const t = new Trainer(small({ lr: 1, wd: 10, steps: 200 }));
    const rows = await t.advance(200);
    expect(t.divergence).toMatch(/diverged at step \d+.*learning rate \(1\).*smaller/);
    expect(t.step).toBeLessThan(200);
    for (const r of rows) expect(Number.isFinite(r.trainLoss) && Number.isFinite(r.weightNorm)).toBe(true);
    t.dispose();
  });
});

describe('a whole run\'s tensors', () => {
  it('stay flat over 2,000 steps with the meters and landscape slices running', async () => {
    const { DEFAULT_METERS } = await import('../src/core/meters');
    const { RunLoop } = await import('../src/core/runLoop');
    const ignore = () => {};
    const loop = new RunLoop(
      small({ steps: 2000 }),
      {
        meters: { ...DEFAULT_METERS, llcEvery: 400, entropyEvery: 50, llc: { ...DEFAULT_METERS.llc, draws: 5, burnIn: 1 } },
        landscape: { plane: 'basin', split: 'test', size: 5, span: 1, every: 500 },
        maxSliceShare: 1,
      },
      { onRows: ignore, onLlc: ignore, onEntropy: ignore, onSlice: ignore, onDivergence: ignore },
    );
    await loop.begin();
    await loop.runTo(500);
    const before = tf.memory().numTensors;
    await loop.runTo(2000);
    expect(tf.memory().numTensors).toBe(before);
    loop.dispose();
  });
});

describe('checkpoints', () => {
  it('restoring continues exactly where the run was, on another backend too', async () => {
    const { useNodeBackend } = await import('../src/node/backend');
    const reference = new Trainer(small());
    await reference.advance(60);
    const cp = await reference.checkpoint();
    const expected = (await reference.advance(90)).at(-1)!;
    reference.dispose();

    await useNodeBackend('wasm');
    const resumed = new Trainer(small());
    resumed.restore(cp);
    expect(resumed.step).toBe(60);
    expect(resumed.events).toEqual(cp.events);
    const rows = await resumed.advance(90);
    expect(rows[0].step).toBe(60);
    const got = rows.at(-1)!;
    expect(got.step).toBe(90);
    expect(got.trainLoss).toBeCloseTo(expected.trainLoss, 3);
    expect(got.weightNorm).toBeCloseTo(expected.weightNorm, 3);
    resumed.dispose();
    await tf.setBackend('cpu');
  });
});

describe('minibatch training', () => {
  const small = (trainBatch: number) => assertRunConfig({ ...classicConfig(), p: 11, width: 16, trainFrac: 0.5, trainBatch, steps: 60 });

  it('takes each training pair once per epoch, in a fresh order each epoch, as a function of the step alone', () => {
    const config = small(8);
    const split = makeDataset(config).train;
    const n = split.a.length;
    const perEpoch = Math.floor(n / 8);
    const key = (s: { a: Int32Array; b: Int32Array }, i: number) => s.a[i] * 100 + s.b[i];
    const epoch = (e: number) => Array.from({ length: perEpoch }, (_, k) => minibatchAt(split, config, e * perEpoch + k)!).flatMap((s) => Array.from(s.a, (_, i) => key(s, i)));
    const all = new Set(Array.from(split.a, (_, i) => key(split, i)));
    for (const e of [0, 1]) {
      const rows = epoch(e);
      expect(rows).toHaveLength(perEpoch * 8);
      expect(new Set(rows).size).toBe(rows.length);
      for (const r of rows) expect(all.has(r)).toBe(true);
    }
    expect(epoch(0)).not.toEqual(epoch(1));
    expect(minibatchAt(split, config, 5)).toEqual(minibatchAt(split, config, 5));
    expect(minibatchAt(split, small(0), 5)).toBeNull();
    expect(minibatchAt(split, small(n), 5)).toBeNull();
  });

  it('trains on minibatches, and a run restored from a checkpoint continues with the same batches', async () => {
    const a = new Trainer(small(8));
    const full = new Trainer(small(0));
    await a.advance(20);
    await full.advance(20);
    const cp = await a.checkpoint();
    await a.advance(40);
    const b = new Trainer(small(8));
    b.restore(cp);
    await b.advance(40);
    const [pa, pb, pf] = await Promise.all([a.readParams(), b.readParams(), full.readParams()]);
    pa.forEach((w, i) => expect(Array.from(pb[i])).toEqual(Array.from(w)));
    expect(Array.from(pf[0])).not.toEqual(Array.from(pa[0]));
    for (const t of [a, b, full]) t.dispose();
  });
});
