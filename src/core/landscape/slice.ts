/**
 * A 2-D slice of the live loss surface, f(α, β) = L(w + α·d1 + β·d2) on a grid, with the
 * training path projected onto the same plane. Computed in the worker; the UI only draws it.
 */
import { lossAndAccuracyAt } from '../probes';
import type { Trainer } from '../trainer';
import { basinPlane, pcaPlane, project, randomPlane, type Plane } from './planes';
import type { RunConfig } from '../config';
import type { PlaneKind, SliceRequest } from './settings';
import { layoutOf } from './vectors';

export * from './settings';
import { evaluateGrid, evaluateMlpGrid, evaluateQuadraticGrid } from './grids';
import type { CheckpointTracker } from './tracker';

export interface SlicePoint {
  label: string;
  alpha: number;
  beta: number;
}

export interface LandscapeSlice {
  step: number;
  request: SliceRequest;
  axisLabels: [string, string];
  alphas: number[];
  betas: number[];
  /** Row-major over β (rows) then α (columns): loss[j * size + i] = f(alphas[i], betas[j]). */
  loss: Float32Array;
  accuracy: Float32Array;
  /** The projected trajectory, oldest first, ending at the current weights (0, 0). */
  path: Array<[number, number]>;
  points: SlicePoint[];
  ms: number;
}

const linspace = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));

async function choosePlane(kind: PlaneKind, tracker: CheckpointTracker, current: Float32Array, seed: number): Promise<Plane | string> {
  if (kind === 'random') return randomPlane(current, tracker.layout, seed);
  if (kind === 'pca') return pcaPlane(tracker.snapshots.map((s) => s.weights), current);
  return basinPlane(await tracker.init(), await tracker.memorized(), current);
}

/** Grid extent: ±span for random directions; the path's bounding box widened by `span` otherwise. */
function extent(req: SliceRequest, coords: Array<[number, number]>): { a: [number, number]; b: [number, number] } {
  if (req.plane === 'random') return { a: [-req.span, req.span], b: [-req.span, req.span] };
  const xs = coords.map((c) => c[0]).concat(0);
  const ys = coords.map((c) => c[1]).concat(0);
  const box = (v: number[]): [number, number] => {
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    const pad = Math.max((hi - lo) * 0.15, 1e-3) * req.span + (hi - lo) * (req.span - 1) * 0.5;
    return [lo - pad, hi + pad];
  };
  return { a: box(xs), b: box(ys) };
}

/**
 * Everything a grid evaluation needs, as plain data: the plane through the run's current weights,
 * the grid, and what is drawn on it. The training worker plans it (it holds the trajectory); the
 * grid's hundreds of forwards can then run in place or on the meters' own worker.
 */
export interface SliceJob {
  step: number;
  config: RunConfig;
  request: SliceRequest;
  axisLabels: [string, string];
  current: Float32Array;
  d1: Float32Array;
  d2: Float32Array;
  alphas: number[];
  betas: number[];
  path: Array<[number, number]>;
  points: SlicePoint[];
  /** Time spent planning, counted in the slice's `ms`. */
  planMs: number;
}

/** Where slice jobs can run off the training thread. Resolves with null when a newer slice replaced it. */
export interface SliceOffload {
  submitSlice(job: SliceJob): Promise<LandscapeSlice | null>;
}

/** The plane, path and grid for a slice at the trainer's current weights, or why there is none yet. */
export async function planSlice(trainer: Trainer, tracker: CheckpointTracker, req: SliceRequest): Promise<SliceJob | string> {
  const start = performance.now();
  const current = await tracker.current();
  const plane = await choosePlane(req.plane, tracker, current, trainer.config.seed);
  if (typeof plane === 'string') return plane;

  const snapshots = tracker.snapshots.filter((s) => s.step < trainer.step).map((s) => s.weights);
  const path = [...project(snapshots, current, plane), [0, 0] as [number, number]];
  const points: SlicePoint[] = [{ label: 'now', alpha: 0, beta: 0 }];
  const init = await tracker.init();
  const memorized = await tracker.memorized();
  const [initAt] = project([init], current, plane);
  points.push({ label: 'init', alpha: initAt[0], beta: initAt[1] });
  if (memorized) {
    const [memAt] = project([memorized], current, plane);
    points.push({ label: 'memorized', alpha: memAt[0], beta: memAt[1] });
  }
  const range = extent(req, req.plane === 'random' ? [] : [...path, ...points.map((p) => [p.alpha, p.beta] as [number, number])]);
  return {
    step: trainer.step,
    config: trainer.config,
    request: { ...req },
    axisLabels: plane.axisLabels,
    current,
    d1: plane.d1,
    d2: plane.d2,
    alphas: linspace(range.a[0], range.a[1], req.size),
    betas: linspace(range.b[0], range.b[1], req.size),
    path,
    points,
    planMs: performance.now() - start,
  };
}

/**
 * Evaluates a job's grid on `trainer`: a Trainer of the job's config (its data and model shapes;
 * its own weights are not read). The quadratic network's logits are a polynomial in (α, β), so a
 * few products cover the whole grid; the MLP shares its pre-activations along a row; the
 * transformer runs one forward per point.
 */
export async function evaluateSlice(job: SliceJob, trainer: Trainer): Promise<LandscapeSlice> {
  const start = performance.now();
  const { request: req, current, alphas, betas } = job;
  const layout = layoutOf(trainer.model.params.map((p) => p.shape));
  const plane = { d1: job.d1, d2: job.d2 };
  const data = trainer.splitData(req.split);
  const { loss, accuracy } =
    job.config.model === 'quadratic'
      ? await evaluateQuadraticGrid(data, layout, current, plane, alphas, betas)
      : job.config.model === 'mlp'
        ? await evaluateMlpGrid(data, layout, current, plane, alphas, betas)
        : await evaluateGrid((params) => lossAndAccuracyAt(trainer, params, req.split), layout, current, plane, alphas, betas);
  return {
    step: job.step,
    request: { ...req },
    axisLabels: job.axisLabels,
    alphas,
    betas,
    loss,
    accuracy,
    path: job.path,
    points: job.points,
    ms: job.planMs + performance.now() - start,
  };
}

/** The slice computed in place, or a sentence saying why this plane cannot be drawn yet. */
export async function computeSlice(trainer: Trainer, tracker: CheckpointTracker, req: SliceRequest): Promise<LandscapeSlice | string> {
  const job = await planSlice(trainer, tracker, req);
  return typeof job === 'string' ? job : evaluateSlice(job, trainer);
}
