/** How many WebAssembly threads training gets (no imports: the e2e tests use it too). */

/**
 * Threads for training: the cores left after the page's own thread and the LLC estimator's worker.
 * Measured on 2 cores (transformer preset, Chromium): 2 threads 28–34 ms a step, 1 thread 29–32, so
 * threads start only where there are cores to spare.
 */
export const trainingThreads = (cores: number): number => Math.max(1, cores - 2);
