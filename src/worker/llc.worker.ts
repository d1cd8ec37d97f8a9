/// <reference lib="webworker" />
/**
 * The LLC estimator's own worker: takes one job at a time (a weights snapshot, the run's config and
 * the settings) and answers with the LlcRow. SGLD chains cost hundreds of gradient evaluations, so
 * running them here lets the training worker keep stepping on the other core.
 */
import * as tf from '@tensorflow/tfjs';
import { problemKey, runLlcJob } from '../core/llcJob';
import { memoryUse } from '../core/memory';
import { Trainer } from '../core/trainer';
import type { LlcReply, LlcRequest } from './llcProtocol';
import './wasmPaths';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** WebAssembly first: the training worker may hold the GPU, and these small chains run well on a CPU. */
const ready = (async () => {
  for (const name of ['wasm', 'cpu']) if (await tf.setBackend(name).catch(() => false)) return name;
  throw new Error('no backend for the LLC estimator');
})();

/** One Trainer per problem (data split and shapes), kept while jobs of the same run arrive. */
let cached: { key: string; trainer: Trainer } | null = null;

function trainerFor(request: LlcRequest): Trainer {
  const key = problemKey(request.job.config);
  if (cached?.key !== key) {
    cached?.trainer.dispose();
    cached = { key, trainer: new Trainer(request.job.config) };
  }
  return cached.trainer;
}

scope.onmessage = async (e: MessageEvent<LlcRequest>) => {
  const { id } = e.data;
  let reply: LlcReply;
  try {
    await ready;
    const start = performance.now();
    const row = await runLlcJob(e.data.job, trainerFor(e.data));
    reply = { id, row, ms: performance.now() - start, memory: memoryUse() };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(reply);
};
