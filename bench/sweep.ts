/** Bench of a phase diagram's training: N runs in one batched computation vs the same runs one after another. */
import { DEFAULT_AXES, sweepConfigs } from '../src/core/sweep/grid';
import { measureMode } from '../src/core/sweep/runSweep';
import { findPreset } from '../src/core/presets';
import { useNodeBackend, type NodeBackend } from '../src/node/backend';

export interface SweepThroughput {
  backend: NodeBackend;
  networks: number;
  /** Network-steps per second. */
  batched: number;
  sequential: number;
}

/** The default grid's first `networks` runs (classic size), timed both ways on `backend`. */
export async function sweepThroughput(backend: NodeBackend, networks: number, steps: number): Promise<SweepThroughput | string> {
  try {
    await useNodeBackend(backend);
    const configs = sweepConfigs({ base: findPreset('classic')!.config, ...DEFAULT_AXES }).slice(0, networks);
    const batched = await measureMode(configs, 'batched', steps);
    // Sequential: every run timed on its own (their splits differ in size), as network-steps per second overall.
    let seconds = 0;
    for (const c of configs) seconds += steps / (await measureMode([c], 'sequential', steps));
    return { backend, networks, batched, sequential: (steps * configs.length) / seconds };
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
