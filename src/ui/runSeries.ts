/** The live run's metrics as the page keeps them: one array per column, appended to as batches arrive. */
import { METRIC_KEYS, type MetricRow } from '../core/series';

export type Series = { [K in keyof MetricRow]: number[] };

export const emptySeries = (): Series => Object.fromEntries(METRIC_KEYS.map((k) => [k, []])) as unknown as Series;

/** Row i of the columns (a literal, not built from METRIC_KEYS: the leads read every row each frame). */
export const rowAt = (s: Series, i: number): MetricRow => ({
  step: s.step[i],
  trainAcc: s.trainAcc[i],
  testAcc: s.testAcc[i],
  trainLoss: s.trainLoss[i],
  testLoss: s.testLoss[i],
  weightNorm: s.weightNorm[i],
});

/** The columns as rows, oldest first: what the record, the leads and the phase scan read. */
export const seriesRows = (s: Series): MetricRow[] => s.step.map((_, i) => rowAt(s, i));

/** Rows kept in step order; a row for a step already present replaces it. */
export function mergeByStep<T extends { step: number }>(rows: readonly T[], added: readonly T[]): T[] {
  const byStep = new Map(rows.map((r) => [r.step, r]));
  for (const r of added) byStep.set(r.step, r);
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}
