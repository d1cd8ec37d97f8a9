/** Flat float vectors over all of a model's parameters, in the model's parameter order. */

export interface ParamLayout {
  shapes: number[][];
  sizes: number[];
  total: number;
}

export function layoutOf(shapes: number[][]): ParamLayout {
  const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
  return { shapes, sizes, total: sizes.reduce((a, b) => a + b, 0) };
}

export function concat(parts: ArrayLike<number>[], layout: ParamLayout): Float32Array {
  const out = new Float32Array(layout.total);
  let offset = 0;
  parts.forEach((p, i) => {
    out.set(p as ArrayLike<number>, offset);
    offset += layout.sizes[i];
  });
  return out;
}

export function split(flat: Float32Array, layout: ParamLayout): Float32Array[] {
  const out: Float32Array[] = [];
  let offset = 0;
  for (const size of layout.sizes) {
    out.push(flat.subarray(offset, offset + size));
    offset += size;
  }
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export const norm = (a: ArrayLike<number>) => Math.sqrt(dot(a, a));

export function sub(a: ArrayLike<number>, b: ArrayLike<number>): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] - b[i];
  return out;
}

/** a − (a·u) u for a unit vector u. */
export function removeComponent(a: Float32Array, u: ArrayLike<number>): Float32Array {
  const c = dot(a, u);
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] - c * u[i];
  return out;
}

export function scale(a: ArrayLike<number>, s: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] * s;
  return out;
}
