/**
 * The phase diagram's sweep: one worker measures how to train the grid fastest; then the runs are
 * trained there, split over two workers (one per core) when they go one at a time, in one worker
 * when they are batched (a GPU is one device). Runs are handed out longest first, so the workers
 * finish together. (Training on the second core while the first measures was tried: the grid took
 * ~3 s longer, 121.8 s against 118.6 s, mean of three each.)
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { longestFirst, type SweepCell, type SweepSpec } from '../core/sweep/grid';
import type { BackendSpeed } from '../worker/protocol';
import type { Candidate, SweepReply, SweepRequest } from '../worker/sweepProtocol';

export interface SweepState {
  spec: SweepSpec | null;
  state: 'idle' | 'measuring' | 'running' | 'done' | 'stopped' | 'failed';
  cells: (SweepCell | undefined)[];
  candidates: Candidate[];
  chosen: Candidate | null;
  workers: number;
  networkSteps: number;
  seconds: number;
  error: string | null;
}

const IDLE: SweepState = { spec: null, state: 'idle', cells: [], candidates: [], chosen: null, workers: 0, networkSteps: 0, seconds: 0, error: null };

/** Two workers at most: this page also trains and draws. */
const parallelism = () => Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1));

export function useSweep() {
  const [sweep, setSweep] = useState<SweepState>(IDLE);
  const workers = useRef<Worker[]>([]);
  // Set by Stop: no worker gets another run (one may be finishing a run when Stop is pressed).
  const halted = useRef(false);
  const terminate = () => {
    workers.current.forEach((w) => w.terminate());
    workers.current = [];
  };
  useEffect(() => terminate, []);

  /** `known`: the page's own timings of its run (a backend far too slow there is not timed again). */
  const start = useCallback((spec: SweepSpec, known: BackendSpeed[] = []) => {
    terminate();
    halted.current = false;
    const started = performance.now();
    // Per worker: network-steps of its finished runs and of the current one; whether it is finished.
    const parts: { before: number; now: number; done: boolean; stopped: boolean }[] = [];
    const queue: number[] = [];
    let use: Pick<Candidate, 'backend' | 'mode'> = { backend: 'wasm', mode: 'sequential' };
    const spawn = (part: number) => {
      const w = new Worker(new URL('../worker/sweep.worker.ts', import.meta.url), { type: 'module' });
      workers.current[part] = w;
      w.onmessage = (e: MessageEvent<SweepReply>) => receive(part, e.data);
      w.onerror = (e) => {
        e.preventDefault();
        setSweep((s) => ({ ...s, state: 'failed', error: `A sweep worker failed: ${e.message || 'unknown error'}` }));
      };
      return w;
    };
    const seconds = () => (performance.now() - started) / 1000;
    /** Hands a worker its next run (all of them when batched); false when none is left. */
    const give = (part: number) => {
      const only = use.mode === 'batched' ? queue.splice(0) : queue.splice(0, 1);
      if (only.length === 0 || halted.current) return false;
      workers.current[part].postMessage({ type: 'start', spec, use, only } satisfies SweepRequest);
      return true;
    };
    const receive = (part: number, r: SweepReply) => {
      if (r.type === 'measured') {
        use = { backend: r.chosen.backend, mode: r.chosen.mode };
        // One run at a time: as many workers as cores, each taking the next run when it finishes one.
        const n = r.chosen.mode === 'sequential' ? parallelism() : 1;
        queue.push(...longestFirst(spec));
        for (let k = 0; k < n; k++) {
          parts.push({ before: 0, now: 0, done: false, stopped: false });
          if (k > 0) spawn(k);
          give(k);
        }
        setSweep((s) => ({ ...s, state: 'running', candidates: r.candidates, chosen: r.chosen, workers: n }));
        return;
      }
      const p = parts[part];
      if (r.type === 'done') {
        p.before += p.now;
        p.now = 0;
        if (r.stopped || !give(part)) Object.assign(p, { done: true, stopped: r.stopped || halted.current });
      }
      if (r.type === 'progress') p.now = r.networkSteps;
      setSweep((s) => {
        const common = { networkSteps: parts.reduce((a, q) => a + q.before + q.now, 0), seconds: seconds() };
        switch (r.type) {
          case 'cell': {
            const cells = [...s.cells];
            cells[r.index] = r.cell;
            return { ...s, cells };
          }
          case 'progress':
            return { ...s, ...common };
          case 'done':
            if (!parts.every((q) => q.done)) return { ...s, ...common };
            return { ...s, ...common, state: parts.some((q) => q.stopped) ? 'stopped' : 'done' };
          case 'error':
            return { ...s, state: 'failed', error: r.message };
        }
      });
    };
    setSweep({ ...IDLE, spec, state: 'measuring', cells: new Array(spec.x.values.length * spec.y.values.length).fill(undefined) });
    spawn(0).postMessage({ type: 'measure', spec, known } satisfies SweepRequest);
  }, []);

  const stop = useCallback(() => {
    halted.current = true;
    workers.current.forEach((w) => w.postMessage({ type: 'stop' } satisfies SweepRequest));
    // Stopped while measuring: nothing will report done.
    setSweep((s) => (s.state === 'measuring' ? (terminate(), { ...s, state: 'stopped' }) : s));
  }, []);

  return { sweep, start, stop };
}
