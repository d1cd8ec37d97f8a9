import type { RunStore } from '../runStore';
import { formatSci } from '../format';
import { COLORS } from './colors';
import type { StepFrame } from './frame';
import { comparisonSeries } from './comparison';
import { LineChart } from './LineChart';

interface Props {
  store: RunStore;
  frame: StepFrame;
  height: number | 'fill';
}

export function LossChart({ store, frame, height }: Props) {
  const s = store.series;
  const last = store.latest();
  const smoothing = store.config?.labelSmoothing ?? 0;
  // Smoothed targets give the loss a floor above 0 (their own entropy): the title says why it levels off.
  const lossName = store.config?.loss === 'mse' ? 'MSE' : smoothing > 0 ? `cross-entropy, label smoothing ${smoothing}` : 'cross-entropy';
  return (
    <LineChart
      testId="chart-loss"
      title={`Loss (${lossName}, log scale)`}
      series={[
        { label: 'train', color: COLORS.train, x: s.step, y: s.trainLoss },
        { label: 'test', color: COLORS.test, x: s.step, y: s.testLoss },
        ...comparisonSeries(store, [
          ['train', COLORS.train, (m) => m.trainLoss],
          ['test', COLORS.test, (m) => m.testLoss],
        ]),
      ]}
      {...frame}
      yKind="log"
      yFormat={formatSci}
      yLabel="loss"
      height={height}
      readout={
        last && (
          <>
            train <b data-testid="train-loss">{formatSci(last.trainLoss)}</b> · test <b data-testid="test-loss">{formatSci(last.testLoss)}</b>
          </>
        )
      }
    />
  );
}
