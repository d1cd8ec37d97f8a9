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

export function LossChart({ store, xKind, xMax, height }: Props) {
  const s = store.series;
  const last = store.latest();
  const lossName = store.config?.loss === 'mse' ? 'MSE' : 'cross-entropy';
  return (
    <LineChart
      testId="chart-loss"
      title={`Loss (${lossName}, log scale)`}
      series={[
        { label: 'train', color: COLORS.train, x: s.step, y: s.trainLoss },
        { label: 'test', color: COLORS.test, x: s.step, y: s.testLoss },
      ]}
      xKind={xKind}
      xMax={xMax}
      yKind="log"
      yFormat={formatSci}
      yLabel="loss"
      markers={store.markers()}
      height={height}
      readout={
        last && (
          <>
            {formatSci(last.trainLoss)} · {formatSci(last.testLoss)}
          </>
        )
      }
    />
  );
}
