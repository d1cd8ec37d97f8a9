/** Messages between the training worker and the LLC estimator's worker. */
import type { LlcJob } from '../core/llcJob';
import type { MemoryUse } from '../core/memory';
import type { LlcRow } from '../core/meterConfig';

export interface LlcRequest {
  id: number;
  job: LlcJob;
}

/**
 * `ms`: the estimate's own compute time, without the worker's start-up (what the estimator rests
 * against). `memory`: the estimator worker's tensors and heap after the job, so the page can show a leak.
 */
export type LlcReply = { id: number; row: LlcRow; ms: number; memory: MemoryUse } | { id: number; error: string };
