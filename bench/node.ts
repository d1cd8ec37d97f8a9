/** Node half of the bench: throughput per backend and time-to-grok, with the same Trainer as the app. */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../src/core/config';
import { DEFAULT_METERS } from '../src/core/meters';
import { measureThroughput, type Throughput } from '../src/core/throughput';
import { RunLoop } from '../src/core/runLoop';
import { Trainer } from '../src/core/trainer';
import { DEFAULT_LANDSCAPE } from '../src/core/landscape/slice';
import { useNodeBackend, type NodeBackend } from '../src/node/backend';

/** Steps timed per backend: the pure-JS CPU and SwiftShader WebGPU are slow, so they get fewer. */
const STEPS: Record<NodeBackend, number> = { wasm: 200, cpu: 10, webgpu: 10 };

export async function nodeThroughput(config: RunConfig, backend: NodeBackend, steps = STEPS[backend]): Promise<Throughput | string> {
  try {
    await useNodeBackend(backend);
    // Slow backends time a 9×9 slice; the table says so.
    return await measureThroughput(config, DEFAULT_METERS, steps, Math.max(3, steps / 4), backend === 'wasm' ? 3 : 1, backend === 'wasm' ? 31 : 9);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export interface GrokTiming {
  fitStep: number | null;
  grokStep: number | null;
  secondsToGrok: number | null;
  secondsToFit: number | null;
}

/** Trains on the app's RunLoop (meters and slices off: training only) until test accuracy passes the grok threshold, timing the wall clock. */
export async function nodeTimeToGrok(config: RunConfig, backend: NodeBackend): Promise<GrokTiming> {
  await useNodeBackend(backend);
  const ignore = () => {};
  const loop = new RunLoop(
    config,
    { meters: { ...DEFAULT_METERS, llcEvery: 0, entropyEvery: 0 }, landscape: { ...DEFAULT_LANDSCAPE, every: 0 } },
    { onRows: ignore, onLlc: ignore, onEntropy: ignore, onSlice: ignore, onDivergence: ignore },
  );
  const { trainer } = loop;
  const start = performance.now();
  let secondsToFit: number | null = null;
  try {
    await loop.begin();
    while (loop.step < config.steps && trainer.events.grokStep === null && !loop.divergence) {
      await loop.advance(config.steps, 200);
      if (secondsToFit === null && trainer.events.fitStep !== null) secondsToFit = (performance.now() - start) / 1000;
    }
    const seconds = (performance.now() - start) / 1000;
    const { fitStep, grokStep } = trainer.events;
    return { fitStep, grokStep, secondsToFit, secondsToGrok: grokStep === null ? null : seconds };
  } finally {
    loop.dispose();
    await tf.setBackend('cpu');
  }
}

/**
 * Milliseconds per training step (forward, backward, AdamW; no evaluation, no meters), the best
 * of several blocks: the least disturbed by other work on the machine.
 */
export async function nodeMsPerStep(config: RunConfig, blocks = 5, stepsPerBlock = 20): Promise<number> {
  await useNodeBackend('wasm');
  const trainer = new Trainer(config);
  try {
    for (let i = 0; i < 5; i++) trainer.trainStep();
    await trainer.sync();
    let best = Infinity;
    for (let b = 0; b < blocks; b++) {
      const start = performance.now();
      for (let i = 0; i < stepsPerBlock; i++) trainer.trainStep();
      await trainer.sync();
      best = Math.min(best, (performance.now() - start) / stepsPerBlock);
    }
    return best;
  } finally {
    trainer.dispose();
  }
}
