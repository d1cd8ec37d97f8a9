/** Axis helpers for the step-axis charts: the y range the data needs, and which log ticks get labels. */
import type { ChartReference, ChartSeries } from './chartTypes';

/** The y range covering every series, its bands and the reference lines (only positive values on a log axis). */
export function dataExtent(series: ChartSeries[], positiveOnly: boolean, references: ChartReference[] = []): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (v: number) => {
    if (!Number.isFinite(v) || (positiveOnly && v <= 0)) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const s of series) for (const arr of [s.y, s.lower ?? [], s.upper ?? []]) for (let i = 0; i < arr.length; i++) take(arr[i]);
  references.forEach((r) => take(r.y));
  if (lo > hi) return positiveOnly ? [1e-3, 10] : [0, 1];
  if (lo === hi) return positiveOnly ? [lo / 2, hi * 2] : [lo - 1, hi + 1];
  return [lo, hi];
}

/** Log axes label powers of ten only (and 2, 5 when the range is short), so labels never collide. */
export function logTickLabel(v: number, decades: number, fmt: (v: number) => string): string {
  const lead = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
  const isPow = Math.abs(lead - 1) < 1e-6;
  if (isPow || (decades <= 2 && (Math.abs(lead - 2) < 1e-6 || Math.abs(lead - 5) < 1e-6))) return fmt(v);
  return '';
}
