/**
 * The three planes a loss-landscape slice can lie in (Li et al. 2018; docs/science.md, "Loss landscape"), each
 * through the current weights w: f(α, β) = L(w + α·d1 + β·d2).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { createRng } from '../rng';
import { dot, norm, removeComponent, scale, split, sub, type ParamLayout } from './vectors';

import type { PlaneKind } from './settings';

export { PLANES, type PlaneKind } from './settings';

export interface Plane {
  kind: PlaneKind;
  d1: Float32Array;
  d2: Float32Array;
  /** Axis names in the UI, with their units. */
  axisLabels: [string, string];
}

/**
 * A random direction, filter-normalized: for each 2-D parameter, every output unit's column is
 * scaled to the norm of that column in the weights; 1-D parameters (biases) get zero, as in Li et al.
 */
export function filterNormalizedDirection(weights: Float32Array, layout: ParamLayout, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(layout.total);
  const parts = split(weights, layout);
  const dirs = split(out, layout);
  layout.shapes.forEach((shape, p) => {
    if (shape.length !== 2) return;
    const [rows, cols] = shape;
    const w = parts[p];
    const d = dirs[p];
    for (let i = 0; i < d.length; i++) d[i] = rng.normal();
    for (let c = 0; c < cols; c++) {
      let wn = 0;
      let dn = 0;
      for (let r = 0; r < rows; r++) {
        wn += w[r * cols + c] ** 2;
        dn += d[r * cols + c] ** 2;
      }
      const f = dn > 0 ? Math.sqrt(wn / dn) : 0;
      for (let r = 0; r < rows; r++) d[r * cols + c] *= f;
    }
  });
  return out;
}

export function randomPlane(weights: Float32Array, layout: ParamLayout, seed: number): Plane {
  return {
    kind: 'random',
    d1: filterNormalizedDirection(weights, layout, seed * 2 + 11),
    d2: filterNormalizedDirection(weights, layout, seed * 2 + 12),
    axisLabels: ['α (filter-normalized direction 1)', 'β (filter-normalized direction 2)'],
  };
}

/**
 * The top two principal directions of the trajectory (snapshots minus the current weights), by
 * the eigenvectors of the small snapshot Gram matrix. Unit vectors: α, β are distances in weight space.
 */
export function pcaPlane(snapshots: Float32Array[], current: Float32Array): Plane | string {
  const diffs = snapshots.map((s) => sub(s, current)).filter((d) => norm(d) > 0);
  if (diffs.length < 2) return 'the PCA plane needs at least two earlier snapshots of the weights';
  const gram = diffs.map((a) => diffs.map((b) => dot(a, b)));
  const eig = new EigenvalueDecomposition(new Matrix(gram), { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const vecs = eig.eigenvectorMatrix;
  const direction = (k: number) => {
    const col = order[k][1];
    const d = new Float32Array(current.length);
    diffs.forEach((row, i) => {
      const c = vecs.get(i, col);
      for (let j = 0; j < d.length; j++) d[j] += c * row[j];
    });
    return d;
  };
  const d1 = direction(0);
  const n1 = norm(d1);
  if (!(n1 > 0)) return 'the trajectory has not moved yet';
  const u1 = scale(d1, 1 / n1);
  const r2 = removeComponent(direction(1), u1);
  const n2 = norm(r2);
  if (!(n2 > 0)) return 'the trajectory is a straight line so far: no second direction';
  const total = eig.realEigenvalues.reduce((a, b) => a + Math.max(0, b), 0);
  const share = (k: number) => Math.round((100 * Math.max(0, order[k][0])) / total);
  return {
    kind: 'pca',
    d1: u1,
    d2: scale(r2, 1 / n2),
    axisLabels: [`PC1 (${share(0)}% of the path's variance)`, `PC2 (${share(1)}%)`],
  };
}

/** The plane through the initial weights, the memorization checkpoint and the current weights. */
export function basinPlane(init: Float32Array, memorized: Float32Array | null, current: Float32Array): Plane | string {
  if (!memorized) return 'the basin plane appears once the network has memorized its training set';
  const a = sub(init, current);
  const na = norm(a);
  if (!(na > 0)) return 'the weights have not moved from their initial values';
  const u1 = scale(a, 1 / na);
  const b = removeComponent(sub(memorized, current), u1);
  const nb = norm(b);
  if (!(nb > 0)) return 'the memorization checkpoint lies on the line from init to now: no plane';
  return {
    kind: 'basin',
    d1: u1,
    d2: scale(b, 1 / nb),
    axisLabels: ['α: towards the initial weights', 'β: towards the memorized weights'],
  };
}

/** Coordinates of points in a plane through `current`: least squares when d1, d2 are not orthonormal. */
export function project(points: Float32Array[], current: Float32Array, plane: Plane): Array<[number, number]> {
  const { d1, d2 } = plane;
  const g11 = dot(d1, d1);
  const g12 = dot(d1, d2);
  const g22 = dot(d2, d2);
  const det = g11 * g22 - g12 * g12;
  return points.map((p) => {
    const v = sub(p, current);
    const b1 = dot(v, d1);
    const b2 = dot(v, d2);
    return det > 0 ? [(g22 * b1 - g12 * b2) / det, (g11 * b2 - g12 * b1) / det] : [0, 0];
  });
}
