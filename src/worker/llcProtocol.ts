/** Messages between the training worker and the LLC estimator's worker. */
import type { LlcJob } from '../core/llcJob';
import type { LlcRow } from '../core/meterConfig';

export interface LlcRequest {
  id: number;
  job: LlcJob;
}

/** `ms`: the estimate's own compute time, without the worker's start-up (what the estimator rests against). */
export type LlcReply = { id: number; row: LlcRow; ms: number } | { id: number; error: string };
