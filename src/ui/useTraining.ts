/** Starts the training worker once and exposes its commands plus the live RunStore. */
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { RunConfig } from '../core/config';
import type { MeterConfig } from '../core/meterConfig';
import type { LandscapeSettings } from '../core/landscape/settings';
import type { BackendName, BackendRequest, Speed, TestCommand, WorkerCommand, WorkerEvent } from '../worker/protocol';
import { RunStore } from './runStore';
import type { LinkBranch } from '../core/branchLink';
import type { Moment } from '../core/moments';

export interface Training {
  store: RunStore;
  play(): void;
  pause(): void;
  step(): void;
  reset(): void;
  /** `fresh`: a new run at step 0 even if only live settings changed. */
  configure(config: RunConfig, fresh?: boolean): void;
  setMeters(meters: MeterConfig): void;
  setLandscape(settings: LandscapeSettings): void;
  /** Asks for accuracy without these frequencies (the store gets the answer); an empty list restores. */
  ablate(frequencies: number[]): void;
  setSpeed(speed: Speed): void;
  /** Branches the run at the timeline's checkpoint at (or before) `step`, continuing with `config`. */
  fork(step: number, config: RunConfig): void;
  /** Moves the run to another backend from the current step (one measured faster). */
  useBackend(backend: BackendName, why: string): void;
  /** Pauses run `fromRun` or a later one on the measurement that reaches `moment` (a lesson's), once; null clears it. */
  pauseAt(fromRun: number, moment: Moment | null, threshold: number): void;
  /** A new worker continuing the run from its last checkpoint (after the worker failed). */
  restart(): void;
  /** Times `config` on the worker's backend (pauses the live run); used by `npm run bench`. */
  benchmark(config: RunConfig, meters: MeterConfig, steps: number, forwards: number, sliceSize: number): Promise<BenchmarkResult>;
}

export type BenchmarkResult = Extract<WorkerEvent, { type: 'benchmark' }>;

declare global {
  interface Window {
    /** Test build only: for `npm run bench` to time the real worker from Playwright. */
    grokscopeBenchmark?: (steps: number, forwards: number, sliceSize: number) => Promise<BenchmarkResult>;
    /** Test build only: for the e2e tests of the failure paths. */
    grokscopeTestHooks?: { loseDevice(): void; crashWorker(): void; checkpointStep(): number | null; useBackend(name: BackendName): void };
  }
}

export function useTraining(
  initial: RunConfig,
  meters: MeterConfig,
  landscape: LandscapeSettings,
  backend: BackendRequest,
  /** A branch from the link: the worker replays its parent to the branch step, then forks. */
  branch: LinkBranch | null = null,
): Training {
  const store = useMemo(() => new RunStore(), []);
  const worker = useRef<Worker | null>(null);
  const benchmarkWaiters = useRef<Array<(r: BenchmarkResult) => void>>([]);
  useSyncExternalStore(store.subscribe, store.getVersion);

  // The latest settings, for a restarted worker (the first one gets them in its init message).
  const latest = useRef({ meters, landscape });
  latest.current = { meters, landscape };

  const spawn = useMemo(
    () => (init: Extract<WorkerCommand, { type: 'init' }>) => {
      worker.current?.terminate();
      const w = new Worker(new URL('../worker/train.worker.ts', import.meta.url), { type: 'module' });
      worker.current = w;
      w.onmessage = (e: MessageEvent<WorkerEvent>) => {
        if (e.data.type === 'benchmark') benchmarkWaiters.current.shift()?.(e.data);
        else store.receive(e.data);
      };
      // An uncaught failure in the worker never leaves a frozen page: the UI offers a restart.
      w.onerror = (e) => {
        e.preventDefault();
        // A worker whose error went uncaught may still be training: stop it, so the page's
        // "failed" is true and the restart is the only worker.
        w.terminate();
        if (worker.current === w) worker.current = null;
        store.setWorkerDown(`The training worker failed: ${e.message || 'unknown error'}.`);
      };
      w.postMessage(init);
    },
    [store],
  );

  useEffect(() => {
    spawn(
      branch
        ? { type: 'init', config: branch.parent, meters, landscape, backend, branch: { step: branch.step, config: initial } }
        : { type: 'init', config: initial, meters, landscape, backend },
    );
    return () => worker.current?.terminate();
    // The worker lives for the page; later config changes go through configure().
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spawn]);

  return useMemo(() => {
    const send = (cmd: WorkerCommand | TestCommand) => worker.current?.postMessage(cmd);
    const benchmark = (config: RunConfig, m: MeterConfig, steps: number, forwards: number, sliceSize: number) =>
      new Promise<BenchmarkResult>((resolve) => {
        benchmarkWaiters.current.push(resolve);
        send({ type: 'benchmark', config, meters: m, steps, forwards, sliceSize });
      });
    if (__TEST_HOOKS__) {
      window.grokscopeBenchmark = (steps, forwards, sliceSize) => benchmark(store.config ?? initial, meters, steps, forwards, sliceSize);
      window.grokscopeTestHooks = {
        loseDevice: () => send({ type: 'test-lose-device' }),
        crashWorker: () => send({ type: 'test-crash' }),
        checkpointStep: () => store.lastCheckpoint?.step ?? null,
        // What the backend probe does when it measures another backend faster (none is, on a machine without a GPU).
        useBackend: (name) => send({ type: 'use-backend', backend: name, why: `Measured on this network (test): ${name} is faster.` }),
      };
    }
    return {
      benchmark,
      store,
      restart: () => {
        store.workerDown = false;
        store.status = { ...store.status, state: 'starting' };
        store.dismissErrors();
        const config = store.config ?? initial;
        const resume = store.lastCheckpoint ?? undefined;
        spawn({ type: 'init', config, ...latest.current, backend, resume });
      },
      play: () => send({ type: 'play' }),
      pause: () => send({ type: 'pause' }),
      step: () => send({ type: 'step' }),
      reset: () => send({ type: 'reset' }),
      configure: (config, fresh) => send({ type: 'configure', config, fresh }),
      setMeters: (m) => send({ type: 'meters', meters: m }),
      setLandscape: (settings) => send({ type: 'landscape', settings }),
      ablate: (frequencies) => {
        store.requestAblation(frequencies);
        if (frequencies.length) send({ type: 'ablate', frequencies });
      },
      setSpeed: (speed) => send({ type: 'speed', speed }),
      fork: (step, config) => send({ type: 'fork', step, config }),
      useBackend: (backend, why) => send({ type: 'use-backend', backend, why }),
      pauseAt: (fromRun, moment, threshold) => send({ type: 'pause-at', fromRun, moment, threshold }),
    };
  }, [store, spawn]);
}

/** ?autoplay=1 starts training as soon as the first run is ready, once. */
export function useAutoplay(autoplay: boolean, training: Training): void {
  const done = useRef(false);
  const { store } = training;
  useEffect(() => {
    if (autoplay && !done.current && store.status.state === 'paused' && store.series.step.length > 0) {
      done.current = true;
      training.play();
    }
  });
}
