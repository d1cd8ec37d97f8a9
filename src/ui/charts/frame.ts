import type { AxisKind, ChartBand, ChartMarker } from './chartTypes';

/** What every step-axis chart shares, so their axes line up and their markers agree. */
export interface StepFrame {
  xKind: AxisKind;
  xMax: number;
  markers: ChartMarker[];
  bands: ChartBand[];
  /** The step the reader scrubbed to (every chart reads its values there); null: live. */
  cursor: number | null;
}
