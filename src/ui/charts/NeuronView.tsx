/**
 * Each hidden unit's own frequency (a column per frequency, a square per unit, darker = more of its
 * power on that frequency), and one chosen unit's embedding weights over a = 0 … p − 1 with the
 * cosine cos(2πka/p + φ) fitted to them: Gromov's analytic solution, visible in the live weights.
 */
import { line, scaleBand, scaleLinear } from 'd3';
import { useState } from 'react';
import type { ModelKind } from '../../core/config';
import { cosineFit, unitColumns, type FourierRow, type UnitWeights } from '../../core/fourier';
import { formatInt, formatPct } from '../format';
import { pageColor } from '../theme';
import { useElementSize } from '../useElementSize';
import { COLORS } from './colors';

const MAP_HEIGHT = 120;
const PLOT_HEIGHT = 150;
const PAD = { top: 8, right: 12, bottom: 24, left: 44 };
// Not train/test blue and orange: these are two weight tables, not the two splits.
const TABLE_COLORS = () => [COLORS.norm, COLORS.grok];
/** Below this width the axis labels take their short form (phones). */
const WIDE = 600;
/** Points per residue on the drawn cosine, so it reads as a smooth curve. */
const CURVE_STEPS = 8;

interface Props {
  row: FourierRow;
  embedding: UnitWeights | null;
  model: ModelKind;
  p: number;
  width: number;
  /** Presentation mode: only the chosen unit's plot, this tall. */
  plotOnly?: number;
}

/** Units grouped by their strongest frequency, purest at the bottom; the purest unit is shown until one is picked. */
export function NeuronView({ row, embedding, model, p, width, plotOnly }: Props) {
  const [picked, setPicked] = useState<number | null>(null);
  const [ref, boxWidth] = useElementSize<HTMLDivElement>();
  const freqs = row.power.map((_, i) => i + 1);
  const units = row.unitFrequency.map((k, u) => ({ u, k, share: row.unitShare[u] }));
  const purest = units.reduce((best, x) => (x.share > best.share ? x : best), units[0]);
  const unit = picked !== null && picked < units.length ? units[picked] : purest;
  const byFreq = new Map<number, typeof units>();
  for (const x of [...units].sort((a, b) => b.share - a.share)) byFreq.set(x.k, [...(byFreq.get(x.k) ?? []), x]);
  const tallest = Math.max(1, ...[...byFreq.values()].map((v) => v.length));
  const x = scaleBand<number>().domain(freqs).range([PAD.left, Math.max(PAD.left + 10, boxWidth - PAD.right)]).padding(0.1);
  const cell = Math.min(x.bandwidth(), (MAP_HEIGHT - PAD.top - PAD.bottom) / tallest);
  const base = MAP_HEIGHT - PAD.bottom;
  return (
    <div ref={ref} className="neuron-view" data-testid="neuron-view">
      {boxWidth > 0 && unit && (
        <>
          {!plotOnly && (
          <svg width={boxWidth} height={MAP_HEIGHT} className="chart-svg" role="group" aria-label={`Hidden units by their own frequency at step ${formatInt(row.step)}; press a unit to see its weights`}>
            <text x={PAD.left - 6} y={PAD.top + 8} textAnchor="end" className="tick">
              units
            </text>
            {[...byFreq.entries()].map(([k, list]) =>
              list.map((v, i) => (
                <rect
                  key={v.u}
                  x={x(k)! + (x.bandwidth() - cell) / 2}
                  y={base - (i + 1) * cell}
                  width={Math.max(1, cell - 1)}
                  height={Math.max(1, cell - 1)}
                  fill={COLORS.llc}
                  opacity={0.15 + 0.85 * v.share}
                  stroke={v.u === unit.u ? pageColor('ink') : 'none'}
                  strokeWidth={2}
                  role="button"
                  tabIndex={0}
                  aria-label={`unit ${v.u}: frequency ${k}, ${formatPct(v.share)} of its power`}
                  data-unit={v.u}
                  onClick={() => setPicked(v.u)}
                  onKeyDown={(e) => e.key === 'Enter' && setPicked(v.u)}
                />
              )),
            )}
            {freqs
              .filter((k) => k === 1 || k % 5 === 0)
              .map((k) => (
                <text key={k} x={x(k)! + x.bandwidth() / 2} y={base + 14} textAnchor="middle" className="tick">
                  {k}
                </text>
              ))}
            <text x={boxWidth - PAD.right} y={MAP_HEIGHT - 2} textAnchor="end" className="axis-label">
              {boxWidth >= WIDE ? "each unit's strongest frequency (darker: more of its power there)" : "each unit's frequency"}
            </text>
          </svg>
          )}
          {embedding && embedding.first.length >= (model === 'transformer' ? p : 2 * p) * width ? (
            <UnitPlot
              columns={unitColumns(model, p, embedding.first, width, unit.u)}
              k={unit.k}
              share={unit.share}
              unit={unit.u}
              step={embedding.step}
              boxWidth={boxWidth}
              model={model}
              height={plotOnly ?? PLOT_HEIGHT}
            />
          ) : (
            <p className="muted small">The chosen unit's weights appear with the next Fourier view.</p>
          )}
        </>
      )}
    </div>
  );
}

