/**
 * What the network learned, in the Fourier basis (Nanda et al. 2023; Gromov 2023): the discrete
 * Fourier spectrum of the input embeddings over the p residues. A network that has grokked modular
 * addition represents each residue a by cos/sin(2πka/p) for a few key frequencies k, so the power
 * concentrates there and each hidden unit ends up on a single frequency.
 * Pure arithmetic on weights read from the model: O(p² · width) per table, well under a millisecond.
 */
import type { ModelKind, Task } from './config';

/** Tasks whose algorithm runs over the residues (a ± b), where the progress measures apply; × and ÷ run over discrete logarithms. */
export const progressDefined = (config: { task: Task }): boolean => config.task === 'add' || config.task === 'sub';

export interface FourierRow {
  step: number;
  /** Share of the embeddings' power at frequency k = 1 … ⌊p/2⌋ (index k − 1); the constant term is left out. */
  power: number[];
  /** Frequencies holding at least KEY_SHARE_FACTOR times a uniform share, strongest first (at most MAX_KEY). */
  keyFrequencies: number[];
  /** Share of the power in the five strongest frequencies. */
  top5Share: number;
  /** Per hidden unit (embedding column): its strongest frequency, and that frequency's share of its power. */
  unitFrequency: number[];
  unitShare: number[];
  /** Mean of unitShare: 1 when every unit sits on one frequency. */
  topFrequencyShare: number;
  /** Nanda et al.'s progress measures at the key frequencies (progress.ts); null where the task has none (× and ÷). */
  restrictedLoss: number | null;
  excludedLoss: number | null;
}

/** The first parameter at a step, from which one hidden unit's weights over the residues are drawn. */
export interface UnitWeights {
  step: number;
  first: Float32Array;
}

/** Accuracy of the network as it is, and with some frequencies projected out of its embeddings. */
export interface AblationResult {
  step: number;
  frequencies: number[];
  with: { trainAcc: number; testAcc: number };
  without: { trainAcc: number; testAcc: number };
}

/** A key frequency holds at least this many times the share it would have if power were spread evenly. */
export const KEY_SHARE_FACTOR = 2;
export const MAX_KEY = 8;

/**
 * The embedding tables of a model, each p × width row-major, from its first parameter: the quadratic
 * net and the MLP embed a and b with separate rows (2p × width), the transformer has one token table
 * ((p + 1) × d, the last row being "=").
 */
export function embeddingTables(kind: ModelKind, p: number, first: Float32Array, width: number): Float32Array[] {
  const table = (from: number) => first.subarray(from * width, (from + p) * width);
  return kind === 'transformer' ? [table(0)] : [table(0), table(p)];
}

/** cos and sin(2πka/p) for k = 1 … ⌊p/2⌋ (row k − 1) and a = 0 … p − 1: the Fourier basis over the residues. */
function fourierBasis(p: number): { cos: Float64Array; sin: Float64Array } {
  const freqs = Math.floor(p / 2);
  const cos = new Float64Array(freqs * p);
  const sin = new Float64Array(freqs * p);
  for (let k = 1; k <= freqs; k++)
    for (let a = 0; a < p; a++) {
      cos[(k - 1) * p + a] = Math.cos((2 * Math.PI * k * a) / p);
      sin[(k - 1) * p + a] = Math.sin((2 * Math.PI * k * a) / p);
    }
  return { cos, sin };
}

/** Power per frequency (1 … ⌊p/2⌋) of each column, summed over the tables: units × frequencies. */
export function unitSpectra(tables: Float32Array[], p: number, width: number): Float64Array[] {
  const freqs = Math.floor(p / 2);
  const { cos, sin } = fourierBasis(p);
  const power = Array.from({ length: width }, () => new Float64Array(freqs));
  const re = new Float64Array(width);
  const im = new Float64Array(width);
  // Rows of a table are contiguous over the units, so the inner loop runs along a row.
  for (const t of tables)
    for (let k = 0; k < freqs; k++) {
      re.fill(0);
      im.fill(0);
      for (let a = 0; a < p; a++) {
        const ca = cos[k * p + a];
        const sa = sin[k * p + a];
        const row = a * width;
        for (let c = 0; c < width; c++) {
          re[c] += t[row + c] * ca;
          im[c] += t[row + c] * sa;
        }
      }
      for (let c = 0; c < width; c++) power[c][k] += re[c] * re[c] + im[c] * im[c];
    }
  return power;
}

