/**
 * Trains every run of a grid until it groks (test ≥ 95%), diverges or reaches the budget, and reports
 * each cell as soon as it is decided. Two ways, same cells: `batched` (one stacked computation for
 * all runs, finished ones leaving the batch) and `sequential` (one run after another). Which is faster
 * depends on the backend: WebGPU runs batched products well; tfjs's WebAssembly backend runs batched
 * products and gathers without its fast matrix kernels, so there one run at a time wins. `pickMode`
 * measures instead of guessing.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../config';
import { FIT_THRESHOLD, GROK_THRESHOLD, type RunEvents } from '../series';
import { Trainer } from '../trainer';
import { BatchedQuadratic, batchRefusal } from './batchedQuadratic';
import { cellValues, outcomeOf, type SweepCell, type SweepSpec, sweepConfigs } from './grid';

export type SweepMode = 'batched' | 'sequential';

export interface SweepProgress {
  /** Network-steps trained so far, over all runs. */
  networkSteps: number;
  /** Runs still training. */
  active: number;
}

export interface SweepOptions {
  mode: SweepMode;
  steps: number;
  onCell(cell: SweepCell, index: number): void;
  onProgress?(p: SweepProgress): void;
  /** Checked between chunks: true stops the sweep (the cells decided so far stay reported). */
  cancelled?(): boolean;
  /** Only the grid's runs at these indices (one worker's share); all when absent. */
  only?: readonly number[];
}

/**
 * Test accuracy is measured every 10 steps up to step 500 (fits and early grok steps to within 10),
 * then every 30: an evaluation runs the network on all p² pairs, 6–15% of a classic run's time at
 * every 10 steps, and most of a grid's steps are memorizing runs that go to the budget.
 */
export const FINE_EVAL_UNTIL = 500;
const nextEval = (step: number) => {
  const every = step < FINE_EVAL_UNTIL ? 10 : 30;
  return (Math.floor(step / every) + 1) * every;
};
/** How often a run reports its progress (network-steps) to the page. */
const PROGRESS_EVERY = 100;

function cellOf(spec: SweepSpec, config: RunConfig, events: RunEvents, steps: number, diverged: string | null): SweepCell {
  return { ...cellValues(spec, config), ...events, outcome: diverged ? 'no-fit' : outcomeOf(events), steps, diverged };
}

async function runSequential(spec: SweepSpec, configs: RunConfig[], indices: number[], o: SweepOptions): Promise<void> {
  let done = 0;
  for (const [k, index] of indices.entries()) {
    const config = configs[index];
    if (o.cancelled?.()) return;
    const trainer = new Trainer(config);
    try {
      while (trainer.step < o.steps && trainer.events.grokStep === null && !trainer.divergence) {
        const until = Math.min(o.steps, nextEval(trainer.step));
        while (trainer.step < until) trainer.trainStep();
        // Records the fit and grok steps, and a divergence.
        await trainer.evaluate();
        if (trainer.step % PROGRESS_EVERY === 0) o.onProgress?.({ networkSteps: done + trainer.step, active: indices.length - k });
        if (o.cancelled?.()) return;
      }
      o.onProgress?.({ networkSteps: done + trainer.step, active: indices.length - k });
      done += trainer.step;
      o.onCell(cellOf(spec, config, { ...trainer.events }, trainer.step, trainer.divergence), index);
    } finally {
      trainer.dispose();
    }
  }
}

async function runBatched(spec: SweepSpec, configs: RunConfig[], indices: number[], o: SweepOptions): Promise<void> {
  const batch = new BatchedQuadratic(indices.map((i) => configs[i]));
  // Position in the batch → index in the grid; events per grid index.
  let members = [...indices];
  const events: RunEvents[] = configs.map(() => ({ fitStep: null, grokStep: null }));
  let networkSteps = 0;
  try {
    while (members.length > 0) {
      if (o.cancelled?.()) return;
      const chunk = Math.min(nextEval(batch.step), o.steps) - batch.step;
      for (let i = 0; i < chunk; i++) batch.trainStep();
      networkSteps += chunk * members.length;
      const evals = await batch.evaluate();
      const stay: number[] = [];
      evals.forEach((e, pos) => {
        const index = members[pos];
        const ev = events[index];
        if (ev.fitStep === null && e.trainAcc >= FIT_THRESHOLD) ev.fitStep = batch.step;
        if (ev.grokStep === null && e.testAcc >= GROK_THRESHOLD) ev.grokStep = batch.step;
        const diverged = Number.isFinite(e.weightNorm) ? null : `diverged by step ${batch.step} (weights not finite)`;
        if (diverged || ev.grokStep !== null || batch.step >= o.steps) o.onCell(cellOf(spec, configs[index], ev, batch.step, diverged), index);
        else stay.push(pos);
      });
      members = stay.map((pos) => members[pos]);
      if (members.length > 0) batch.keep(stay);
      o.onProgress?.({ networkSteps, active: members.length });
    }
  } finally {
    batch.dispose();
  }
}

/** Runs the grid; cells arrive through `onCell` in the order they are decided. */
export async function runSweep(spec: SweepSpec, o: SweepOptions): Promise<SweepCell[]> {
  const configs = sweepConfigs(spec);
  const cells: SweepCell[] = new Array(configs.length);
  const collect = { ...o, onCell: (cell: SweepCell, i: number) => ((cells[i] = cell), o.onCell(cell, i)) };
  const indices = o.only ? [...o.only] : configs.map((_, i) => i);
  if (o.mode === 'batched') await runBatched(spec, configs, indices, collect);
  else await runSequential(spec, configs, indices, collect);
  return cells;
}

/**
 * Network-steps per second of one way of training these runs, timed over a few steps after a
 * warm-up. A warm-up slower than `slowMs` (compiling shaders on a software adapter, say) is not
 * followed by more: its own rate is the answer, an underestimate of a backend that could not win.
 */
export async function measureMode(configs: RunConfig[], mode: SweepMode, steps = 3, slowMs = Infinity, onSlow?: (warmMs: number) => void): Promise<number> {
  const time = async (train: () => void, sync: () => Promise<unknown>, networks: number) => {
    let t0 = performance.now();
    train();
    await sync();
    const warmMs = performance.now() - t0;
    if (warmMs > slowMs) {
      onSlow?.(warmMs);
      return (networks * 1000) / warmMs;
    }
    t0 = performance.now();
    for (let i = 0; i < steps; i++) train();
    await sync();
    return (steps * networks * 1000) / (performance.now() - t0);
  };
  if (mode === 'batched') {
    const batch = new BatchedQuadratic(configs);
    try {
      return await time(() => batch.trainStep(), () => batch.evaluate(), configs.length);
    } finally {
      batch.dispose();
    }
  }
  const trainer = new Trainer(configs[0]);
  try {
    return await time(() => trainer.trainStep(), () => trainer.sync(), 1);
  } finally {
    trainer.dispose();
  }
}

/** The faster way on the current backend, with both measurements (batched only where the runs can share a batch). */
export async function pickMode(configs: RunConfig[]): Promise<{ mode: SweepMode; rates: Partial<Record<SweepMode, number>>; backend: string }> {
  const rates: Partial<Record<SweepMode, number>> = { sequential: await measureMode(configs, 'sequential') };
  if (!batchRefusal(configs)) rates.batched = await measureMode(configs, 'batched');
  const mode: SweepMode = (rates.batched ?? 0) > rates.sequential! ? 'batched' : 'sequential';
  return { mode, rates, backend: tf.getBackend() };
}
