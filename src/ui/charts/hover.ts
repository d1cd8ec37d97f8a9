/** What the hover line reads: each series' own measured point nearest the pointer's step. */
import { bisector } from 'd3';
import type { AxisKind, ChartSeries } from './chartTypes';

export interface HoverReading {
  step: number;
  /** "label: value" for each series that has a point near that step. */
  values: string[];
}

const nearest = bisector((d: number) => d).center;

/**
 * The step is the first series' point nearest `step`; every series is then looked up by its own
 * steps (an imported run or a meter is measured on another schedule), and a series with no point
 * `near` that step says so rather than show another step's value.
 */
export function hoverReading(
  series: ChartSeries[],
  step: number,
  xKind: AxisKind,
  fmt: (v: number) => string,
  near: (a: number, b: number) => boolean,
): HoverReading | null {
  const first = series.find((s) => s.x.length > 0);
  if (!first) return null;
  const at = (s: ChartSeries, target: number) => Math.min(s.x.length - 1, nearest(Array.from(s.x), target));
  const snapped = first.x[at(first, step)];
  if (xKind === 'log' && snapped < 1) return null;
  const values = series
    .filter((s) => s.x.length > 0)
    .map((s) => {
      const i = at(s, snapped);
      return near(s.x[i], snapped) ? `${s.label}: ${fmt(s.y[i])}` : `${s.label}: —`;
    });
  return { step: snapped, values };
}