interface PlotProps {
  columns: number[][];
  k: number;
  share: number;
  unit: number;
  step: number;
  boxWidth: number;
  model: ModelKind;
  height: number;
}

/**
 * The unit's weights (dots), one colour per table, each with its fitted cosine (line). Residues are
 * placed at k·a mod p: cos(2πka/p + φ) = cos(2π(ka mod p)/p + φ), so a unit on frequency k traces
 * one period of a cosine instead of k crowded ones.
 */
function UnitPlot({ columns, k, share, unit, step, boxWidth, model, height }: PlotProps) {
  const p = columns[0].length;
  const fits = columns.map((c) => cosineFit(c, k));
  const all = columns.flat();
  const x = scaleLinear().domain([0, p]).range([PAD.left, boxWidth - PAD.right]);
  const y = scaleLinear().domain([Math.min(...all), Math.max(...all)]).nice().range([height - PAD.bottom, PAD.top]);
  const curve = (f: (typeof fits)[number]) =>
    line<number>()
      .x((t) => x(t))
      .y((t) => y(f.mean + f.amplitude * Math.cos((2 * Math.PI * t) / p + f.phase)))(Array.from({ length: p * CURVE_STEPS + 1 }, (_, i) => i / CURVE_STEPS)) ?? '';
  const names = model === 'transformer' ? ['token embedding'] : ['weights from a (W_a)', 'weights from b (W_b)'];
  const colors = TABLE_COLORS();
  return (
    <figure className="unit-plot" data-testid="unit-plot">
      <svg width={boxWidth} height={height} className="chart-svg" role="img" aria-label={`Unit ${unit}'s weights over a = 0 to ${p - 1} with the fitted cosine at frequency ${k}`}>
        {y.ticks(height < 160 ? 2 : 3).map((t) => (
          <g key={t} transform={`translate(0,${y(t)})`}>
            <line x1={PAD.left} x2={boxWidth - PAD.right} className="grid" />
            <text x={PAD.left - 6} dy="0.32em" textAnchor="end" className="tick">
              {t.toFixed(1)}
            </text>
          </g>
        ))}
        {columns.map((c, t) => (
          <g key={t}>
            <path d={curve(fits[t])} fill="none" stroke={colors[t]} strokeWidth={2} />
            {c.map((v, a) => (
              <circle key={a} cx={x((k * a) % p)} cy={y(v)} r={3} fill={colors[t]} opacity={0.85} />
            ))}
          </g>
        ))}
        <text x={boxWidth - PAD.right} y={height - 4} textAnchor="end" className="axis-label">
          {k}·a mod {p}
          {boxWidth >= WIDE && `: the residues in the order frequency ${k} visits them`}
        </text>
      </svg>
      <figcaption className="small" data-testid="unit-caption">
        Unit <b>{unit}</b> at step {formatInt(step)}: frequency <b>{k}</b> holds {formatPct(share)} of its power; the cosine
        cos(2π·{k}·a/{p} + φ) explains{' '}
        {fits.map((f, t) => (
          <span key={t}>
            {t > 0 && ' and '}
            {/* The colour as a swatch, not as text colour: coloured text fails contrast on the page background. */}
            <span className="swatch" style={{ background: colors[t] }} aria-hidden="true" />
            <b data-testid={`unit-fit-${t}`}>{formatPct(Math.max(0, f.explained))}</b>{' '}
            of the {names[t]}
          </span>
        ))}
        . Dots: the weights; lines: the fit. Press a square above for another unit.
      </figcaption>
    </figure>
  );
}
