/**
 * Sizes every step-axis chart draws with: the page's, and presentation mode's, where a projector's
 * back row must read ticks and labels (≥ 20 px) and lines (≥ 4 px). Provided by context so a chart
 * never needs to know which mode it is in.
 */
import { createContext, useContext } from 'react';

export interface ChartStyle {
  margin: { top: number; right: number; bottom: number; left: number };
  lineWidth: number;
  /** Tick, axis and marker label size, px. */
  font: number;
  /** Rows of marker labels above the plot (the top margin holds them). */
  markerRows: number;
}

export const PAGE_CHART_STYLE: ChartStyle = { margin: { top: 40, right: 18, bottom: 40, left: 62 }, lineWidth: 2.5, font: 13, markerRows: 2 };
export const PRESENT_CHART_STYLE: ChartStyle = { margin: { top: 34, right: 26, bottom: 64, left: 94 }, lineWidth: 4.5, font: 20, markerRows: 1 };

export const ChartStyleContext = createContext<ChartStyle>(PAGE_CHART_STYLE);

export const useChartStyle = (): ChartStyle => useContext(ChartStyleContext);

/** A label's width in px, estimated (no layout pass): ~0.6 em per character in the UI font. */
export const textWidth = (text: string, font: number): number => text.length * font * 0.6;

/**
 * The row (0 = nearest the plot) of each marker's label so that no two overlap, given each label's
 * centre x and width; null where no row is free (the line stays, the chart's summary names it).
 * Earlier entries win: callers list fit and grok before the hyperparameter changes.
 */
export function labelRows(labels: { x: number; width: number }[], rows: number, gap = 8): (number | null)[] {
  const taken: Array<Array<[number, number]>> = Array.from({ length: rows }, () => []);
  return labels.map(({ x, width }) => {
    const span: [number, number] = [x - width / 2 - gap / 2, x + width / 2 + gap / 2];
    const row = taken.findIndex((spans) => spans.every(([a, b]) => span[1] <= a || span[0] >= b));
    if (row < 0) return null;
    taken[row].push(span);
    return row;
  });
}
