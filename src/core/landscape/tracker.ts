/**
 * The checkpoints a landscape slice needs, kept compactly: the initial weights, the weights at the
 * memorization (fit) step, and a bounded, roughly log-spaced sample of the trajectory for PCA.
 */
import type { Trainer } from '../trainer';
import { concat, layoutOf, type ParamLayout } from './vectors';

/** At most this many trajectory snapshots; past it, every other one is dropped (the ends stay). */
export const MAX_SNAPSHOTS = 48;
/** Snapshots are taken when the step has grown by this factor (or 10 steps, whichever is more). */
const GROWTH = 1.2;

export interface Snapshot {
  step: number;
  weights: Float32Array;
}

export async function readWeights(tensors: readonly { data(): Promise<unknown> }[], layout: ParamLayout): Promise<Float32Array> {
  const parts = (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
  return concat(parts, layout);
}

export class CheckpointTracker {
  readonly layout: ParamLayout;
  readonly snapshots: Snapshot[] = [];
  private nextStep = 0;

  constructor(private readonly trainer: Trainer) {
    this.layout = layoutOf(trainer.model.params.map((p) => p.shape));
  }

  /** Call after training advanced: samples the trajectory when the step has grown enough. */
  async observe(): Promise<void> {
    const step = this.trainer.step;
    if (step < this.nextStep) return;
    this.snapshots.push({ step, weights: await this.current() });
    this.nextStep = Math.max(step + 10, Math.ceil(step * GROWTH));
    if (this.snapshots.length > MAX_SNAPSHOTS) {
      const last = this.snapshots[this.snapshots.length - 1];
      const thinned = this.snapshots.filter((_, i) => i % 2 === 0);
      if (thinned[thinned.length - 1] !== last) thinned.push(last);
      this.snapshots.splice(0, this.snapshots.length, ...thinned);
    }
  }

  current(): Promise<Float32Array> {
    return readWeights(this.trainer.model.params, this.layout);
  }

  init(): Promise<Float32Array> {
    return readWeights(this.trainer.initCheckpoint, this.layout);
  }

  memorized(): Promise<Float32Array | null> {
    const fit = this.trainer.fitCheckpoint;
    return fit ? readWeights(fit, this.layout) : Promise.resolve(null);
  }

  /** Bytes held by the snapshots, for the bench and the UI. */
  get bytes(): number {
    return this.snapshots.length * this.layout.total * 4;
  }
}
