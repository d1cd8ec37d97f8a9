/** One panel by name (the full page and embeds list panels by these names). */
import type { ReactNode } from 'react';
import type { Panel } from '../core/url';
import { AccuracyChart } from './charts/AccuracyChart';
import { EntropyChart } from './charts/EntropyChart';
import { FourierChart } from './charts/FourierChart';
import type { StepFrame } from './charts/frame';
import { LandscapeChart } from './charts/LandscapeChart';
import { LlcChart } from './charts/LlcChart';
import { LossChart } from './charts/LossChart';
import { ProgressChart } from './charts/ProgressChart';
import { WeightNormChart } from './charts/WeightNormChart';
import { FlatnessMeter } from './FlatnessMeter';
import type { RunStore } from './runStore';
import type { Settings, SettingsAction } from './settings';

interface Props {
  name: Panel;
  store: RunStore;
  frame: StepFrame;
  settings: Settings;
  dispatch(action: SettingsAction): void;
  /** Smaller, for embeds. */
  compact?: boolean;
  /** Controls drawn in the accuracy chart's corner (the step-axis toggle). */
  toolbar?: ReactNode;
  /** Take the height the layout gives (presentation mode) instead of the panel's own. */
  fill?: boolean;
  /** Frequency ablation in the Fourier panel (evaluation only). */
  onAblate?(frequencies: number[]): void;
}

export function ChartPanel({ name, store, frame, settings, dispatch, compact = false, toolbar, fill = false, onAblate = () => {} }: Props) {
  const h = (own: number) => (fill ? 'fill' : own);
  switch (name) {
    case 'accuracy':
      return <AccuracyChart store={store} frame={frame} height={h(compact ? 260 : 300)} toolbar={toolbar} />;
    case 'llc':
      return <LlcChart store={store} frame={frame} height={h(190)} threshold={settings.threshold} />;
    case 'entropy':
      return (
        <EntropyChart store={store} frame={frame} height={h(190)} threshold={settings.threshold} onThreshold={(threshold) => dispatch({ type: 'threshold', threshold })} />
      );
    case 'loss':
      return <LossChart store={store} frame={frame} height={h(220)} />;
    case 'fourier':
      return <FourierChart store={store} frame={frame} height={h(170)} onAblate={onAblate} every={settings.meters.fourierEvery} />;
    case 'progress':
      return <ProgressChart store={store} frame={frame} height={h(220)} threshold={settings.threshold} every={settings.meters.fourierEvery} />;
    case 'norm':
      return <WeightNormChart store={store} frame={frame} height={h(220)} />;
    case 'landscape':
      return (
        <LandscapeChart
          slice={store.views().slice}
          message={store.sliceMessage}
          settings={settings.landscape}
          onSettings={(landscape) => dispatch({ type: 'landscape', landscape })}
        />
      );
    case 'meter':
      return <FlatnessMeter rows={store.upToCursor(store.llc)} training={store.status.state === 'running'} pending={store.status.llcPending} loss={store.config?.loss ?? null} />;
  }
}
