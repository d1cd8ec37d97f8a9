/**
 * What the views that show one moment (the task grid, the landscape slice, one unit's weights) looked
 * like over the run, kept log-spaced like the worker's checkpoints, so scrubbing back shows them as
 * they were at the nearest earlier checkpoint.
 */
import type { FourierRow, UnitWeights } from '../core/fourier';
import type { LandscapeSlice } from '../core/landscape/slice';
import type { TaskGrid } from '../core/taskGrid';
import { atOrBefore, LogSpaced } from '../core/timeline';

/** The views at one moment of the run. */
export interface MomentViews {
  grid: TaskGrid | null;
  /** The step the grid shows when scrubbed back (null: the latest evaluation). */
  gridStep: number | null;
  slice: LandscapeSlice | null;
  fourier: FourierRow | undefined;
  embedding: UnitWeights | null;
}

export class ViewHistory {
  private grids = new LogSpaced<{ step: number; grid: TaskGrid }>();
  private slices = new LogSpaced<LandscapeSlice>();
  private embeddings = new LogSpaced<UnitWeights>();

  addGrid(step: number, grid: TaskGrid): void {
    this.grids.add({ step, grid });
  }

  addSlice(slice: LandscapeSlice): void {
    this.slices.add(slice);
  }

  addEmbedding(embedding: UnitWeights): void {
    this.embeddings.add(embedding);
  }

  truncateAfter(step: number): void {
    this.grids.truncateAfter(step);
    this.slices.truncateAfter(step);
    this.embeddings.truncateAfter(step);
  }

  /** The views at `step`: each the latest kept at or before it (the first kept, if all are later). */
  at(step: number, fourier: readonly FourierRow[]): MomentViews {
    const pick = <T extends { step: number }>(items: readonly T[]) => atOrBefore(items, step) ?? items[0] ?? null;
    const grid = pick(this.grids.entries);
    return {
      grid: grid?.grid ?? null,
      gridStep: grid?.step ?? null,
      slice: pick(this.slices.entries),
      fourier: pick(fourier) ?? undefined,
      embedding: pick(this.embeddings.entries),
    };
  }
}
