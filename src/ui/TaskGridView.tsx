/**
 * The task, live: every pair (a, b) of the p × p table, blue where the network trains on it,
 * orange where it is held out, strong where the network answers it right now and pale where not.
 * A student sees the blue cells turn right first and, after the wait, the orange ones all at once.
 */
import { useEffect, useRef, useState } from 'react';
import type { Task } from '../core/config';
import { TASK_SYMBOL } from '../core/config';
import { applyOp } from '../core/data';
import { CELL, gridCounts, type TaskGrid } from '../core/taskGrid';
import { formatInt, formatPct } from './format';
import { COLORS } from './charts/colors';
import { pageColor } from './theme';

/** Right = the split's colour; wrong = a faint tint of it (two hues, two lightnesses: colour-blind safe), per theme. */
export function cellColors(): Record<number, string> {
  return {
    [CELL.trainRight]: COLORS.train,
    [CELL.trainWrong]: pageColor('cell-train-wrong'),
    [CELL.testRight]: COLORS.test,
    [CELL.testWrong]: pageColor('cell-test-wrong'),
  };
}

const SIZE = 188;

interface Props {
  grid: TaskGrid | null;
  task: Task;
  /** The modulus, for the legend before the first grid arrives. */
  p: number;
  /** The step this grid was answered at, when scrubbed back; null: now. */
  at?: number | null;
}

export function TaskGridView({ grid, task, p: modulus, at = null }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<[number, number] | null>(null);
  const p = grid?.p ?? modulus;
  useEffect(() => {
    const c = canvas.current;
    if (!c || !grid) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = SIZE * dpr;
    c.height = SIZE * dpr;
    const ctx = c.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, SIZE, SIZE);
    const cell = SIZE / grid.p;
    const colors = cellColors();
    for (let a = 0; a < grid.p; a++)
      for (let b = 0; b < grid.p; b++) {
        const code = grid.cells[a * grid.p + b];
        if (code === CELL.none) continue;
        ctx.fillStyle = colors[code];
        ctx.fillRect(b * cell, a * cell, Math.ceil(cell), Math.ceil(cell));
      }
  });
  const counts = grid ? gridCounts(grid) : null;
  const when = at === null ? 'now' : `at step ${formatInt(at)}`;
  const summary = counts
    ? `${at === null ? '' : `At step ${formatInt(at)}: `}Training pairs: ${formatInt(counts.train)}, ${formatPct(counts.trainRight / counts.train)} answered right. ` +
      `Held-out pairs: ${formatInt(counts.test)}, ${formatPct(counts.testRight / counts.test)} answered right.`
    : 'The table appears once the network is built.';
  const code = hover && grid ? grid.cells[hover[0] * p + hover[1]] : CELL.none;
  return (
    <figure className="task-grid" data-testid="task-grid">
      <div className="task-grid-body">
        <canvas
          ref={canvas}
          style={{ width: SIZE, height: SIZE }}
          aria-hidden="true"
          onMouseMove={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            const b = Math.floor(((e.clientX - r.left) / r.width) * p);
            const a = Math.floor(((e.clientY - r.top) / r.height) * p);
            setHover(a >= 0 && a < p && b >= 0 && b < p ? [a, b] : null);
          }}
          onMouseLeave={() => setHover(null)}
        />
      </div>
      <figcaption>
        <div className="muted small">
          row <i>a</i>, column <i>b</i> (0 to {p - 1})
        </div>
        <div className="task-grid-legend">
          {[
            [CELL.trainRight, 'training pair, right'],
            [CELL.trainWrong, 'training, wrong'],
            [CELL.testRight, 'held out, right'],
            [CELL.testWrong, 'held out, wrong'],
          ].map(([c, label]) => (
            <span key={c} className="legend-item">
              <span className="swatch" style={{ background: cellColors()[c as number] }} />
              {label}
            </span>
          ))}
        </div>
        <div className="muted small" data-testid="task-grid-summary" aria-live="off">
          {hover && code !== CELL.none
            ? `${hover[0]} ${TASK_SYMBOL[task]} ${hover[1]} mod ${p} = ${applyOp(task, hover[0], hover[1], p)}: ${code >= CELL.trainWrong ? 'a training pair' : 'held out'}, answered ${code === CELL.trainRight || code === CELL.testRight ? 'right' : 'wrong'} ${when}`
            : summary}
        </div>
        <span className="sr-only">{summary}</span>
      </figcaption>
    </figure>
  );
}
