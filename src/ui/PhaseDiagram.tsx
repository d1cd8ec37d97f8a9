/**
 * The phase diagram: many runs of the current network, one per cell of a grid over two settings,
 * each trained from scratch in the sweep's worker until it groks or reaches the budget. Cells fill
 * in as their runs are decided; clicking one opens that run in the main view.
 */
import { scaleBand } from 'd3';
import { useState } from 'react';
import type { RunConfig } from '../core/config';
import { AXIS_LABEL, AXIS_SETS, OUTCOME_LABEL, sweepConfigs, type Outcome, type SweepCell, type SweepSpec } from '../core/sweep/grid';
import { formatInt, formatRate } from './format';
import { useElementSize } from './useElementSize';
import { useSweep, type SweepState } from './useSweep';
import type { BackendSpeed } from '../worker/protocol';

/** Okabe–Ito colours, dark text readable on each in both themes. */
export const OUTCOME_COLORS: Record<Outcome, string> = { generalized: '#56B4E9', grokked: '#009E73', memorized: '#E69F00', 'no-fit': '#BBBBBB' };

interface Props {
  /** The settings now: every cell's run is these with the two axes' values. */
  base: RunConfig;
  /** The page's own timings of each backend on its run, when it has them. */
  measured?: BackendSpeed[] | null;
  onOpen(config: RunConfig): void;
  /** The sweep starts: the page's own run pauses, so the two do not share the cores. */
  onStart(): void;
}

type AxisSet = keyof typeof AXIS_SETS;

function status(s: SweepState, total: number): string {
  const decided = s.cells.filter(Boolean).length;
  const rate = s.seconds > 0 ? ` · ${formatRate(s.networkSteps / s.seconds)} network-steps/s` : '';
  const how = s.chosen ? `on ${s.chosen.backend}, ${s.chosen.mode === 'batched' ? 'all runs in one batched computation' : `one run after another${s.workers > 1 ? ` in each of ${s.workers} workers` : ''}`}` : '';
  switch (s.state) {
    case 'idle':
      return `${total} runs, each to test accuracy ≥ 95% or the budget.`;
    case 'measuring':
      return 'Timing each backend on these runs to train on the fastest…';
    case 'running':
      return `Training ${how}: ${decided} of ${total} cells decided · ${s.seconds.toFixed(0)} s${rate}`;
    case 'done':
    case 'stopped':
      return `${s.state === 'done' ? 'Done' : 'Stopped'}: ${decided} of ${total} cells in ${s.seconds.toFixed(1)} s ${how}${rate}.`;
    case 'failed':
      return s.error ?? 'The sweep failed.';
  }
}

export function PhaseDiagram({ base, measured, onOpen, onStart }: Props) {
  const [axes, setAxes] = useState<AxisSet>('wd-trainFrac');
  const { sweep, start, stop } = useSweep();
  const spec: SweepSpec = sweep.spec && sweep.state !== 'idle' ? sweep.spec : { base, ...AXIS_SETS[axes] };
  const busy = sweep.state === 'measuring' || sweep.state === 'running';
  const total = spec.x.values.length * spec.y.values.length;
  let configs: RunConfig[] | string;
  try {
    configs = sweepConfigs(spec);
  } catch (err) {
    configs = err instanceof Error ? err.message : String(err);
  }
  return (
    <figure className="chart phase-diagram" data-testid="phase-diagram">
      <figcaption className="chart-head">
        <span className="chart-title">Phase diagram</span>
        <select value={axes} disabled={busy} onChange={(e) => setAxes(e.target.value as AxisSet)} aria-label="Axes of the phase diagram" data-testid="phase-axes">
          {Object.entries(AXIS_SETS).map(([id, set]) => (
            <option key={id} value={id}>
              {set.label}
            </option>
          ))}
        </select>
        {busy ? (
          <button className="btn small" onClick={stop} data-testid="phase-stop">
            Stop
          </button>
        ) : (
          <button className="btn small primary" disabled={typeof configs === 'string'} onClick={() => (onStart(), start({ base, ...AXIS_SETS[axes] }, measured ?? []))} data-testid="phase-start">
            Train {total} runs
          </button>
        )}
      </figcaption>
      <p className="chart-note" data-testid="phase-status" role="status">
        {typeof configs === 'string' ? `These settings cannot be swept: ${configs}` : status(sweep, total)}
      </p>
      {sweep.candidates.length > 0 && (
        <details className="chart-note">
          <summary>Why {sweep.chosen?.backend}, {sweep.chosen?.mode}</summary>
          <ul data-testid="phase-candidates">
            {sweep.candidates.map((c) => (
              <li key={`${c.backend}-${c.mode}`}>
                {c.backend}, {c.mode}: {c.rate === null ? '—' : `${c.lowerBound ? '≥ ' : ''}${formatRate(c.rate)} network-steps/s`} ({c.note})
              </li>
            ))}
          </ul>
        </details>
      )}
      <PhaseGrid spec={spec} cells={sweep.cells} onOpen={(i) => typeof configs !== 'string' && onOpen(configs[i])} />
      <p className="chart-note">
        Each cell is its own network, trained from step 0 with these settings and the two values of its row and column (after Liu et al. 2022,
        “Omnigrok”). <b>Generalized early</b>: test accuracy reached 95% less than 3× later than train accuracy reached 99%; <b>grokked</b>: later
        than that, after a plateau; <b>memorized only</b>: fit, never generalized within the budget. The number is the grok step. Click a cell to
        open its run above.
      </p>
    </figure>
  );
}

