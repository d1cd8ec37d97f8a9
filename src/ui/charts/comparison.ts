/** The compared run's series (imported, or the run a branch left), dashed, beside the live run's. */
import type { MetricRow } from '../../core/series';
import type { RunRecord } from '../../core/run';
import type { RunStore } from '../runStore';
import type { ChartSeries } from './LineChart';

/** One dashed series per part, from the rows of the compared run that `rowsOf` picks; labels end in its tag. */
export function comparedSeries<R extends { step: number }>(
  store: RunStore,
  rowsOf: (record: RunRecord) => readonly R[],
  parts: Array<[string, string, (row: R) => number]>,
): ChartSeries[] {
  const c = store.comparison;
  const rows = c ? rowsOf(c.record) : [];
  if (!c || rows.length === 0) return [];
  const steps = rows.map((r) => r.step);
  return parts.map(([label, color, pick]) => ({ label: `${label} (${c.tag})`, color, dash: [7, 5], x: steps, y: rows.map(pick) }));
}

export function comparisonSeries(store: RunStore, parts: Array<[string, string, (m: MetricRow) => number]>): ChartSeries[] {
  return comparedSeries(store, (r) => r.metrics, parts);
}
