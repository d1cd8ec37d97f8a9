import type { RunStore } from '../runStore';
import { formatSci } from '../format';
import { COLORS } from './colors';
import { LineChart, type AxisKind } from './LineChart';

interface Props {
  store: RunStore;
  xKind: AxisKind;
  xMax: number;
  height: number;
}

/** ‖w‖₂ over all parameters: weight decay pulls it down as the network trades memorization for structure. */
export function WeightNormChart({ store, xKind, xMax, height }: Props) {
  const s = store.series;
  const last = store.latest();
  return (
    <LineChart
      testId="chart-norm"
      title="Weight norm ‖w‖₂"
      series={[{ label: 'all parameters', color: COLORS.norm, x: s.step, y: s.weightNorm }]}
      xKind={xKind}
      xMax={xMax}
      yKind="linear"
      yFormat={formatSci}
      yLabel="‖w‖₂"
      markers={store.markers()}
      height={height}
      readout={last && <>{formatSci(last.weightNorm)}</>}
    />
  );
}