/** The embeddings' view; the progress measures need the model's logits and are added by the caller. */
export function fourierRow(step: number, tables: Float32Array[], p: number, width: number): FourierRow {
  const units = unitSpectra(tables, p, width);
  const freqs = Math.floor(p / 2);
  const total = new Float64Array(freqs);
  const unitFrequency: number[] = [];
  const unitShare: number[] = [];
  for (const u of units) {
    let best = 0;
    let sum = 0;
    for (let k = 0; k < freqs; k++) {
      total[k] += u[k];
      sum += u[k];
      if (u[k] > u[best]) best = k;
    }
    unitFrequency.push(best + 1);
    unitShare.push(sum > 0 ? u[best] / sum : 0);
  }
  const all = total.reduce((s, v) => s + v, 0);
  const power = Array.from(total, (v) => (all > 0 ? v / all : 0));
  const ranked = power.map((share, k) => ({ k: k + 1, share })).sort((x, y) => y.share - x.share);
  return {
    step,
    power,
    keyFrequencies: ranked.filter((r) => r.share >= KEY_SHARE_FACTOR / freqs).slice(0, MAX_KEY).map((r) => r.k),
    top5Share: ranked.slice(0, 5).reduce((s, r) => s + r.share, 0),
    unitFrequency,
    unitShare,
    topFrequencyShare: unitShare.reduce((s, v) => s + v, 0) / Math.max(1, unitShare.length),
    restrictedLoss: null,
    excludedLoss: null,
  };
}

/**
 * The first parameter with frequencies `freqs` projected out of every embedding table: each column
 * loses its cos/sin(2πka/p) components over a (they are orthogonal, with squared norm p/2). The
 * transformer's "=" row is left as it is. For evaluation only: the weights being trained are not touched.
 */
export function withoutFrequencies(kind: ModelKind, p: number, first: Float32Array, width: number, freqs: readonly number[]): Float32Array {
  const out = Float32Array.from(first);
  const { cos, sin } = fourierBasis(p);
  for (const table of embeddingTables(kind, p, out, width))
    for (const k of freqs) {
      const row = (k - 1) * p;
      for (let c = 0; c < width; c++) {
        let re = 0;
        let im = 0;
        for (let a = 0; a < p; a++) {
          re += table[a * width + c] * cos[row + a];
          im += table[a * width + c] * sin[row + a];
        }
        for (let a = 0; a < p; a++) table[a * width + c] -= (2 / p) * (re * cos[row + a] + im * sin[row + a]);
      }
    }
  return out;
}

/** One unit's weights over a = 0 … p − 1 in each embedding table (the quadratic net: W_a and W_b). */
export function unitColumns(kind: ModelKind, p: number, first: Float32Array, width: number, unit: number): number[][] {
  return embeddingTables(kind, p, first, width).map((t) => Array.from({ length: p }, (_, a) => t[a * width + unit]));
}

/** Gromov's form for a unit on frequency k: w(a) ≈ mean + amplitude · cos(2πka/p + phase). */
export interface CosineFit {
  mean: number;
  amplitude: number;
  phase: number;
  /** The fitted values at a = 0 … p − 1. */
  fitted: number[];
  /** Share of the weights' variance the cosine explains (R²). */
  explained: number;
}

/** Least squares of a cosine at frequency k over the residues: the projection on cos/sin(2πka/p), which are orthogonal. */
export function cosineFit(values: readonly number[], k: number): CosineFit {
  const p = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / p;
  let re = 0;
  let im = 0;
  values.forEach((v, a) => {
    re += (v - mean) * Math.cos((2 * Math.PI * k * a) / p);
    im += (v - mean) * Math.sin((2 * Math.PI * k * a) / p);
  });
  // w − mean ≈ (2/p)(re·cos θ + im·sin θ) = A·cos(θ + φ) with A = (2/p)|re + i·im|, φ = −atan2(im, re).
  const amplitude = (2 / p) * Math.hypot(re, im);
  const phase = -Math.atan2(im, re);
  const fitted = values.map((_, a) => mean + amplitude * Math.cos((2 * Math.PI * k * a) / p + phase));
  const total = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  const residual = values.reduce((s, v, a) => s + (v - fitted[a]) ** 2, 0);
  return { mean, amplitude, phase, fitted, explained: total > 0 ? 1 - residual / total : 1 };
}
