/**
 * What a configuration will cost before it runs: memory, time per training step and per entropy
 * measurement, from the model's shapes. Rough on purpose (within a factor of a few), calibrated on
 * this project's 2-core development machine's WebAssembly backend; its job is to say plainly, before
 * the page freezes, that a setting is too heavy, and to refuse what cannot fit in a tab.
 */
import { MLP_RATIO, TRANSFORMER_HEADS, type RunConfig } from './config';

/** Floating-point work per second of tfjs-wasm here (measured: 18–23 GFLOP/s on the presets; kept low). */
const WASM_FLOPS = 10e9;
/** The eigenvalue-only solver in plain JavaScript: about 3·d³ operations at ~1 GFLOP/s (measured 2.7 ms at d = 96). */
const JS_FLOPS = 1e9;
/** Above this estimate a run is refused: tfjs-wasm's heap tops out at 2–4 GB and needs room to spare. */
export const MAX_RUN_BYTES = 1.5 * 2 ** 30;
/** Above this a step is slow enough that the page says so before training starts. */
export const SLOW_STEP_MS = 250;
export const SLOW_METER_MS = 2000;

export interface RunCost {
  params: number;
  bytes: number;
  msPerStep: number;
  /** One spectral-entropy measurement (its d × d eigen-decomposition dominates). */
  msPerEntropy: number;
  /** Null when the run is light enough; otherwise one plain sentence. */
  warning: string | null;
  /** True when the run must not start (it would exhaust the tab's memory). */
  refused: boolean;
}

/** Parameters, forward flops and activation floats per example, and the penultimate width. */
function shapes(c: RunConfig): { params: number; flops: number; acts: number; hidden: number } {
  const { p, width: k } = c;
  if (c.model === 'quadratic') return { params: 3 * p * k, flops: 2 * (2 * p * k) + 2 * k * p, acts: 3 * k + 2 * p, hidden: k };
  if (c.model === 'mlp') return { params: 3 * p * k + k + p, flops: 2 * (2 * p * k) + 2 * k * p, acts: 3 * k + 2 * p, hidden: k };
  const d = k;
  const mlp = MLP_RATIO * d;
  const params = (p + 1) * d + 3 * d + 4 * d * d + 2 * d * mlp + mlp + d + d * p;
  // Two embedding products over the 2p one-hot inputs, six key/value and two query/output
  // projections, the MLP, the unembedding; attention over three positions is small beside them.
  const flops = 2 * 2 * (2 * p) * d + 8 * 2 * d * d + 2 * 2 * d * mlp + 2 * d * p + 3 * TRANSFORMER_HEADS * d;
  return { params, flops, acts: 12 * d + 2 * mlp + 2 * p, hidden: d };
}

const mb = (bytes: number) => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GB` : `${Math.round(bytes / 2 ** 20)} MB`);
const secs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${Math.round(ms)} ms`);

export function estimateCost(c: RunConfig, entropyEvery: number): RunCost {
  const { params, flops, acts, hidden } = shapes(c);
  const all = c.p * c.p;
  const train = Math.round(c.trainFrac * all);
  const test = all - train;
  // Training keeps activations and their gradients; evaluation runs the test split forward only.
  const floats = Math.max(3 * train * acts, test * acts) + 2 * c.p * all + 4 * params;
  const bytes = 4 * floats;
  const msPerStep = (1000 * (3 * flops * train + (flops * all) / c.evalEvery)) / WASM_FLOPS;
  const msPerEntropy = entropyEvery > 0 ? (1000 * 3 * hidden ** 3) / JS_FLOPS : 0;
  const where = `${c.model}, p ${c.p}, width ${c.width}`;
  if (bytes > MAX_RUN_BYTES)
    return {
      params,
      bytes,
      msPerStep,
      msPerEntropy,
      refused: true,
      warning: `This network (${where}) would need about ${mb(bytes)} of memory, more than a browser tab can give it. Lower p, the width or the train fraction.`,
    };
  const slow: string[] = [];
  if (msPerStep > SLOW_STEP_MS) slow.push(`each training step about ${secs(msPerStep)}`);
  if (msPerEntropy > SLOW_METER_MS) slow.push(`each spectral-entropy measurement about ${secs(msPerEntropy)} (a ${hidden} × ${hidden} eigen-decomposition; entropy-every 0 turns it off)`);
  const warning = slow.length
    ? `A heavy network (${where}, ${params.toLocaleString('en-US')} parameters): ${slow.join(', and ')}, estimated for a 2-core laptop without a GPU. Charts and Pause respond only between these.`
    : null;
  return { params, bytes, msPerStep, msPerEntropy, refused: false, warning };
}
