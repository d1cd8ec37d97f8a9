/**
 * Normalized spectral entropy H̃ over training: on the transformer, the published threshold with its
 * confidence interval, this run's first crossing after memorizing (the signal) and any later
 * re-crossings (not the signal); on models where H̃ does not collapse, one line saying so.
 */
import { PAPER_ENTROPY_CI, PAPER_ENTROPY_THRESHOLD, PAPER_LEAD_STEPS } from '../../core/meterConfig';
import { entropyCrossing, entropyRecrossings } from '../../core/phases';
import type { RunStore } from '../runStore';
import { formatInt, formatSigned } from '../format';
import { COLORS } from './colors';
import type { StepFrame } from './frame';
import { LineChart } from './LineChart';
import { comparedSeries } from './comparison';
import type { ChartReference } from './chartTypes';

interface Props {
  store: RunStore;
  frame: StepFrame;
  height: number | 'fill';
  threshold: number;
  onThreshold(t: number): void;
}

const COVARIANCE_NOTE =
  'H̃ is the entropy of the eigenvalues of the centred covariance of the activations, divided by log d: Khanh et al. report ' +
  'H̃ ≈ 0.78 at initialisation, which the centred covariance reproduces (the uncentred E[zzᵀ] gives ≈ 0.09 here).';

export function EntropyChart({ store, frame, height, threshold, onThreshold }: Props) {
  const rows = store.entropy.filter((r) => Number.isFinite(r.entropy));
  const fitStep = store.events.fitStep;
  const leads = store.leads(threshold);
  // The signal the leads are measured from: one computation, so the marker and the table agree.
  const crossing = leads?.events.entropySignal ?? null;
  const recrossings = entropyRecrossings(rows, threshold, fitStep);
  const isPaper = threshold === PAPER_ENTROPY_THRESHOLD;
  // The paper's threshold predicts on the transformer only; elsewhere it is drawn when the reader sets their own.
  const drawThreshold = store.config?.model === 'transformer' || !isPaper;
  const [ciLow, ciHigh] = PAPER_ENTROPY_CI;
  const ciSpan = [entropyCrossing(rows, ciHigh, fitStep), entropyCrossing(rows, ciLow, fitStep)] as const;
  const lowest = rows.length ? Math.min(...rows.map((r) => r.entropy)) : null;
  const last = rows.at(-1);
  const reference: ChartReference = {
    y: threshold,
    label: `H̃* = ${threshold.toFixed(3)}${isPaper ? ' (Khanh et al. 2026; band: its 95% CI)' : ' (your threshold)'}`,
    color: COLORS.threshold,
    band: isPaper ? PAPER_ENTROPY_CI : undefined,
  };
  return (
    <LineChart
      testId="chart-entropy"
      title="Spectral entropy H̃ of the penultimate layer"
      series={[
        { label: 'H̃ on 512 probe inputs', color: COLORS.entropy, x: rows.map((r) => r.step), y: rows.map((r) => r.entropy) },
        ...comparedSeries(store, (r) => r.entropy, [['H̃', COLORS.entropy, (e) => e.entropy]]),
      ]}
      {...frame}
      yKind="linear"
      yFormat={(v) => v.toFixed(2)}
      yLabel="H̃"
      markers={[
        ...frame.markers,
        ...(drawThreshold && crossing !== null ? [{ step: crossing, label: `H̃ < ${threshold.toFixed(2)}`, color: COLORS.threshold }] : []),
        ...(drawThreshold ? recrossings.map((step) => ({ step, label: 're-cross', color: COLORS.threshold, dashed: true })) : []),
      ]}
      references={drawThreshold ? [reference] : []}
      height={height}
      toolbar={
        <label className="threshold-input">
          threshold{' '}
          <input
            type="number"
            min={0.05}
            max={0.95}
            step={0.01}
            value={threshold}
            aria-label="Entropy threshold"
            onChange={(e) => {
              const t = Number(e.target.value);
              if (t > 0 && t < 1) onThreshold(t);
            }}
          />
        </label>
      }
      readout={
        <span data-testid="entropy-readout">
          {last && <>H̃ = {last.entropy.toFixed(3)}</>}
          {drawThreshold && crossing !== null && (
            <span data-testid="entropy-crossing">
              {' '}
              · first below {threshold.toFixed(3)} after memorizing at step {formatInt(crossing)}
              {isPaper && ciSpan[0] !== null && (
                <>
                  {' '}
                  (across the CI {ciLow}–{ciHigh}: steps {formatInt(ciSpan[0])}–{ciSpan[1] === null ? 'not yet' : formatInt(ciSpan[1])})
                </>
              )}
            </span>
          )}
          {drawThreshold && leads && crossing !== null && (
            <span data-testid="entropy-lead">
              {' '}
              · lead to the test rise {steps(leads.entropy.toRise)}, to 95% {steps(leads.entropy.toGrok)}, to 99%{' '}
              {steps(leads.entropy.toFull)} (paper: ~{formatInt(PAPER_LEAD_STEPS)} to 99%)
            </span>
          )}
          {drawThreshold && recrossings.length > 0 && (
            <span data-testid="entropy-recrossings"> · back above and below again {recrossings.length}× (dashed): not the signal</span>
          )}
        </span>
      }
      note={
        drawThreshold ? (
          <>
            Khanh et al. measured H̃* ≈ 0.61 on a one-layer transformer: H̃ fell below it a mean {formatInt(PAPER_LEAD_STEPS)} steps
            before test accuracy reached 99%, in 10 of 10 runs; collapse was necessary, not sufficient. The signal is the first
            crossing after memorizing; the leads shown are this run&apos;s own. {COVARIANCE_NOTE}
          </>
        ) : (
          <span data-testid="entropy-no-collapse">
            H̃ does not collapse on the {store.config?.model ?? ''} network
            {lowest !== null && <> (lowest so far {lowest.toFixed(2)})</>}: the 0.61 threshold, measured on a transformer, is not
            drawn here. {COVARIANCE_NOTE}
          </span>
        )
      }
    />
  );
}

const steps = (v: number | null) => (v === null ? '—' : `${formatSigned(v)} steps`);
