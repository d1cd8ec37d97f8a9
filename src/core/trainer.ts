/**
 * The training loop, backend-agnostic: AdamW steps (full batch or minibatches), metrics on a schedule, fit/grok events.
 * The worker, the CLI, the bench and the tests all drive this same class.
 */
import * as tf from '@tensorflow/tfjs';
import type { LiveHyper, RunConfig } from './config';
import { makeDataset, type Dataset } from './data';
import { disposeSplitTensors, minibatchAt, probeInputs, splitTensors, type SplitTensors } from './trainData';
import { lossFn, trainingLossFn, type LossFn } from './losses';
import { l2Norm } from './ops';
import { createModel, type Model } from './models';
import type { RepresentationMix } from './models/types';
import { createRng, type Rng } from './rng';
import { NonFiniteActivations, spectralEntropy, type EntropyMeasurement } from './metrics/entropy';
import { AdamW } from './optim';
import { FIT_THRESHOLD, GROK_THRESHOLD, type HyperChange, type MetricRow, type RunEvents } from './series';

export { FIT_THRESHOLD, GROK_THRESHOLD, METRIC_KEYS } from './series';
export type { HyperChange, MetricRow, RunEvents } from './series';

/**
 * Everything a Trainer needs to continue exactly where it was, as plain arrays: survives a lost GPU
 * device or a crashed worker, and moves between backends.
 */
/** What training continues from: the weights, the optimizer and what the run has seen so far. */
export interface TrainerState {
  step: number;
  params: Float32Array[];
  optimizer: { t: number; m: Float32Array[]; v: Float32Array[] };
  events: RunEvents;
  hyper: LiveHyper;
  hyperChanges: HyperChange[];
}

/** A state plus the landscape's reference weights (at init and at the fit), which a run keeps once. */
export interface TrainerCheckpoint extends TrainerState {
  init: Float32Array[];
  fit: Float32Array[] | null;
}

const readAll = (ts: readonly tf.Tensor[]) => Promise.all(ts.map(async (t) => (await t.data()) as Float32Array));

export class Trainer {
  readonly dataset: Dataset;
  readonly model: Model;
  readonly events: RunEvents = { fitStep: null, grokStep: null };
  readonly hyperChanges: HyperChange[] = [];
  /** Set when a metric came back NaN/Inf; training must stop. */
  divergence: string | null = null;
  private hyper: LiveHyper;
  private stepCount = 0;
  private lastEvalStep = -1;
  private readonly optimizer: AdamW;
  private readonly train: SplitTensors;
  private readonly test: SplitTensors;
  private probe: tf.Tensor2D | null = null;
  /** Copies of the weights at step 0 and at the fit step, for the landscape's basin plane. */
  readonly initCheckpoint: tf.Tensor[];
  fitCheckpoint: tf.Tensor[] | null = null;
  private probeSize = 0;
  /** Seeded apart from the data split and the initialisation, so turning the mix on changes nothing else. */
  private readonly mixRng: Rng;

  constructor(readonly config: RunConfig) {
    this.dataset = makeDataset(config);
    this.train = splitTensors(this.dataset.train, config);
    this.test = splitTensors(this.dataset.test, config);
    this.model = createModel(config);
    this.optimizer = new AdamW(this.model.params);
    this.initCheckpoint = this.model.params.map((p) => tf.clone(p));
    this.hyper = { lr: config.lr, wd: config.wd };
    this.mixRng = createRng(config.seed * 7 + 5);
  }

  get step(): number {
    return this.stepCount;
  }

  get currentHyper(): LiveHyper {
    return { ...this.hyper };
  }

  /** Learning rate and weight decay take effect from the next step; the change is recorded for the charts. */
  setHyper(next: Partial<LiveHyper>): void {
    const merged = { ...this.hyper, ...next };
    if (merged.lr === this.hyper.lr && merged.wd === this.hyper.wd) return;
    this.hyper = merged;
    this.hyperChanges.push({ step: this.stepCount, ...merged });
  }

  /** The loss as reported. */
  private get loss(): LossFn {
    return lossFn(this.config.loss);
  }

  /** The weights as plain arrays, in the model's parameter order. */
  readParams(): Promise<Float32Array[]> {
    return readAll(this.model.params);
  }

