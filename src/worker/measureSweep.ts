/**
 * Which backend and which way (batched or one run after another) trains a grid fastest here,
 * measured on the grid's own runs rather than assumed: a software GPU adapter, a GPU that is fast
 * for big batches but slow per kernel, and WebAssembly each win somewhere.
 */
import type { RunConfig } from '../core/config';
import { batchRefusal } from '../core/sweep/batchedQuadratic';
import { measureMode } from '../core/sweep/runSweep';
import { chooseBackend } from './backends';
import { BACKENDS, type BackendName, type BackendSpeed } from './protocol';
import type { Candidate } from './sweepProtocol';

/** A batch is timed on at most this many runs: a lower bound for more (a batch's rate grows with its size). */
const TIMED_BATCH = 4;
/** A backend whose single step takes longer than this is not timed batched: it cannot catch up. */
const SLOW_STEP_MS = 100;
const tooSlow = (stepsPerSec: number) => 1000 / stepsPerSec > SLOW_STEP_MS;
/** A first step slower than this (shader compilation on a software adapter) is the whole measurement. */
const SLOW_WARMUP_MS = 1000;

/** Starts exactly this backend (with the numerical self-check), or throws why not. */
export async function useBackend(name: BackendName): Promise<void> {
  await chooseBackend(name, BACKENDS.filter((b) => b !== name));
}

const candidate = (backend: BackendName, mode: Candidate['mode'], rate: number | null, note: string, lowerBound = false): Candidate => ({ backend, mode, rate, note, lowerBound });

/** One way timed, with a note when only its (slow) first step was. */
async function timed(configs: RunConfig[], mode: Candidate['mode'], backend: BackendName, note: string): Promise<Candidate> {
  let firstMs: number | null = null;
  const rate = await measureMode(configs, mode, 2, SLOW_WARMUP_MS, (ms) => (firstMs = ms));
  return firstMs === null ? candidate(backend, mode, rate, note) : candidate(backend, mode, rate, `${note}; its first step alone, ${Math.round(firstMs)} ms`, true);
}

/**
 * Each backend timed one run at a time and, unless `batched` is false, all runs batched. A backend
 * the page already timed on its own run at over SLOW_STEP_MS a step (a software adapter's first
 * step, compiling its shaders: seconds) is not timed again: it could not win either way.
 */
export async function measureCandidates(
  configs: RunConfig[],
  batched = true,
  backends: readonly BackendName[] = ['webgpu', 'webgl', 'wasm'],
  known: readonly BackendSpeed[] = [],
): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const backend of backends) {
    const slow = known.find((k) => k.backend === backend && k.stepsPerSec !== null && tooSlow(k.stepsPerSec));
    if (slow) {
      out.push(candidate(backend, 'sequential', slow.stepsPerSec, `timed by the page on its own run: ${slow.note}`, slow.lowerBound));
      if (batched) out.push(candidate(backend, 'batched', null, `not timed: one step took ${(1000 / slow.stepsPerSec!).toFixed(0)} ms on the page's run`));
      continue;
    }
    try {
      await useBackend(backend);
    } catch (err) {
      out.push(candidate(backend, 'sequential', null, err instanceof Error ? err.message : String(err)));
      continue;
    }
    const one = await timed([configs[0]], 'sequential', backend, 'one run at a time');
    out.push(one);
    const sequential = one.rate!;
    if (!batched || batchRefusal(configs)) continue;
    if (tooSlow(sequential)) {
      out.push(candidate(backend, 'batched', null, `not timed: one step takes ${(1000 / sequential).toFixed(0)} ms here`));
      continue;
    }
    const some = configs.slice(0, TIMED_BATCH);
    out.push(await timed(some, 'batched', backend, `timed on ${some.length} of ${configs.length} runs`));
  }
  return out;
}

/** The fastest candidate that ran. */
export function fastest(candidates: readonly Candidate[]): Candidate | null {
  return candidates.reduce<Candidate | null>((best, c) => (c.rate !== null && (best === null || c.rate > best.rate!) ? c : best), null);
}
