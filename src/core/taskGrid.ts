/**
 * The task as a picture: the p × p table of a ∘ b mod p, each cell marked as a training or a held-out
 * pair and as answered right or wrong by the network now. Built in the worker from the latest
 * evaluation (one byte per cell), drawn by the page.
 */
import type { Dataset } from './data';

/** Cell codes: which split the pair is in, and whether the network's answer is right. */
export const CELL = { testWrong: 0, testRight: 1, trainWrong: 2, trainRight: 3, none: 255 } as const;

export interface TaskGrid {
  p: number;
  /** p·p codes, row a, column b; `none` where the task has no pair (b = 0 for division). */
  cells: Uint8Array;
}

/**
 * `correct` holds one 0/1 per pair, the training split first, then the test split, in the
 * dataset's order (the order the trainer evaluates them in).
 */
export function taskGrid(dataset: Dataset, correct: ArrayLike<number>): TaskGrid {
  const { p, train, test } = dataset;
  const cells = new Uint8Array(p * p).fill(CELL.none);
  for (let i = 0; i < train.a.length; i++) cells[train.a[i] * p + train.b[i]] = correct[i] > 0.5 ? CELL.trainRight : CELL.trainWrong;
  const off = train.a.length;
  for (let i = 0; i < test.a.length; i++) cells[test.a[i] * p + test.b[i]] = correct[off + i] > 0.5 ? CELL.testRight : CELL.testWrong;
  return { p, cells };
}

/** Counts per code, for the legend and the screen-reader summary. */
export function gridCounts(grid: TaskGrid): { train: number; trainRight: number; test: number; testRight: number } {
  const n = [0, 0, 0, 0];
  for (const c of grid.cells) if (c !== CELL.none) n[c] += 1;
  return { train: n[CELL.trainWrong] + n[CELL.trainRight], trainRight: n[CELL.trainRight], test: n[CELL.testWrong] + n[CELL.testRight], testRight: n[CELL.testRight] };
}
