/** An imported run's series, dashed, beside the live run's. */
import type { MetricRow } from '../../core/series';
import type { RunStore } from '../runStore';
import type { ChartSeries } from './LineChart';

export function comparisonSeries(store: RunStore, parts: Array<[string, string, (m: MetricRow) => number]>): ChartSeries[] {
  const c = store.comparison;
  if (!c) return [];
  const steps = c.record.metrics.map((m) => m.step);
  return parts.map(([label, color, pick]) => ({
    label: `${label} (imported)`,
    color,
    dash: [7, 5],
    x: steps,
    y: c.record.metrics.map(pick),
  }));
}