  /** The input embedding parameter (every model's first), for the Fourier view. */
  async readEmbedding(): Promise<Float32Array> {
    return (await this.model.params[0].data()) as Float32Array;
  }

  async state(): Promise<TrainerState> {
    return {
      step: this.stepCount,
      params: await readAll(this.model.params),
      optimizer: await this.optimizer.state(),
      events: { ...this.events },
      hyper: { ...this.hyper },
      hyperChanges: this.hyperChanges.map((c) => ({ ...c })),
    };
  }

  async checkpoint(): Promise<TrainerCheckpoint> {
    const init = await readAll(this.initCheckpoint);
    return { ...(await this.state()), init, fit: this.fitCheckpoint ? await readAll(this.fitCheckpoint) : null };
  }

  /** Continues from a checkpoint of a trainer with the same config (possibly on another backend). */
  restore(cp: TrainerCheckpoint): void {
    const shapes = this.model.params.map((p) => p.shape);
    this.model.params.forEach((p, i) => p.assign(tf.tensor(cp.params[i], shapes[i])));
    this.optimizer.restore(cp.optimizer);
    tf.dispose(this.initCheckpoint);
    this.initCheckpoint.splice(0, this.initCheckpoint.length, ...cp.init.map((v, i) => tf.tensor(v, shapes[i])));
    tf.dispose(this.fitCheckpoint ?? []);
    this.fitCheckpoint = cp.fit ? cp.fit.map((v, i) => tf.tensor(v, shapes[i])) : null;
    Object.assign(this.events, cp.events);
    this.hyper = { ...cp.hyper };
    this.hyperChanges.splice(0, this.hyperChanges.length, ...cp.hyperChanges);
    this.stepCount = cp.step;
    // The next advance() measures this step again, so the charts continue without a gap.
    this.lastEvalStep = -1;
  }

  /** This step's representation mix over n samples, when the run has the intervention on: a fresh partner shift per step. */
  private nextMix(n: number): RepresentationMix | null {
    const alpha = this.config.mixRepresentations;
    if (alpha === 0 || !this.model.mixedLogits) return null;
    return { alpha, shift: 1 + this.mixRng.int(Math.max(1, n - 1)) };
  }

  /** One step, full batch or on this step's minibatch. Does not read anything back from the backend, so GPU work can queue. */
  trainStep(): void {
    const { warmupSteps, beta1, beta2 } = this.config;
    const warm = warmupSteps > 0 ? Math.min(1, (this.stepCount + 1) / warmupSteps) : 1;
    const pairs = minibatchAt(this.dataset.train, this.config, this.stepCount);
    const batch = pairs ? splitTensors(pairs, this.config) : this.train;
    const mix = this.nextMix(batch.x.shape[0]);
    tf.tidy(() => {
      const logits = () => (mix ? this.model.mixedLogits!(batch.x, mix) : this.model.logits(batch.x));
      const { grads } = tf.variableGrads(() => trainingLossFn(this.config.loss)(logits(), batch.target), this.model.params);
      this.optimizer.apply(
        this.model.params.map((p) => grads[p.name]),
        { lr: this.hyper.lr * warm, wd: this.hyper.wd, beta1, beta2 },
      );
    });
    if (pairs) disposeSplitTensors(batch);
    this.stepCount += 1;
  }

  /**
   * Spectral entropy of the penultimate-layer activations on a fixed probe set: a seeded sample of
   * all p² pairs (train and test alike), the same inputs at every measurement.
   */
  async probeEntropy(probeSize: number): Promise<EntropyMeasurement | null> {
    if (!this.probe || this.probeSize !== probeSize) {
      this.probe?.dispose();
      this.probe = probeInputs(this.config, probeSize);
      this.probeSize = probeSize;
    }
    const z = tf.tidy(() => this.model.hidden(this.probe!));
    try {
      return await spectralEntropy(z);
    } catch (err) {
      if (!(err instanceof NonFiniteActivations)) throw err;
      this.divergence ??= `Training diverged at step ${this.stepCount}: ${err.message}. The learning rate (${this.hyper.lr}) is probably too high; try a smaller one.`;
      return null;
    } finally {
      z.dispose();
    }
  }

