/**
 * The shared step-axis line chart: d3 computes scales and line shapes, lines are drawn on a
 * canvas (runs have thousands of points), axes, markers and labels are SVG owned by React.
 */
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatInt } from '../format';
import { downloadChart, type ExportKind } from './exportChart';
import { hoverReading } from './hover';
import { drawPaths, pathsSvg, seriesPaths } from './seriesPaths';
import { dataExtent, logTickLabel } from './axes';
import { useElementWidth } from '../useElementWidth';

export type { AxisKind, ChartBand, ChartMarker, ChartReference, ChartSeries } from './chartTypes';
import type { AxisKind, ChartBand, ChartMarker, ChartReference, ChartSeries } from './chartTypes';

export interface LineChartProps {
  title: string;
  series: ChartSeries[];
  xKind: AxisKind;
  xMax: number;
  yKind: AxisKind;
  /** Fixed y range; otherwise the data's extent. */
  yDomain?: [number, number];
  yFormat: (v: number) => string;
  yLabel: string;
  markers: ChartMarker[];
  references?: ChartReference[];
  bands?: ChartBand[];
  /** Write each band's name at its top (on one chart, not all). */
  labelBands?: boolean;
  /** A line of explanation under the chart. */
  note?: ReactNode;
  height: number;
  /** Current values, shown in the header. */
  readout?: ReactNode;
  toolbar?: ReactNode;
  testId: string;
}

const MARGIN = { top: 26, right: 18, bottom: 40, left: 62 };
/** A series is read at the hovered step only if it has a point within this many pixels of it. */
const HOVER_PX = 8;

/** A sentence for screen readers: each series' latest value and the markers so far. */
function summary({ title, series, yFormat, markers }: LineChartProps): string {
  const latest = series
    .filter((s) => s.y.length > 0)
    .map((s) => `${s.label} ${yFormat(s.y[s.y.length - 1])} at step ${formatInt(s.x[s.x.length - 1])}`);
  const marks = markers.map((m) => `${m.label} at step ${formatInt(m.step)}`);
  return [`${title} chart`, latest.length ? latest.join(', ') : 'no data yet', ...(marks.length ? [`markers: ${marks.join(', ')}`] : [])].join('. ');
}

