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
import { ChartAxes } from './ChartAxes';
import { textWidth, useChartStyle } from './chartStyle';
import { useElementSize } from '../useElementSize';

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
  /** Plot height in px, or 'fill': the height its box gets from the layout. */
  height: number | 'fill';
  /** Current values, shown in the header. */
  readout?: ReactNode;
  toolbar?: ReactNode;
  /** A scrubbed-to step: a line there, and the values read at it while the pointer is elsewhere. */
  cursor?: number | null;
  testId: string;
}

/** A series is read at the hovered step only if it has a point within this many pixels of it. */
const HOVER_PX = 8;
/** A chart that fills its box never draws its plot shorter than this: below it the axes would collide. */
const MIN_FILL_HEIGHT = 70;

/** A sentence for screen readers: each series' latest value and the markers so far. */
function summary({ title, series, yFormat, markers }: LineChartProps): string {
  const latest = series
    .filter((s) => s.y.length > 0)
    .map((s) => `${s.label} ${yFormat(s.y[s.y.length - 1])} at step ${formatInt(s.x[s.x.length - 1])}`);
  const marks = markers.map((m) => `${m.label} at step ${formatInt(m.step)}`);
  return [`${title} chart`, latest.length ? latest.join(', ') : 'no data yet', ...(marks.length ? [`markers: ${marks.join(', ')}`] : [])].join('. ');
}

export function LineChart(props: LineChartProps) {
  const { series, xKind, xMax, yKind, yDomain, yFormat, markers } = props;
  const { margin: MARGIN, lineWidth, font } = useChartStyle();
  const [wrapRef, width, filledHeight] = useElementSize<HTMLDivElement>();
  // A chart that fills its box (presentation mode) takes the height the layout gives it.
  const height = props.height === 'fill' ? Math.max(MIN_FILL_HEIGHT, filledHeight) : props.height;
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
    drawPaths(ctx, paths, lineWidth);
  });

  const exportAs = (kind: ExportKind) =>
    downloadChart(kind, `grokscope-${props.testId.replace('chart-', '')}`, props.title, width, height, gridRef.current, pathsSvg(paths, MARGIN.left, MARGIN.top, lineWidth), overlayRef.current);

  // Fewer ticks on a short plot, so labels (20 px when presenting) never run into each other.
  const yTicks = y.ticks(Math.max(2, Math.min(5, Math.floor(innerH / (font * 2.4)))));
  const yDecades = yKind === 'log' ? Math.log10(y.domain()[1] / y.domain()[0]) : 0;
  const rawLabel = (t: number) => (yKind === 'log' ? logTickLabel(t, yDecades, yFormat) : yFormat(t));
  // A label closer than ~1.4 lines to the one below it is left out (its grid line stays).
  const yLabels = new Map<number, string>();
  let lastPx = Infinity;
  for (const t of yTicks) {
    const label = rawLabel(t);
    if (!label || lastPx - y(t) < font * 1.4) continue;
    yLabels.set(t, label);
    lastPx = y(t);
  }
  const yTickLabel = (t: number) => yLabels.get(t) ?? '';

  // Hover: the measured point nearest the pointer's step; each series read at its own nearest point.
  const near = (a: number, b: number) => Math.abs(x(a) - x(b)) <= HOVER_PX;
  const cursor = props.cursor ?? null;
  const hover =
    hoverPx !== null ? hoverReading(series, x.invert(hoverPx), xKind, yFormat, near) : cursor !== null ? hoverReading(series, cursor, xKind, yFormat, near) : null;
  const hoverX = hover ? x(hover.step) : 0;

  return (
    <figure className={`chart${props.height === 'fill' ? ' fill' : ''}`} data-testid={props.testId}>
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
        style={props.height === 'fill' ? undefined : { height }}
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
                      {props.labelBands && x1 - x0 > textWidth(b.label, font) + 8 && (
                        <text x={(x0 + x1) / 2} y={font + 2} textAnchor="middle" className="band-label">
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
              data-line-width={lineWidth}
              style={{ left: MARGIN.left, top: MARGIN.top, width: innerW, height: innerH }}
            />
            <svg ref={overlayRef} width={width} height={height} className="chart-svg" role="img" aria-label={summary(props)}>
              <ChartAxes
                x={x}
                y={y}
                xKind={xKind}
                innerW={innerW}
                innerH={innerH}
                yTicks={yTicks}
                yTickLabel={yTickLabel}
                yLabel={props.yLabel}
                references={props.references ?? []}
                markers={markers}
                hoverX={hover && hoverPx !== null ? hoverX : null}
                cursorX={cursor !== null && (xKind === 'linear' || cursor >= 1) ? x(cursor) : null}
              />
            </svg>
            {hover && (
              <div
                className={`chart-tooltip${hoverPx === null ? ' at-cursor' : ''}`}
                data-testid={hoverPx === null ? `${props.testId}-cursor-reading` : undefined}
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
