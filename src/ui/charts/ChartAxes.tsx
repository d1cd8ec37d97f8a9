/**
 * The SVG drawn over a line chart's canvas: tick labels, axis names, reference lines, and the
 * markers with labels laid out in rows so that none overlaps another.
 */
import type { ScaleContinuousNumeric } from 'd3';
import { formatInt } from '../format';
import { logTickLabel } from './axes';
import type { AxisKind, ChartMarker, ChartReference } from './chartTypes';
import { labelRows, textWidth, useChartStyle } from './chartStyle';

interface Props {
  x: ScaleContinuousNumeric<number, number>;
  y: ScaleContinuousNumeric<number, number>;
  xKind: AxisKind;
  innerW: number;
  innerH: number;
  yTicks: number[];
  yTickLabel(t: number): string;
  yLabel: string;
  references: ChartReference[];
  markers: ChartMarker[];
  hoverX: number | null;
  /** Where the scrub cursor is, if the reader scrubbed back. */
  cursorX: number | null;
}

const stepLabel = (v: number) => (v >= 10_000 ? `${formatInt(v / 1000)}k` : formatInt(v));

export function ChartAxes({ x, y, xKind, innerW, innerH, yTicks, yTickLabel, yLabel, references, markers, hoverX, cursorX }: Props) {
  const { margin, font, markerRows } = useChartStyle();
  const xTicks = x.ticks(xKind === 'log' ? undefined : 6);
  const decades = xKind === 'log' ? Math.log10(x.domain()[1]) : 0;
  const shown = markers.filter((m) => xKind === 'linear' || m.step >= 1);
  const markerFont = font - 1;
  const rows = labelRows(
    shown.map((m) => ({ x: x(m.step), width: textWidth(m.label, markerFont) })),
    markerRows,
  );
  return (
    <g transform={`translate(${margin.left},${margin.top})`}>
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
              <text y={innerH + font * 1.5} textAnchor="middle" className="tick">
                {label}
              </text>
            )}
          </g>
        );
      })}
      <line y1={innerH} y2={innerH} x2={innerW} className="axis-line" />
      <line y2={innerH} className="axis-line" />
      <text x={innerW} y={innerH + font * 2.75} textAnchor="end" className="axis-label">
        training step{xKind === 'log' ? ' (log scale)' : ''}
      </text>
      <text transform={`translate(${-(margin.left - font * 1.1)},${innerH / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">
        {yLabel}
      </text>
      {references.map((r) => (
        <g key={r.label} transform={`translate(0,${y(r.y)})`} className="reference" data-reference={r.label}>
          <line x2={innerW} strokeDasharray="2 4" stroke={r.color} />
          <text x={innerW - 4} y={-5} textAnchor="end" fill={r.color}>
            {/* A narrow plot keeps the value and drops the source (the chart's note names it). */}
            {innerW < 420 ? r.label.split(' (')[0] : r.label}
          </text>
        </g>
      ))}
      {shown.map((m, i) => (
        <g key={`${m.label}-${m.step}-${i}`} transform={`translate(${x(m.step)},0)`} className="marker" data-marker={m.label}>
          <line y1={rows[i] === null ? 0 : -4 - rows[i]! * (markerFont + 4)} y2={innerH} stroke={m.color} strokeDasharray={m.dashed ? '4 4' : undefined} strokeWidth={2} />
          {rows[i] !== null && (
            <text y={-9 - rows[i]! * (markerFont + 4)} textAnchor="middle" fill={m.color} className="marker-label">
              {m.label}
            </text>
          )}
        </g>
      ))}
      {cursorX !== null && <line x1={cursorX} x2={cursorX} y2={innerH} className="cursor-line" data-cursor="" />}
      {hoverX !== null && <line x1={hoverX} x2={hoverX} y2={innerH} className="hover-line" />}
    </g>
  );
}
