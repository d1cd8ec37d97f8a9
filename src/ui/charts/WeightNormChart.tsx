import type { RunStore } from '../runStore';
import { formatSci } from '../format';
import { COLORS } from './colors';
import type { StepFrame } from './frame';
import { LineChart } from './LineChart';

interface Props {
  store: RunStore;
  frame: StepFrame;
  height: number | 'fill';
}

/** ‖w‖₂ over all parameters: weight decay pulls it down as the network trades memorization for structure. */
export function WeightNormChart({ store, frame, height }: Props) {
  const s = store.series;
  const last = store.latest();
  return (
    <LineChart
      testId="chart-norm"
      title="Weight norm ‖w‖₂"
      series={[{ label: 'all parameters', color: COLORS.norm, x: s.step, y: s.weightNorm }]}
      {...frame}
      yKind="linear"
      yFormat={formatSci}
      yLabel="‖w‖₂"
      height={height}
      readout={last && <>{formatSci(last.weightNorm)}</>}
    />
  );
}
