/**
 * Each series' line and uncertainty band as SVG path data, built once per frame and used twice:
 * drawn on the canvas (Path2D) and written into SVG/PNG exports, so what is exported is what is shown.
 */
import { pageColor } from '../theme';
import { area, line, type ScaleContinuousNumeric } from 'd3';
import type { AxisKind, ChartSeries } from './chartTypes';

export interface SeriesPath {
  series: ChartSeries;
  line: string;
  /** The ± band under the line (e.g. the LLC's standard error), or null. */
  band: string | null;
  /** Dots at the points, filled and hollow, as path data ('' when none). */
  dots: { filled: string; hollow: string };
}

export const DOT_RADIUS = 3.5;

const circle = (cx: number, cy: number, r = DOT_RADIUS) => `M${cx + r},${cy}a${r},${r} 0 1,0 ${-2 * r},0a${r},${r} 0 1,0 ${2 * r},0`;

type Scale = ScaleContinuousNumeric<number, number>;

export function seriesPaths(series: ChartSeries[], x: Scale, y: Scale, xKind: AxisKind, yKind: AxisKind): SeriesPath[] {
  // Log axes cannot place x < 1 or y ≤ 0; such points are gaps, not errors.
  const visible = (xv: number, yv: number) => Number.isFinite(yv) && (xKind === 'linear' || xv >= 1) && (yKind === 'linear' || yv > 0);
  return series.map((s) => {
    const idx = Array.from({ length: s.x.length }, (_, i) => i);
    const d = line<number>()
      .defined((i) => visible(s.x[i], s.y[i]))
      .x((i) => x(s.x[i]))
      .y((i) => y(s.y[i]))(idx);
    const { lower, upper } = s;
    const band =
      lower && upper
        ? area<number>()
            .defined((i) => visible(s.x[i], lower[i]) && visible(s.x[i], upper[i]))
            .x((i) => x(s.x[i]))
            .y0((i) => y(lower[i]))
            .y1((i) => y(upper[i]))(idx)
        : null;
    const dots = { filled: '', hollow: '' };
    if (s.dots)
      for (const i of idx)
        if (visible(s.x[i], s.y[i])) dots[s.dots.hollow[i] ? 'hollow' : 'filled'] += circle(x(s.x[i]), y(s.y[i]));
    return { series: s, line: d ?? '', band: band || null, dots };
  });
}

export const BAND_OPACITY = 0.2;
export const LINE_WIDTH = 2.5;

/** Bands first, then lines, as on the canvas. */
export function drawPaths(ctx: CanvasRenderingContext2D, paths: SeriesPath[], lineWidth = LINE_WIDTH): void {
  for (const p of paths) {
    if (!p.band) continue;
    ctx.globalAlpha = BAND_OPACITY;
    ctx.fillStyle = p.series.color;
    ctx.fill(new Path2D(p.band));
    ctx.globalAlpha = 1;
  }
  ctx.lineJoin = 'round';
  for (const p of paths) {
    if (!p.line) continue;
    ctx.strokeStyle = p.series.color;
    ctx.lineWidth = lineWidth;
    ctx.setLineDash(p.series.dash ?? []);
    ctx.stroke(new Path2D(p.line));
  }
  ctx.setLineDash([]);
  for (const p of paths) {
    ctx.fillStyle = p.series.color;
    if (p.dots.filled) ctx.fill(new Path2D(p.dots.filled));
    if (!p.dots.hollow) continue;
    const hollow = new Path2D(p.dots.hollow);
    ctx.fillStyle = pageColor('panel');
    ctx.fill(hollow);
    ctx.strokeStyle = p.series.color;
    ctx.lineWidth = 1.5;
    ctx.stroke(hollow);
  }
}

/** The same paths as SVG elements in plot coordinates (offset by the plot's margin). */
export function pathsSvg(paths: SeriesPath[], left: number, top: number, lineWidth = LINE_WIDTH): string {
  const bands = paths
    .filter((p) => p.band)
    .map((p) => `<path d="${p.band}" fill="${p.series.color}" fill-opacity="${BAND_OPACITY}" stroke="none"/>`)
    .join('');
  const lines = paths
    .filter((p) => p.line)
    .map((p) => `<path d="${p.line}" stroke="${p.series.color}"${p.series.dash ? ` stroke-dasharray="${p.series.dash.join(' ')}"` : ''}/>`)
    .join('');
  const dots = paths
    .map(
      (p) =>
        (p.dots.filled ? `<path d="${p.dots.filled}" fill="${p.series.color}" stroke="none"/>` : '') +
        (p.dots.hollow ? `<path d="${p.dots.hollow}" fill="${pageColor('panel')}" stroke="${p.series.color}" stroke-width="1.5"/>` : ''),
    )
    .join('');
  return `<g transform="translate(${left},${top})" fill="none" stroke-width="${lineWidth}" stroke-linejoin="round">${bands}${lines}${dots}</g>`;
}
