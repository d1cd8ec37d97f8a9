/** A gauge for the latest LLC estimate, from sharp to flat: it says how the basin looks, not whether the network generalizes. */
import { arc, scaleLog } from 'd3';
import type { LlcRow } from '../core/meterConfig';
import { PRESENT_CHART_STYLE, useChartStyle } from './charts/chartStyle';
import { ChainTrace } from './ChainTrace';
import { useElementSize } from './useElementSize';
import { formatInt, formatSci } from './format';
import { llcReading } from './llcWords';

const RANGE: [number, number] = [1e-4, 100];
const W = 260;
const R = 100;
const H = R + 34;
const TICKS = [1e-4, 0.01, 1, 100];
/** At 20 px the end labels would sit on "flat" and "sharp": in presentation mode the ends are named by those words alone. */
const PRESENT_TICKS = [0.01, 1];

interface Props {
  rows: LlcRow[];
  training: boolean;
  /** Estimates on their way from the estimator's worker. */
  pending: number;
  loss: 'ce' | 'mse' | null;
}

export function FlatnessMeter({ rows, training, pending, loss }: Props) {
  const last = rows.at(-1);
  const angle = scaleLog().domain(RANGE).range([-Math.PI / 2, Math.PI / 2]).clamp(true);
  const track = arc()({ innerRadius: R - 18, outerRadius: R, startAngle: -Math.PI / 2, endAngle: Math.PI / 2 }) ?? '';
  const value = last && Number.isFinite(last.llc) ? last.llc : null;
  // A negative estimate has no place on a log dial, and pinning it to "flat" would read as one: no needle.
  const a = value !== null && value > 0 ? angle(Math.max(value, RANGE[0])) : null;
  // The needle stops at the end of the dial; the reading says it is past it, and by how much.
  const offScale =
    value === null
      ? null
      : value <= 0
        ? 'negative, so these weights are not at a minimum and there is no flatness to read'
        : value > RANGE[1]
          ? `above the dial's ${RANGE[1]}`
          : value < RANGE[0]
            ? `below the dial's ${RANGE[0]}`
            : null;
  const s = last?.settings;
  // The dial is an SVG scaled to its column: in presentation mode its labels are sized in screen pixels
  // (chart text there is 20 px), converted to the dial's own units at the scale it is drawn at.
  const style = useChartStyle();
  const [box, boxW, boxH] = useElementSize<HTMLDivElement>();
  const scale = boxW > 0 && boxH > 0 ? Math.min(boxW / W, boxH / H) : 1;
  const label = style === PRESENT_CHART_STYLE ? { fontSize: style.font / scale } : undefined;
  return (
    <section className="panel meter" aria-label="Flatness meter" data-testid="flatness-meter">
      <div className="meter-title">
        Flatness meter <span className="muted">(LLC estimate)</span>
      </div>
      <div ref={box} className="meter-dial">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" overflow="visible" role="img" aria-label={value !== null ? `LLC estimate ${formatSci(value)}` : 'no LLC estimate yet'}>
        <defs>
          <linearGradient id="flatness" x1="0" x2="1">
            <stop offset="0" stopColor="#009E73" />
            <stop offset="0.5" stopColor="#F0E442" />
            <stop offset="1" stopColor="#D55E00" />
          </linearGradient>
        </defs>
        <g transform={`translate(${W / 2},${R + 6})`}>
          <path d={track} fill="url(#flatness)" opacity={0.85} />
          {(label ? PRESENT_TICKS : TICKS).map((t) => {
            const ta = angle(t);
            return (
              <text key={t} x={Math.sin(ta) * (R + 12)} y={-Math.cos(ta) * (R + 12) + 4} textAnchor="middle" className="meter-tick" style={label}>
                {/* Plain numbers on the dial: a student reads 0.0001 more easily than 1e-4. */}
                {String(t)}
              </text>
            );
          })}
          {a !== null && (
            <g transform={`rotate(${(a * 180) / Math.PI})`} data-testid="meter-needle">
              <line y1={6} y2={-(R - 4)} style={{ stroke: 'var(--needle)' }} strokeWidth={3} strokeLinecap="round" />
              <circle r={7} style={{ fill: 'var(--needle)' }} />
            </g>
          )}
          <text x={-R} y={22} textAnchor="start" className="meter-end" style={label}>
            flat
          </text>
          <text x={R} y={22} textAnchor="end" className="meter-end" style={label}>
            sharp
          </text>
        </g>
      </svg>
      </div>
      <div className="meter-value" data-testid="llc-value">
        {value !== null ? (
          <>
            λ̂ = <b>{formatSci(value)}</b> ± {formatSci(last!.stdErr)}{' '}
            <span className="muted">at step {formatInt(last!.step)}</span>
            {offScale && (
              <span className="meter-off-scale" data-testid="llc-off-scale">
                {' '}
                (off the scale: {offScale})
              </span>
            )}
          </>
        ) : (
          <span className="muted">{training || pending > 0 ? 'first estimate coming…' : 'no estimate yet'}</span>
        )}
      </div>
      {pending > 0 && (
        <div className="muted small" data-testid="llc-pending">
          {pending} more {pending === 1 ? 'estimate' : 'estimates'} on the way from the estimator&apos;s own worker
          {training ? ', newest first' : ''}.
        </div>
      )}
      {s && last && (
        <div className="meter-settings" data-testid="llc-settings">
          SGLD: ε {formatSci(s.epsilon)} · γ {formatSci(s.gamma)} · nβ {formatSci(last.nBeta)} · {s.chains} chains × {s.draws}{' '}
          draws (+{s.burnIn} burn-in) · batch {s.batchSize}.{' '}
          {last.converged
            ? `Converged: the chains levelled off and agree, within ${last.distance.toFixed(2)}×‖w*‖ of w*.`
            : 'Not converged: the chains were still moving or disagree, so this is how far they got, not the basin.'}{' '}
          An estimate: compare values only at the same settings.
        </div>
      )}
      {loss && <p className="meter-reading muted small" data-testid="llc-reading">{llcReading(loss, 'short')}</p>}
      {last && last.trace.length > 0 && <ChainTrace row={last} />}
      {last?.warnings.map((w) => (
        <div key={w} className="meter-warning" data-testid="llc-warning">
          ⚠ {w}
        </div>
      ))}
    </section>
  );
}
