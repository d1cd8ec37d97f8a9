/**
 * Nanda et al.'s progress measures beside the train and test loss: the training loss with only the
 * key Fourier frequencies of a ± b kept in the logits (restricted) and with them removed (excluded).
 * The restricted loss falling while the test loss is still high is the hidden progress before the jump.
 */
import { progressDefined } from '../../core/fourier';
import { chanceLoss, RESTRICTED_SIGNAL_SHARE } from '../../core/leads';
import { formatInt, formatSci, formatSigned } from '../format';
import type { RunStore } from '../runStore';
import { COLORS } from './colors';
import type { StepFrame } from './frame';
import { LineChart } from './LineChart';
import { comparedSeries } from './comparison';

interface Props {
  store: RunStore;
  frame: StepFrame;
  height: number | 'fill';
  threshold: number;
  /** Steps between measurements, for the caption. */
  every: number;
}

const present = (rows: readonly { step: number; restrictedLoss: number | null; excludedLoss: number | null }[]) =>
  rows.filter((r) => r.restrictedLoss !== null && r.excludedLoss !== null) as { step: number; restrictedLoss: number; excludedLoss: number }[];

export function ProgressChart({ store, frame, height, threshold, every }: Props) {
  const s = store.series;
  const rows = present(store.fourier);
  const last = store.fourier.at(-1);
  const config = store.config;
  const leads = store.leads(threshold);
  const signalAt = config ? RESTRICTED_SIGNAL_SHARE * chanceLoss(config.loss, config.p) : null;
  const defined = !config || progressDefined(config);
  return (
    <LineChart
      testId="chart-progress"
      title="Progress measures (Nanda et al.): is the algorithm forming?"
      series={[
        { label: 'train loss', color: COLORS.train, x: s.step, y: s.trainLoss },
        { label: 'test loss', color: COLORS.test, x: s.step, y: s.testLoss },
        { label: 'restricted loss', color: COLORS.llc, x: rows.map((r) => r.step), y: rows.map((r) => r.restrictedLoss) },
        { label: 'excluded loss', color: COLORS.norm, x: rows.map((r) => r.step), y: rows.map((r) => r.excludedLoss) },
        ...comparedSeries(store, (r) => present(r.progress), [
          ['restricted', COLORS.llc, (e) => e.restrictedLoss],
          ['excluded', COLORS.norm, (e) => e.excludedLoss],
        ]),
      ]}
      references={signalAt ? [{ y: signalAt, label: `signal: ${RESTRICTED_SIGNAL_SHARE} × chance`, color: COLORS.threshold }] : []}
      {...frame}
      yKind="log"
      yFormat={formatSci}
      yLabel="loss"
      height={height}
      readout={
        defined ? (
          last && (
            <span data-testid="progress-readout">
              key frequencies <b data-testid="progress-keys">{last.keyFrequencies.join(', ') || 'none'}</b> · restricted{' '}
              <b data-testid="restricted-loss">{last.restrictedLoss === null ? '—' : formatSci(last.restrictedLoss)}</b> · excluded{' '}
              <b data-testid="excluded-loss">{last.excludedLoss === null ? '—' : formatSci(last.excludedLoss)}</b>
              {leads && (
                <>
                  {' '}
                  · signal at <b data-testid="restricted-signal">{leads.events.restrictedSignal === null ? '—' : formatInt(leads.events.restrictedSignal)}</b>, lead to
                  the test rise <b>{formatSigned(leads.restricted.toRise)}</b>, to 95% <b>{formatSigned(leads.restricted.toGrok)}</b>
                </>
              )}
            </span>
          )
        ) : (
          <span data-testid="progress-readout">not measured for {config?.task}: its algorithm runs over discrete logarithms, not a ± b</span>
        )
      }
      note={
        <>
          <b>Restricted loss</b>: the training loss when the logits keep only their key-frequency terms in a ± b (and each
          answer's mean): low once the Fourier algorithm alone answers the training pairs. <b>Excluded loss</b>: the training
          loss with those terms removed: it rises once the network needs the algorithm even on pairs it could have memorized.
          Key frequencies are the embeddings' (the Fourier view), read off the network as it is now; with none (the quadratic
          network spreads over ~20) the restricted loss stays near the chance loss and the excluded one is the train loss.
          Measured every {formatInt(every)} steps on all p² pairs.
        </>
      }
    />
  );
}
