/// <reference lib="webworker" />
/**
 * The meters' own worker: takes one job at a time (an LLC estimate or a landscape slice: a weights
 * snapshot, the run's config and what to compute) and answers with the result. SGLD chains cost
 * hundreds of gradient evaluations and a transformer's slice ~1,000 forwards, so running them here
 * lets the training worker keep stepping on the other core.
 */
import * as tf from '@tensorflow/tfjs';
import { evaluateSlice } from '../core/landscape/slice';
import { problemKey, runLlcJob } from '../core/llcJob';
import { memoryUse } from '../core/memory';
import type { RunConfig } from '../core/config';
import { Trainer } from '../core/trainer';
import type { MetersReply, MetersRequest } from './metersProtocol';
import './wasmPaths';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** WebAssembly first: the training worker may hold the GPU, and these small jobs run well on a CPU. */
const ready = (async () => {
  for (const name of ['wasm', 'cpu']) if (await tf.setBackend(name).catch(() => false)) return name;
  throw new Error('no backend for the meters worker');
})();

/** One Trainer per problem (data split and shapes), kept while jobs of the same run arrive. */
let cached: { key: string; trainer: Trainer } | null = null;

function trainerFor(config: RunConfig): Trainer {
  const key = problemKey(config);
  if (cached?.key !== key) {
    cached?.trainer.dispose();
    cached = { key, trainer: new Trainer(config) };
  }
  return cached.trainer;
}

scope.onmessage = async (e: MessageEvent<MetersRequest>) => {
  const request = e.data;
  let reply: MetersReply;
  try {
    await ready;
    const start = performance.now();
    const trainer = trainerFor(request.job.config);
    if (request.kind === 'llc') {
      const row = await runLlcJob(request.job, trainer);
      reply = { id: request.id, row, ms: performance.now() - start, memory: memoryUse() };
    } else {
      const slice = await evaluateSlice(request.job, trainer);
      reply = { id: request.id, slice, ms: performance.now() - start, memory: memoryUse() };
    }
  } catch (err) {
    reply = { id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(reply);
};
