/** Messages between the training worker and the LLC estimator's worker. */
import type { LlcJob } from '../core/llcJob';
import type { LlcRow } from '../core/meterConfig';

export interface LlcRequest {
  id: number;
  job: LlcJob;
}

export type LlcReply = { id: number; row: LlcRow } | { id: number; error: string };
