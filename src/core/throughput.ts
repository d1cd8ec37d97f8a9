/** Speed of one config on the current backend: what `npm run bench` and the in-browser bench report. */
import type { RunConfig } from './config';
import type { MeterConfig } from './meters';
import { DEFAULT_LANDSCAPE, MAX_SLICE_SHARE } from './landscape/slice';
import { forwardOnce } from './probes';
import { RunLoop } from './runLoop';

export interface Throughput {
  msPerStep: number;
  stepsPerSec: number;
  msPerForward: number;
  /** Mean wall time of one LLC estimate and one entropy measurement at the given settings. */
  msPerLlc: number;
  msPerEntropy: number;
  /** One Fourier view of the embeddings (read-back and DFT) with the progress measures, at its own cadence. */
  msPerFourier: number;
  /** Share of wall time the meters take at their cadence: meters / (training + meters). */
  meterShare: number;
  /** The Fourier view's share alone, at its default cadence: what it adds to training (meant to stay under 5%). */
  fourierShare: number;
  /** One landscape slice (random plane, train loss) at `sliceSize`², and its grid size. */
  msPerSlice: number;
  sliceSize: number;
  /** Share of wall time slices take at the default cadence, after the worker's cap (MAX_SLICE_SHARE). */
  sliceShare: number;
}

/** Times `steps` training steps and `forwards` full-batch forwards after a warm-up (kernels compile on first use). */
export async function measureThroughput(
  config: RunConfig,
  meters: MeterConfig,
  steps: number,
  forwards: number,
  meterReps = 3,
  sliceSize = DEFAULT_LANDSCAPE.size,
): Promise<Throughput> {
  const ignore = () => {};
  // The app's own RunLoop, its pieces timed one by one (slices only when asked, below).
  const landscape = { ...DEFAULT_LANDSCAPE, plane: 'random' as const, size: sliceSize, every: 0 };
  const loop = new RunLoop(config, { meters, landscape }, { onRows: ignore, onLlc: ignore, onEntropy: ignore, onSlice: ignore, onDivergence: ignore });
  const { trainer, meterRunner: runner, tracker } = loop;
  try {
    await trainer.advance(0);
    for (let i = 0; i < 2; i++) trainer.trainStep();
    await trainer.sync();
    await forwardOnce(trainer);

    let start = performance.now();
    for (let i = 0; i < forwards; i++) await forwardOnce(trainer);
    const msPerForward = (performance.now() - start) / forwards;

    start = performance.now();
    for (let i = 0; i < steps; i++) trainer.trainStep();
    await trainer.sync();
    const msPerStep = (performance.now() - start) / steps;

    // Meters measured past memorization, where the run spends its time.
    await runner.measureLlc();
    await runner.measureEntropy();
    start = performance.now();
    for (let i = 0; i < meterReps; i++) await runner.measureLlc();
    const msPerLlc = (performance.now() - start) / meterReps;
    start = performance.now();
    for (let i = 0; i < meterReps * 3; i++) await runner.measureEntropy();
    const msPerEntropy = (performance.now() - start) / (meterReps * 3);
    start = performance.now();
    for (let i = 0; i < meterReps * 3; i++) await runner.measureFourier();
    const msPerFourier = (performance.now() - start) / (meterReps * 3);

    // Per step of training: the step, its share of the metric evaluations, and the meters' share.
    const evalMs = msPerForward * (config.p ** 2 / trainer.dataset.train.a.length) / config.evalEvery;
    const meterMsPerStep =
      (meters.llcEvery > 0 ? msPerLlc / meters.llcEvery : 0) + (meters.entropyEvery > 0 ? msPerEntropy / meters.entropyEvery : 0) +
      (meters.fourierEvery > 0 ? msPerFourier / meters.fourierEvery : 0);
    const meterShare = meterMsPerStep / (msPerStep + evalMs + meterMsPerStep);
    const fourierMsPerStep = meters.fourierEvery > 0 ? msPerFourier / meters.fourierEvery : 0;
    const fourierShare = fourierMsPerStep / (msPerStep + evalMs + fourierMsPerStep);

    await tracker.observe();
    loop.landscape = { ...landscape, size: 5 };
    await loop.slice(); // warm-up: kernels compile on first use
    loop.landscape = landscape;
    start = performance.now();
    await loop.slice();
    const msPerSlice = performance.now() - start;
    const trainMsBetween = DEFAULT_LANDSCAPE.every * (msPerStep + evalMs + meterMsPerStep);
    const sliceShare = Math.min(MAX_SLICE_SHARE, msPerSlice / (msPerSlice + trainMsBetween));
    return { msPerStep, stepsPerSec: 1000 / msPerStep, msPerForward, msPerLlc, msPerEntropy, msPerFourier, meterShare, fourierShare, msPerSlice, sliceSize, sliceShare };
  } finally {
    loop.dispose();
  }
}
