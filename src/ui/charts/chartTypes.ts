/** What a step-axis chart is given to draw: shared by the charts and the run store, which builds markers and bands. */

export interface ChartSeries {
  label: string;
  color: string;
  dash?: number[];
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Optional uncertainty band drawn under the line (e.g. ± one standard error). */
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
  /** A dot at every point (for sparse series such as the LLC's); hollow where `hollow[i]` is true. */
  dots?: { hollow: ArrayLike<boolean> };
}

/** A shaded step range behind the data, e.g. a training phase. */
export interface ChartBand {
  from: number;
  to: number;
  label: string;
  color: string;
}

export interface ChartMarker {
  step: number;
  label: string;
  color: string;
  dashed?: boolean;
}

export type AxisKind = 'log' | 'linear';

/** A horizontal reference line, e.g. chance accuracy. */
export interface ChartReference {
  y: number;
  label: string;
  color?: string;
  /** A shaded range around the line, e.g. the reference's confidence interval. */
  band?: readonly [number, number];
}