export function LineChart(props: LineChartProps) {
  const { series, xKind, xMax, yKind, yDomain, yFormat, markers, height } = props;
  const [wrapRef, width] = useElementWidth<HTMLDivElement>();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hoverPx, setHoverPx] = useState<number | null>(null);
  const gridRef = useRef<SVGSVGElement>(null);
  const overlayRef = useRef<SVGSVGElement>(null);
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);

  const x = useMemo((): ScaleContinuousNumeric<number, number> => {
    const hi = Math.max(10, xMax);
    return xKind === 'log'
      ? scaleLog().domain([1, hi]).range([0, innerW]).clamp(true)
      : scaleLinear().domain([0, hi]).range([0, innerW]);
  }, [xKind, xMax, innerW]);

  const y = useMemo((): ScaleContinuousNumeric<number, number> => {
    const domain = yDomain ?? dataExtent(series, yKind === 'log', props.references);
    const scale = yKind === 'log' ? scaleLog() : scaleLinear();
    return scale.domain(domain).range([innerH, 0]).nice();
    // `series` arrays grow in place; the store's version re-renders us, so recompute every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [yDomain, yKind, innerH, series, series[0]?.y.length]);

  // Built once per frame: the canvas draws these, the exports write them.
  const paths = seriesPaths(series, x, y, xKind, yKind);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(innerW * dpr);
    canvas.height = Math.round(innerH * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, innerW, innerH);
    drawPaths(ctx, paths);
  });

  const exportAs = (kind: ExportKind) =>
    downloadChart(kind, `grokscope-${props.testId.replace('chart-', '')}`, props.title, width, height, gridRef.current, pathsSvg(paths, MARGIN.left, MARGIN.top), overlayRef.current);

  const xTicks = x.ticks(xKind === 'log' ? undefined : 6);
  const decades = xKind === 'log' ? Math.log10(x.domain()[1]) : 0;
  const yTicks = y.ticks(5);
  const yDecades = yKind === 'log' ? Math.log10(y.domain()[1] / y.domain()[0]) : 0;
  const yTickLabel = (t: number) => (yKind === 'log' ? logTickLabel(t, yDecades, yFormat) : yFormat(t));
  const stepLabel = (v: number) => (v >= 10_000 ? `${formatInt(v / 1000)}k` : formatInt(v));

  // Hover: the measured point nearest the pointer's step; each series read at its own nearest point.
  const hover = hoverPx === null ? null : hoverReading(series, x.invert(hoverPx), xKind, yFormat, (a, b) => Math.abs(x(a) - x(b)) <= HOVER_PX);
  const hoverX = hover ? x(hover.step) : 0;

  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption className="chart-head">
        <span className="chart-title">{props.title}</span>
        <span className="chart-legend">
          {series.map((s) => (
            <span key={s.label} className="legend-item">
              <svg width="22" height="10" aria-hidden="true">
                <line x1="1" y1="5" x2="21" y2="5" stroke={s.color} strokeWidth="3" strokeDasharray={s.dash?.join(' ')} />
              </svg>
              {s.label}
            </span>
          ))}
        </span>
        {props.readout && <span className="chart-readout">{props.readout}</span>}
        {props.toolbar}
        <span className="chart-export">
          <button className="btn small" onClick={() => exportAs('png')} data-testid={`${props.testId}-png`} aria-label={`Download the ${props.title} chart as PNG`}>
            PNG
          </button>
          <button className="btn small" onClick={() => exportAs('svg')} data-testid={`${props.testId}-svg`} aria-label={`Download the ${props.title} chart as SVG`}>
            SVG
          </button>
        </span>
      </figcaption>
      <div
        ref={wrapRef}
        className="chart-body"
        style={{ height }}
        onMouseMove={(e) => {
          const px = e.clientX - e.currentTarget.getBoundingClientRect().left - MARGIN.left;
          setHoverPx(px >= 0 && px <= innerW ? px : null);
        }}
        onMouseLeave={() => setHoverPx(null)}
      >
        {width > 0 && (
          <>
            {/* Grid first, then the lines, then axes and markers: grid lines never cut through a curve. */}
            <svg ref={gridRef} width={width} height={height} className="chart-svg" aria-hidden="true">
              <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
                {(props.bands ?? []).map((b) => {
                  const x0 = x(Math.max(b.from, xKind === 'log' ? 1 : 0));
                  const x1 = x(Math.max(b.to, xKind === 'log' ? 1 : 0));
                  return (
                    <g key={`${b.label}-${b.from}`} className="band" data-band={b.label}>
                      <rect x={x0} width={Math.max(0, x1 - x0)} height={innerH} fill={b.color} />
                      {props.labelBands && x1 - x0 > 60 && (
                        <text x={(x0 + x1) / 2} y={14} textAnchor="middle" className="band-label">
                          {b.label}
                        </text>
                      )}
                    </g>
                  );
                })}
                {(props.references ?? [])
                  .filter((r) => r.band)
                  .map((r) => (
                    <rect
                      key={`band-${r.label}`}
                      className="reference-band"
                      data-reference-band={r.label}
                      y={y(r.band![1])}
                      width={innerW}
                      height={Math.max(1, y(r.band![0]) - y(r.band![1]))}
                      fill={r.color}
                    />
                  ))}
                {yTicks.map((t) => (
                  <line key={`g${t}`} y1={y(t)} y2={y(t)} x2={innerW} className={yTickLabel(t) ? 'grid' : 'grid minor'} />
                ))}
              </g>
            </svg>
            <canvas
              ref={canvasRef}
              className="chart-canvas"
              style={{ left: MARGIN.left, top: MARGIN.top, width: innerW, height: innerH }}
            />
            <svg ref={overlayRef} width={width} height={height} className="chart-svg" role="img" aria-label={summary(props)}>
              <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
                {yTicks.map((t) => {
                  const label = yTickLabel(t);
                  return (
                    label && (
                      <text key={`y${t}`} x={-8} y={y(t)} dy="0.32em" textAnchor="end" className="tick">
                        {label}
                      </text>
                    )
                  );
                })}
                {xTicks.map((t) => {
                  const label = xKind === 'log' ? logTickLabel(t, decades, stepLabel) : stepLabel(t);
                  return (
                    <g key={`x${t}`} transform={`translate(${x(t)},0)`}>
                      <line y1={innerH} y2={innerH + (label ? 6 : 3)} className="axis-line" />
                      {label && (
                        <text y={innerH + 20} textAnchor="middle" className="tick">
                          {label}
                        </text>
                      )}
                    </g>
                  );
                })}
                <line y1={innerH} y2={innerH} x2={innerW} className="axis-line" />
                <line y2={innerH} className="axis-line" />
                <text x={innerW} y={innerH + 36} textAnchor="end" className="axis-label">
                  training step{xKind === 'log' ? ' (log scale)' : ''}
                </text>
                <text transform={`translate(${-48},${innerH / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">
                  {props.yLabel}
                </text>
                {(props.references ?? []).map((r) => (
                  <g key={r.label} transform={`translate(0,${y(r.y)})`} className="reference" data-reference={r.label}>
                    <line x2={innerW} strokeDasharray="2 4" stroke={r.color} />
                    <text x={innerW - 4} y={-5} textAnchor="end" fill={r.color}>
                      {/* A narrow plot keeps the value and drops the source (the chart's note names it). */}
                      {innerW < 420 ? r.label.split(' (')[0] : r.label}
                    </text>
                  </g>
                ))}
                {markers
                  .filter((m) => xKind === 'linear' || m.step >= 1)
                  .map((m, i) => (
                    <g key={`${m.label}-${m.step}-${i}`} transform={`translate(${x(m.step)},0)`} className="marker" data-marker={m.label}>
                      <line y1={-4} y2={innerH} stroke={m.color} strokeDasharray={m.dashed ? '4 4' : undefined} strokeWidth={2} />
                      <text y={-9} textAnchor="middle" fill={m.color} className="marker-label">
                        {m.label}
                      </text>
                    </g>
                  ))}
                {hover && <line x1={hoverX} x2={hoverX} y2={innerH} className="hover-line" />}
              </g>
            </svg>
            {hover && (
              <div
                className="chart-tooltip"
                style={{ left: Math.min(MARGIN.left + hoverX + 12, width - 190), top: MARGIN.top + 4 }}
              >
                <b>step {formatInt(hover.step)}</b>
                {hover.values.map((v) => (
                  <div key={v}>{v}</div>
                ))}
              </div>
            )}
          </>
        )}
      </div>
      {props.note && <figcaption className="chart-note">{props.note}</figcaption>}
    </figure>
  );
}
