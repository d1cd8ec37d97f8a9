import type { RunStore } from '../runStore';
import { formatPct } from '../format';
import { COLORS } from './colors';
import type { StepFrame } from './frame';
import { comparisonSeries } from './comparison';
import { LineChart } from './LineChart';

interface Props {
  store: RunStore;
  frame: StepFrame;
  height: number | 'fill';
  toolbar?: React.ReactNode;
}

export function AccuracyChart({ store, frame, height, toolbar }: Props) {
  const s = store.series;
  const last = store.latest();
  const chance = store.config ? 1 / store.config.p : 0;
  return (
    <LineChart
      testId="chart-accuracy"
      title="Accuracy"
      series={[
        { label: 'train', color: COLORS.train, x: s.step, y: s.trainAcc },
        { label: 'test (unseen pairs)', color: COLORS.test, x: s.step, y: s.testAcc },
        ...comparisonSeries(store, [
          ['train', COLORS.train, (m) => m.trainAcc],
          ['test', COLORS.test, (m) => m.testAcc],
        ]),
      ]}
      {...frame}
      yKind="linear"
      yDomain={[0, 1]}
      yFormat={(v) => `${Math.round(v * 100)}%`}
      yLabel="accuracy"
      references={chance > 0 ? [{ y: chance, label: `chance (1/${store.config!.p})` }] : []}
      labelBands
      height={height}
      toolbar={toolbar}
      readout={
        last && (
          <>
            train <b data-testid="train-acc">{formatPct(last.trainAcc)}</b> · test{' '}
            <b data-testid="test-acc">{formatPct(last.testAcc)}</b>
            <span className="muted"> · chance {formatPct(chance)}</span>
          </>
        )
      }
    />
  );
}
