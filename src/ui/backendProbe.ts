/**
 * Backend by measured speed: a sweep worker times each backend on the page's own network (one run,
 * a fraction of a second each), the badge shows the numbers, and the run moves to a backend that
 * trains it clearly faster than the one it is on. Measured while the run is not training (on load,
 * before Train; cut short by Train and taken up again at the next pause), so the timings never take
 * the cores from training: measured beside it, they cost ~2.3 s of the classic run's 6 s to grok here.
 */
import { useEffect, useRef } from 'react';
import type { RunConfig } from '../core/config';
import type { Candidate, SweepReply, SweepRequest } from '../worker/sweepProtocol';
import { BACKEND_LABEL, type BackendName, type BackendRequest, type BackendSpeed } from '../worker/protocol';
import type { RunStore } from './runStore';
import type { Training } from './useTraining';

/** Another backend must train at least this much faster to be worth moving the run for. */
export const MOVE_MARGIN = 1.2;

/** What a new measurement is for: another network (model, size, amount of data) may rank backends differently. */
export const probeKey = (c: RunConfig) => `${c.model}/${c.p}/${c.width}/${Math.round(c.trainFrac * 10)}`;

export const speedsOf = (candidates: readonly Candidate[]): BackendSpeed[] =>
  candidates.filter((c) => c.mode === 'sequential').map((c) => ({ backend: c.backend, stepsPerSec: c.rate, lowerBound: c.lowerBound, note: c.note }));

/** The backend to move to, with the sentence that says why; null to stay. */
export function fasterBackend(speeds: readonly BackendSpeed[], current: BackendName): { backend: BackendName; why: string } | null {
  const own = speeds.find((s) => s.backend === current);
  // Only a floor (its first step alone was timed, on a busy machine): no basis for moving.
  const here = own && !own.lowerBound ? own.stepsPerSec : null;
  const best = speeds.reduce<BackendSpeed | null>((b, s) => (s.stepsPerSec !== null && (b === null || s.stepsPerSec > b.stepsPerSec!) ? s : b), null);
  if (!best || best.backend === current || here === null || best.stepsPerSec! < MOVE_MARGIN * here) return null;
  const ratio = best.stepsPerSec! / here;
  return { backend: best.backend, why: `Measured on this network: ${BACKEND_LABEL[best.backend]} trains it ${ratio.toFixed(1)}× faster than ${BACKEND_LABEL[current]}.` };
}

export function useBackendProbe(store: RunStore, training: Training, request: BackendRequest, config: RunConfig): void {
  const probed = useRef<string | null>(null);
  const key = probeKey(config);
  const ready = store.backend !== null;
  const busy = store.status.state === 'running';
  useEffect(() => {
    // A backend asked for by name is used as asked.
    if (request !== 'auto' || !ready || busy || probed.current === key) return;
    probed.current = key;
    const w = new Worker(new URL('../worker/sweep.worker.ts', import.meta.url), { type: 'module' });
    let done = false;
    w.onmessage = (e: MessageEvent<SweepReply>) => {
      done = e.data.type === 'measured' || e.data.type === 'error';
      if (e.data.type === 'measured') {
        const speeds = speedsOf(e.data.candidates);
        store.setMeasured(speeds);
        const move = store.backend ? fasterBackend(speeds, store.backend.name) : null;
        if (move) training.useBackend(move.backend, move.why);
      }
      if (e.data.type === 'measured' || e.data.type === 'error') w.terminate();
    };
    w.onerror = (e) => (e.preventDefault(), w.terminate());
    const spec = { base: config, x: { key: 'wd' as const, values: [config.wd] }, y: { key: 'trainFrac' as const, values: [config.trainFrac] } };
    w.postMessage({ type: 'measure', spec, oneAtATime: true } satisfies SweepRequest);
    return () => {
      w.terminate();
      // Cut short (the page re-rendered it away): measure again next time.
      if (!done && probed.current === key) probed.current = null;
    };
    // Measured again only when the network changes enough to matter (the key), not on every setting;
    // Train cuts a measurement short (the cleanup), and the next pause takes it up again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ready, request, busy]);
}
