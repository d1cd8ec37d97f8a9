/**
 * Eigenvalues (only) of a real symmetric matrix: Householder reduction to tridiagonal form, then the
 * implicit QL iteration with Wilkinson shifts (the classic tred2/tqli pair without eigenvectors).
 * The entropy meter needs the spectrum and nothing else; skipping the eigenvectors makes this about
 * ten times faster than a full decomposition (ml-matrix's, which the tests compare against).
 */

/** Eigenvalues of a symmetric d × d matrix given row-major, in no particular order. Float64 throughout. */
export function symmetricEigenvalues(values: ArrayLike<number>, d: number): number[] {
  const a = Float64Array.from({ length: d * d }, (_, k) => values[k]);
  const diag = new Float64Array(d);
  const off = new Float64Array(d);
  tridiagonalize(a, d, diag, off);
  qlImplicit(diag, off);
  return Array.from(diag);
}

/**
 * Householder reduction of the row-major n × n matrix `a` (overwritten): on return `diag` holds the
 * diagonal, `off[i]` the sub-diagonal element (i, i − 1). One flat array, rows at i·n: the entropy
 * meter runs this every few steps, and flat indexing took a third off its time.
 */
function tridiagonalize(a: Float64Array, n: number, diag: Float64Array, off: Float64Array): void {
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    const ri = i * n;
    let h = 0;
    if (l > 0) {
      let scale = 0;
      for (let k = 0; k <= l; k++) scale += Math.abs(a[ri + k]);
      if (scale === 0) off[i] = a[ri + l];
      else {
        for (let k = 0; k <= l; k++) {
          a[ri + k] /= scale;
          h += a[ri + k] * a[ri + k];
        }
        let f = a[ri + l];
        let g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
        off[i] = scale * g;
        h -= f * g;
        a[ri + l] = f - g;
        // off = A·u / h with u row i, reading the lower triangle row by row: the column walk the
        // textbook form takes for the upper half was the slowest part of the whole meter.
        for (let j = 0; j <= l; j++) off[j] = 0;
        for (let j = 0; j <= l; j++) {
          const rj = j * n;
          const uj = a[ri + j];
          g = 0;
          for (let k = 0; k < j; k++) {
            g += a[rj + k] * a[ri + k];
            off[k] += a[rj + k] * uj;
          }
          off[j] += g + a[rj + j] * uj;
        }
        f = 0;
        for (let j = 0; j <= l; j++) {
          off[j] /= h;
          f += off[j] * a[ri + j];
        }
        const hh = f / (h + h);
        for (let j = 0; j <= l; j++) {
          const rj = j * n;
          f = a[ri + j];
          off[j] = g = off[j] - hh * f;
          for (let k = 0; k <= j; k++) a[rj + k] -= f * off[k] + g * a[ri + k];
        }
      }
    } else off[i] = a[ri + l];
    diag[i] = h;
  }
  off[0] = 0;
  for (let i = 0; i < n; i++) diag[i] = a[i * n + i];
}

/** Implicit QL on a symmetric tridiagonal matrix; `diag` becomes the eigenvalues. */
function qlImplicit(diag: Float64Array, off: Float64Array): void {
  const n = diag.length;
  for (let i = 1; i < n; i++) off[i - 1] = off[i];
  if (n > 0) off[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(diag[m]) + Math.abs(diag[m + 1]);
        if (Math.abs(off[m]) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (++iterations > 60) throw new Error('eigenvalues did not converge (the matrix is not finite?)');
      let g = (diag[l + 1] - diag[l]) / (2 * off[l]);
      let r = Math.sqrt(g * g + 1);
      g = diag[m] - diag[l] + off[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i: number;
      let deflated = false;
      for (i = m - 1; i >= l; i--) {
        const f = s * off[i];
        const b = c * off[i];
        off[i + 1] = r = Math.sqrt(f * f + g * g);
        if (r === 0) {
          diag[i + 1] -= p;
          off[m] = 0;
          deflated = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = diag[i + 1] - p;
        r = (diag[i] - g) * s + 2 * c * b;
        p = s * r;
        diag[i + 1] = g + p;
        g = c * r - b;
      }
      if (deflated) continue;
      diag[l] -= p;
      off[l] = g;
      off[m] = 0;
    } while (m !== l);
  }
}
