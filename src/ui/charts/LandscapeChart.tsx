/**
 * The 2-D loss-landscape slice: a heatmap on canvas (log loss, viridis), contour lines from
 * d3-contour, SVG axes in the directions' units, the projected training path and its checkpoints.
 * The worker computes the grid; this only draws it.
 */
import { contours, geoPath, interpolateViridis, rgb, scaleLinear, scaleSequential } from 'd3';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LandscapeSettings, LandscapeSlice } from '../../core/landscape/slice';
import { formatInt, formatPct, formatSci } from '../format';
import { useElementSize } from '../useElementSize';
import { downloadChart, type ExportKind } from './exportChart';
import { LandscapeControls } from './LandscapeControls';

const MARGIN = { top: 12, right: 80, bottom: 46, left: 58 };

interface Props {
  slice: LandscapeSlice | null;
  message: string | null;
  settings: LandscapeSettings;
  onSettings(next: LandscapeSettings): void;
}

export function LandscapeChart({ slice, message, settings, onSettings }: Props) {
  const [wrapRef, width] = useElementSize<HTMLDivElement>();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ i: number; j: number } | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const side = Math.max(120, Math.min(width - MARGIN.left - MARGIN.right, 460));
  const n = slice?.request.size ?? 0;

  const logLoss = useMemo(() => (slice ? Array.from(slice.loss, (v) => Math.log10(Math.max(v, 1e-12))) : []), [slice]);
  const [lo, hi] = useMemo(() => {
    let a = Infinity;
    let b = -Infinity;
    for (const v of logLoss) if (Number.isFinite(v)) (a = Math.min(a, v)), (b = Math.max(b, v));
    // At most 8 decades: a perfectly fitted basin reads 0 in float32, which would flatten the rest.
    return a < b ? [Math.max(a, b - 8), b] : [a - 1, a + 1];
  }, [logLoss]);
  const color = scaleSequential(interpolateViridis).domain([lo, hi]).clamp(true);
  const x = scaleLinear().domain(slice ? [slice.alphas[0], slice.alphas[n - 1]] : [0, 1]).range([0, side]);
  const y = scaleLinear().domain(slice ? [slice.betas[0], slice.betas[n - 1]] : [0, 1]).range([side, 0]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !slice) return;
    // One pixel per grid point, scaled up by the browser with smoothing: a continuous field.
    canvas.width = n;
    canvas.height = n;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(n, n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const v = logLoss[j * n + i];
        const c = rgb(Number.isFinite(v) ? color(v) : '#ff00ff');
        const k = ((n - 1 - j) * n + i) * 4; // β grows upwards
        img.data.set([c.r, c.g, c.b, 255], k);
      }
    }
    ctx.putImageData(img, 0, 0);
  });

  const levels = useMemo(() => {
    if (!slice) return [];
    const thresholds = Array.from({ length: 9 }, (_, k) => lo + ((hi - lo) * (k + 0.5)) / 9);
    return contours().size([n, n]).thresholds(thresholds)(logLoss.map((v) => (Number.isFinite(v) ? Math.max(v, lo) : hi)));
  }, [slice, logLoss, lo, hi, n]);
  // Contours come in grid units with y down; map grid (i, j) → pixels.
  const toPx = (gi: number, gj: number): [number, number] => [(gi / (n - 1)) * side, side - (gj / (n - 1)) * side];
  const path = geoPath(null);

  const hovered = hover && slice ? { a: slice.alphas[hover.i], b: slice.betas[hover.j], loss: slice.loss[hover.j * n + hover.i], acc: slice.accuracy[hover.j * n + hover.i] } : null;
  const legend = scaleLinear().domain([lo, hi]).range([side, 0]);

  const exportAs = async (kind: ExportKind) => {
    const canvas = canvasRef.current;
    if (!canvas || !slice) return;
    const w = side + MARGIN.left + MARGIN.right;
    const h = side + MARGIN.top + MARGIN.bottom;
    // The heatmap is a raster inside the SVG; contours, path, axes and legend stay vectors.
    const heatmap = `<image href="${canvas.toDataURL('image/png')}" x="${MARGIN.left}" y="${MARGIN.top}" width="${side}" height="${side}" preserveAspectRatio="none"/>`;
    const name = `grokscope-landscape-${slice.request.plane}-${slice.request.split}`;
    await downloadChart(kind, name, `Loss landscape (${slice.request.split} loss, step ${slice.step})`, w, h, null, heatmap, svgRef.current);
  };

  return (
    <figure className="chart landscape" data-testid="chart-landscape">
      <figcaption className="chart-head">
        <span className="chart-title">Loss landscape slice</span>
        <LandscapeControls settings={settings} onSettings={onSettings} />
        {slice && (
          <span className="chart-export">
            <button className="btn small" onClick={() => exportAs('png')} data-testid="chart-landscape-png" aria-label="Download the landscape as PNG">
              PNG
            </button>
            <button className="btn small" onClick={() => exportAs('svg')} data-testid="chart-landscape-svg" aria-label="Download the landscape as SVG">
              SVG
            </button>
          </span>
        )}
        {slice && (
          <span className="chart-readout muted" data-testid="landscape-readout">
            step {formatInt(slice.step)} · {slice.request.split} loss · {formatInt(Math.round(slice.ms))} ms
          </span>
        )}
      </figcaption>
      {/* Until there is a slice to draw, a one-line box says what will appear and when, not a blank square. */}
      <div ref={wrapRef} className="landscape-body" style={{ height: slice ? side + MARGIN.top + MARGIN.bottom : 'auto' }}>
        {(!slice || (message && slice.request.plane !== settings.plane)) && (
          <p className="landscape-message" data-testid="landscape-message">
            {message ?? 'The first slice is computed from the network as it is now, within a second or so; it follows the run from then on.'}
          </p>
        )}
        {slice && width > 0 && (
          <>
            <canvas ref={canvasRef} className="landscape-canvas" style={{ left: MARGIN.left, top: MARGIN.top, width: side, height: side }} />
            <svg
              width={side + MARGIN.left + MARGIN.right}
              height={side + MARGIN.top + MARGIN.bottom}
              ref={svgRef}
              className="chart-svg landscape-svg"
              role="img"
              aria-label={`Loss landscape: ${slice.request.split} loss from ${formatSci(10 ** lo)} to ${formatSci(10 ** hi)}`}
              onMouseMove={(e) => {
                const r = e.currentTarget.getBoundingClientRect();
                const px = e.clientX - r.left - MARGIN.left;
                const py = e.clientY - r.top - MARGIN.top;
                if (px < 0 || py < 0 || px > side || py > side) return setHover(null);
                setHover({ i: Math.round((px / side) * (n - 1)), j: Math.round(((side - py) / side) * (n - 1)) });
              }}
              onMouseLeave={() => setHover(null)}
            >
              <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
                <g className="contours">
                  {levels.map((c) => (
                    <path
                      key={c.value}
                      d={path({
                        ...c,
                        coordinates: c.coordinates.map((poly) => poly.map((ring) => ring.map(([gi, gj]) => toPx(gi - 0.5, gj - 0.5)))),
                      }) ?? ''}
                    />
                  ))}
                </g>
                <path
                  className="landscape-path"
                  d={slice.path.map(([a, b], k) => `${k ? 'L' : 'M'}${x(a)},${y(b)}`).join('')}
                  data-testid="landscape-path"
                />
                {slice.points.map((p) => (
                  <g key={p.label} transform={`translate(${x(p.alpha)},${y(p.beta)})`} className={`landscape-point ${p.label}`} data-point={p.label}>
                    {p.label === 'now' ? <circle r={6} /> : p.label === 'init' ? <rect x={-5} y={-5} width={10} height={10} /> : <path d="M0,-7L6,5L-6,5Z" />}
                    <text x={9} y={4}>
                      {p.label}
                    </text>
                  </g>
                ))}
                {x.ticks(5).map((t) => (
                  <g key={`x${t}`} transform={`translate(${x(t)},${side})`}>
                    <line y2={5} className="axis-line" />
                    <text y={18} textAnchor="middle" className="tick">
                      {formatSci(t)}
                    </text>
                  </g>
                ))}
                {y.ticks(5).map((t) => (
                  <g key={`y${t}`} transform={`translate(0,${y(t)})`}>
                    <line x2={-5} className="axis-line" />
                    <text x={-8} dy="0.32em" textAnchor="end" className="tick">
                      {formatSci(t)}
                    </text>
                  </g>
                ))}
                <text x={side / 2} y={side + 38} textAnchor="middle" className="axis-label">
                  {slice.axisLabels[0]}
                </text>
                <text transform={`translate(-46,${side / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">
                  {slice.axisLabels[1]}
                </text>
                <g transform={`translate(${side + 16},0)`} className="legend">
                  {Array.from({ length: 40 }, (_, k) => (
                    <rect key={k} y={(side * k) / 40} width={12} height={side / 40 + 1} fill={color(hi - ((hi - lo) * k) / 39)} />
                  ))}
                  {legend.ticks(4).map((t) => (
                    <text key={t} x={16} y={legend(t)} dy="0.32em" className="tick">
                      {formatSci(10 ** t)}
                    </text>
                  ))}
                </g>
                {hovered && hover && (
                  <circle cx={(hover.i / (n - 1)) * side} cy={side - (hover.j / (n - 1)) * side} r={4} className="landscape-hover" />
                )}
              </g>
            </svg>
            {hovered && (
              <div className="chart-tooltip" style={{ left: MARGIN.left + side + MARGIN.right + 8, top: MARGIN.top }} data-testid="landscape-tooltip">
                <b>α {formatSci(hovered.a)}, β {formatSci(hovered.b)}</b>
                <div>{slice.request.split} loss {formatSci(hovered.loss)}</div>
                <div>{slice.request.split} accuracy {formatPct(hovered.acc)}</div>
              </div>
            )}
          </>
        )}
      </div>
      <figcaption className="chart-note">
        f(α, β) = loss at w + α·d1 + β·d2 around the current weights (log colour scale; darker is lower). The white line is the
        training path projected onto this plane; it ends at “now”. In the basin plane, compare train and test loss: the
        memorizing basin is deep for train and high for test. A 2-D slice of a {slice ? '' : 'many-'}dimensional surface:
        what it shows is real, what it hides is most of the space.
      </figcaption>
    </figure>
  );
}
