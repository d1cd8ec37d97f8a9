/**
 * A 2-D slice of the live loss surface, f(α, β) = L(w + α·d1 + β·d2) on a grid, with the
 * training path projected onto the same plane. Computed in the worker; the UI only draws it.
 */
import { lossAndAccuracyAt } from '../probes';
import type { Trainer } from '../trainer';
import { basinPlane, pcaPlane, project, randomPlane, type Plane } from './planes';
import type { PlaneKind } from './settings';
import type { SliceRequest } from './settings';

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

/** Returns the slice, or a sentence saying why this plane cannot be drawn yet. */
export async function computeSlice(trainer: Trainer, tracker: CheckpointTracker, req: SliceRequest): Promise<LandscapeSlice | string> {
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
  const alphas = linspace(range.a[0], range.a[1], req.size);
  const betas = linspace(range.b[0], range.b[1], req.size);

  // The quadratic network's logits are a polynomial in (α, β): a few products cover the whole grid.
  // The MLP shares its pre-activations along a row; the transformer runs one forward per point.
  const data = trainer.splitData(req.split);
  const { loss, accuracy } =
    trainer.config.model === 'quadratic'
      ? await evaluateQuadraticGrid(data, tracker.layout, current, plane, alphas, betas)
      : trainer.config.model === 'mlp'
        ? await evaluateMlpGrid(data, tracker.layout, current, plane, alphas, betas)
        : await evaluateGrid((params) => lossAndAccuracyAt(trainer, params, req.split), tracker.layout, current, plane, alphas, betas);
  return {
    step: trainer.step,
    request: { ...req },
    axisLabels: plane.axisLabels,
    alphas,
    betas,
    loss,
    accuracy,
    path,
    points,
    ms: performance.now() - start,
  };
}
