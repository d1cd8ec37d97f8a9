/** The LLC estimate over training, on the accuracy chart's step axis, with theory where it is on scale. */
import type { LlcRow } from '../../core/meterConfig';
import { llcReading } from '../llcWords';
import { MeterLeads } from '../MeterLeads';
import { quadraticTheoryLlc } from '../../core/meterConfig';
import type { RunStore } from '../runStore';
import { formatInt, formatSci } from '../format';
import { COLORS } from './colors';
import type { StepFrame } from './frame';
import { LineChart, type ChartMarker, type ChartSeries } from './LineChart';
import { comparedSeries } from './comparison';

interface Props {
  store: RunStore;
  frame: StepFrame;
  height: number | 'fill';
  /** The entropy threshold in force, for the leads table. */
  threshold: number;
}

/** The compared run's estimates, dashed (null where all its chains diverged). */
const comparedLlc = (store: RunStore): ChartSeries[] =>
  comparedSeries(store, (r) => r.llc.filter((e): e is typeof e & { llc: number } => e.llc !== null), [['λ̂', COLORS.llc, (e) => e.llc]]);

const sameSettings = (a: LlcRow, b: LlcRow) => JSON.stringify(a.settings) === JSON.stringify(b.settings);

export function LlcChart({ store, frame, height, threshold }: Props) {
  const leads = store.leads(threshold);
  const rows = store.llc.filter((r) => Number.isFinite(r.llc));
  const steps = rows.map((r) => r.step);
  const values = rows.map((r) => r.llc);
  const last = rows.at(-1);
  const allConverged = rows.length > 0 && rows.every((r) => r.converged);
  const peak = values.length ? Math.max(...values) : 0;
  // Rows measured under other estimator settings are not comparable: mark where they change.
  const settingsMarkers: ChartMarker[] = rows
    .filter((r, i) => i > 0 && !sameSettings(r, rows[i - 1]))
    .map((r) => ({ step: r.step, label: 'LLC settings changed', color: COLORS.llc, dashed: true }));
  const config = store.config;
  const theory = config?.model === 'quadratic' ? quadraticTheoryLlc(config.p, config.width, config.loss) : null;
  const onScale = (theory?.values ?? []).filter((t) => peak > 0 && t.value <= peak * 3);
  return (
    <LineChart
      testId="chart-llc"
      title="Local learning coefficient (LLC estimate)"
      series={[
        // Estimates whose chains had not levelled off are drawn dashed; converged ones solid on top.
        {
          label: allConverged ? 'λ̂ on training data, converged (± s.e. across chains)' : 'λ̂, chains not levelled off (± s.e.)',
          color: COLORS.llc,
          dash: allConverged ? undefined : [5, 4],
          x: steps,
          y: values,
          lower: rows.map((r) => Math.max(r.llc - r.stdErr, r.llc / 10)),
          upper: rows.map((r) => r.llc + r.stdErr),
          // Every estimate is a dot (they are sparse); hollow when its chains had not converged.
          dots: { hollow: rows.map((r) => !r.converged) },
        },
        ...(!allConverged && rows.some((r) => r.converged)
          ? [{ label: 'λ̂, converged', color: COLORS.llc, x: steps, y: rows.map((r) => (r.converged ? r.llc : NaN)) }]
          : []),
        ...comparedLlc(store),
      ]}
      {...frame}
      yKind="log"
      yFormat={formatSci}
      yLabel="λ̂ (log)"
      markers={[...frame.markers, ...settingsMarkers]}
      references={onScale.map((t) => ({ y: t.value, label: `theory: ${t.label}`, color: COLORS.llc }))}
      height={height}
      readout={
        last && (
          <>
            λ̂ = {formatSci(last.llc)} at step {formatInt(last.step)}
            {!last.converged && <span data-testid="llc-not-converged"> · not converged</span>}
          </>
        )
      }
      note={
        <>
          High λ̂: a sharp basin (many directions in which the loss rises); low: a flat, degenerate one. Values
          compare only at the same estimator settings.
          {theory && (
            <>
              {' '}
              This network has D = {formatInt(theory.params)} parameters; no LLC exceeds D/2 = {formatInt(theory.ceiling)}.{' '}
              {theory.values.length > 0 &&
                `Theory (Cullen et al. 2026, p = ${config!.p}, K = ${config!.width}): ${theory.values.map((t) => `${t.label} = ${formatInt(Math.round(t.value))}`).join('; ')}. `}
              {theory.omitted}
            </>
          )}
          {config && <> {llcReading(config.loss)}</>}
          {leads && <MeterLeads leads={leads} threshold={threshold} />}
        </>
      }
    />
  );
}
