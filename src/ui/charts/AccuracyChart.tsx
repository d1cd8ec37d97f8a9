import type { RunStore } from '../runStore';
import { formatPct } from '../format';
import { COLORS } from './colors';
import { LineChart, type AxisKind } from './LineChart';

interface Props {
  store: RunStore;
  xKind: AxisKind;
  xMax: number;
  height: number;
  toolbar?: React.ReactNode;
}

export function AccuracyChart({ store, xKind, xMax, height, toolbar }: Props) {
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
      ]}
      xKind={xKind}
      xMax={xMax}
      yKind="linear"
      yDomain={[0, 1]}
      yFormat={(v) => `${Math.round(v * 100)}%`}
      yLabel="accuracy"
      references={chance > 0 ? [{ y: chance, label: `chance (1/${store.config!.p})` }] : []}
      markers={store.markers()}
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