const MARGIN = { top: 8, right: 8, bottom: 44, left: 64 };

function PhaseGrid({ spec, cells, onOpen }: { spec: SweepSpec; cells: (SweepCell | undefined)[]; onOpen(index: number): void }) {
  const [box, width] = useElementSize<HTMLDivElement>();
  const w = Math.max(260, Math.min(width || 560, 620));
  const h = Math.round(w * 0.72);
  const x = scaleBand<number>().domain(spec.x.values).range([MARGIN.left, w - MARGIN.right]).padding(0.06);
  const y = scaleBand<number>().domain([...spec.y.values].reverse()).range([MARGIN.top, h - MARGIN.bottom]).padding(0.06);
  const nx = spec.x.values.length;
  const summary = cells.filter(Boolean).map((c) => `${AXIS_LABEL[spec.x.key]} ${c!.x}, ${AXIS_LABEL[spec.y.key]} ${c!.y}: ${OUTCOME_LABEL[c!.outcome]}`);
  return (
    <div ref={box} className="phase-grid">
      <svg width={w} height={h} role="group" aria-label={`Phase diagram: ${summary.length ? summary.join('; ') : 'no cells yet'}`} data-testid="phase-grid">
        {spec.y.values.map((yv, j) =>
          spec.x.values.map((xv, i) => {
            const index = j * nx + i;
            const cell = cells[index];
            const label = cell ? `${OUTCOME_LABEL[cell.outcome]}${cell.grokStep !== null ? `, grokked at step ${formatInt(cell.grokStep)}` : ''}` : 'not decided yet';
            return (
              <g
                key={index}
                transform={`translate(${x(xv)},${y(yv)})`}
                className={`phase-cell${cell ? '' : ' pending'}`}
                role="button"
                tabIndex={0}
                aria-label={`${AXIS_LABEL[spec.x.key]} ${xv}, ${AXIS_LABEL[spec.y.key]} ${yv}: ${label}. Open this run.`}
                data-testid="phase-cell"
                data-outcome={cell?.outcome ?? 'pending'}
                onClick={() => onOpen(index)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onOpen(index))}
              >
                <title>{label}</title>
                <rect width={x.bandwidth()} height={y.bandwidth()} rx={4} fill={cell ? OUTCOME_COLORS[cell.outcome] : 'none'} />
                <text x={x.bandwidth() / 2} y={y.bandwidth() / 2 + 5} textAnchor="middle">
                  {cell ? (cell.grokStep !== null ? formatInt(cell.grokStep) : '—') : '…'}
                </text>
              </g>
            );
          }),
        )}
        {spec.x.values.map((v) => (
          <text key={`x${v}`} className="phase-tick" x={x(v)! + x.bandwidth() / 2} y={h - MARGIN.bottom + 16} textAnchor="middle">
            {v}
          </text>
        ))}
        {spec.y.values.map((v) => (
          <text key={`y${v}`} className="phase-tick" x={MARGIN.left - 8} y={y(v)! + y.bandwidth() / 2 + 4} textAnchor="end">
            {v}
          </text>
        ))}
        <text className="phase-axis" x={(MARGIN.left + w - MARGIN.right) / 2} y={h - 6} textAnchor="middle">
          {AXIS_LABEL[spec.x.key]} →
        </text>
        <text className="phase-axis" transform={`translate(14,${(MARGIN.top + h - MARGIN.bottom) / 2}) rotate(-90)`} textAnchor="middle">
          {AXIS_LABEL[spec.y.key]} →
        </text>
      </svg>
      <ul className="phase-legend" aria-hidden="true">
        {(Object.keys(OUTCOME_LABEL) as Outcome[]).map((o) => (
          <li key={o}>
            <span className="swatch" style={{ background: OUTCOME_COLORS[o] }} />
            {OUTCOME_LABEL[o]}
          </li>
        ))}
      </ul>
    </div>
  );
}
