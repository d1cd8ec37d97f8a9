/**
 * The latest LLC estimate's chain-loss trace, on demand: each chain's loss over its draws (after
 * burn-in) with L_n(w*) below. A chain that has levelled off ends flat; one still climbing has
 * not reached what the estimate should measure. devinterp users read the same plot.
 */
import { extent, line, scaleLinear } from 'd3';
import { MAX_DRIFT, type LlcRow } from '../core/meterConfig';
import { formatInt, formatSci, formatWholePct as pct } from './format';

const W = 236;
const H = 90;
const PAD = { left: 4, right: 4, top: 6, bottom: 6 };
const COLORS = ['#7b3294', '#c2a5cf', '#008837', '#a6dba0'];

export function ChainTrace({ row }: { row: LlcRow }) {
  const values = row.trace.flat().concat(row.centerLoss);
  const [lo, hi] = extent(values) as [number, number];
  const draws = Math.max(...row.trace.map((c) => c.length), 2);
  const x = scaleLinear().domain([0, draws - 1]).range([PAD.left, W - PAD.right]);
  const y = scaleLinear().domain([lo, hi === lo ? lo + 1 : hi]).range([H - PAD.bottom, PAD.top]);
  const path = line<number>().x((_, i) => x(i)).y((v) => y(v));
  return (
    <details className="chain-trace" data-testid="llc-trace">
      <summary>Chain loss trace (step {formatInt(row.step)})</summary>
      <svg width="100%" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Loss of ${row.trace.length} SGLD chains over their draws; ${row.converged ? 'levelled off' : 'not levelled off'}`}>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(row.centerLoss)} y2={y(row.centerLoss)} style={{ stroke: 'var(--axis)' }} strokeDasharray="3 3" />
        {row.trace.map((c, i) => (
          <path key={i} d={path(c) ?? ''} fill="none" stroke={COLORS[i % COLORS.length]} strokeWidth={1.5} />
        ))}
      </svg>
      <div className="muted">
        {row.trace.length} chains × {row.settings.draws} draws (block-averaged); dashed: L(w*) = {formatSci(row.centerLoss)}.{' '}
        {row.converged ? levelled(row) : notConverged(row)}{' '}
        Mean distance from w*: {row.distance.toFixed(2)} × ‖w*‖.
      </div>
    </details>
  );
}

/** What the check saw, in numbers; the warning under the meter says what to do about it. */
function notConverged(row: LlcRow): string {
  return `Not converged: ${pct(row.drift)} between the last two thirds, a trend of ${pct(row.trend)} across the draws, chains ${pct(row.chainSpread)} apart.`;
}

/** A pass shows its numbers too: a change over 10% passes only where the chains' own noise is as large. */
function levelled(row: LlcRow): string {
  return `The chains levelled off and agree: ${pct(row.drift)} between the last two thirds and a trend of ${pct(row.trend)}, each under ${pct(MAX_DRIFT)} or within the chains' noise; chains ${pct(row.chainSpread)} apart.`;
}