  /** The inputs, targets and labels of a split, for evaluations outside the trainer (the landscape's). */
  splitData(split: 'train' | 'test'): { x: tf.Tensor2D; target: tf.Tensor2D; label: tf.Tensor1D; loss: RunConfig['loss'] } {
    const s = split === 'train' ? this.train : this.test;
    return { ...s, loss: this.config.loss };
  }

  /** Waits until every queued step has run on the backend (GPU backends queue work). */
  async sync(): Promise<void> {
    const out = tf.tidy(() => tf.sum(this.model.params[0]));
    await out.data();
    out.dispose();
  }

  /** Per pair, 1 if the last evaluation answered it right: training pairs first, then test pairs. */
  lastCorrect: ArrayLike<number> | null = null;

  /** Measures accuracy, loss and weight norm on both splits with one read-back. */
  async evaluate(): Promise<MetricRow> {
    const packed = tf.tidy(() => {
      const perPair: tf.Tensor1D[] = [];
      const measure = (s: SplitTensors) => {
        const logits = this.model.logits(s.x);
        const correct = tf.cast(tf.equal(tf.argMax(logits, 1), s.label), 'float32') as tf.Tensor1D;
        perPair.push(correct);
        // A count, divided in JS: exact, so a perfect fit reads 1, not 0.99999994.
        return [tf.sum(correct), this.loss(logits, s.target)];
      };
      const norm = l2Norm(this.model.params);
      const stats = tf.stack([...measure(this.train), ...measure(this.test), norm]);
      // Which pairs are answered right ride along in the same read-back (a few kB): the task grid.
      return tf.concat([stats, ...perPair]);
    });
    const v = await packed.data();
    packed.dispose();
    this.lastCorrect = v.subarray(5);
    const row: MetricRow = {
      step: this.stepCount,
      trainAcc: v[0] / this.dataset.train.a.length,
      trainLoss: v[1],
      testAcc: v[2] / this.dataset.test.a.length,
      testLoss: v[3],
      weightNorm: v[4],
    };
    this.lastEvalStep = this.stepCount;
    this.noteEvents(row);
    return row;
  }

  private noteEvents(row: MetricRow): void {
    const bad = (['trainLoss', 'testLoss', 'weightNorm'] as const).filter((k) => !Number.isFinite(row[k]));
    if (bad.length > 0) {
      this.divergence =
        `Training diverged at step ${row.step}: ${bad.join(', ')} became ${row[bad[0]]}. ` +
        `The learning rate (${this.hyper.lr}) is probably too high; try a smaller one.`;
      return;
    }
    if (this.events.fitStep === null && row.trainAcc >= FIT_THRESHOLD) {
      this.events.fitStep = row.step;
      this.fitCheckpoint = this.model.params.map((p) => tf.clone(p));
    }
    if (this.events.grokStep === null && row.testAcc >= GROK_THRESHOLD) this.events.grokStep = row.step;
  }

  /** Every step at first (so a log-step axis has early points), then every `evalEvery` steps. */
  isEvalStep(step: number): boolean {
    return step <= this.config.evalEvery || step % this.config.evalEvery === 0;
  }

  /**
   * Trains until `untilStep`, or until `budgetMs` of wall time has passed, evaluating on schedule.
   * Returns the finite metric rows measured; stops early if training diverged, or on the row `stop`
   * says is the one (a lesson's moment).
   */
  async advance(untilStep: number, budgetMs = Infinity, stop?: (row: MetricRow) => boolean): Promise<MetricRow[]> {
    const rows: MetricRow[] = [];
    const start = performance.now();
    if (this.lastEvalStep < 0) {
      const row = await this.evaluate();
      if (this.divergence) return rows;
      rows.push(row);
    }
    while (this.stepCount < untilStep && !this.divergence) {
      this.trainStep();
      if (this.isEvalStep(this.stepCount) || this.stepCount === untilStep) {
        const row = await this.evaluate();
        if (this.divergence) break;
        rows.push(row);
        if (stop?.(row) || performance.now() - start >= budgetMs) break;
      }
    }
    return rows;
  }

  dispose(): void {
    this.model.dispose();
    this.optimizer.dispose();
    this.probe?.dispose();
    tf.dispose([...this.initCheckpoint, ...(this.fitCheckpoint ?? [])]);
    disposeSplitTensors(this.train);
    disposeSplitTensors(this.test);
  }
}
