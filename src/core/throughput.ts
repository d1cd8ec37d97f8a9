/** Speed of one config on the current backend: what `npm run bench` and the in-browser bench report. */
import type { RunConfig } from './config';
import { Trainer } from './trainer';

export interface Throughput {
  msPerStep: number;
  stepsPerSec: number;
  msPerForward: number;
}

/** Times `steps` training steps and `forwards` full-batch forwards after a warm-up (kernels compile on first use). */
export async function measureThroughput(config: RunConfig, steps: number, forwards: number): Promise<Throughput> {
  const trainer = new Trainer(config);
  try {
    await trainer.advance(0);
    for (let i = 0; i < 2; i++) trainer.trainStep();
    await trainer.sync();
    await trainer.forwardOnce();

    let start = performance.now();
    for (let i = 0; i < forwards; i++) await trainer.forwardOnce();
    const msPerForward = (performance.now() - start) / forwards;

    start = performance.now();
    for (let i = 0; i < steps; i++) trainer.trainStep();
    await trainer.sync();
    const msPerStep = (performance.now() - start) / steps;
    return { msPerStep, stepsPerSec: 1000 / msPerStep, msPerForward };
  } finally {
    trainer.dispose();
  }
}
