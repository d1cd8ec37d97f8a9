/** Messages between the training worker and the meters' own worker (LLC estimates and landscape slices). */
import type { LandscapeSlice, SliceJob } from '../core/landscape/slice';
import type { LlcJob } from '../core/llcJob';
import type { MemoryUse } from '../core/memory';
import type { LlcRow } from '../core/meterConfig';

export type MetersRequest = { id: number; kind: 'llc'; job: LlcJob } | { id: number; kind: 'slice'; job: SliceJob };

/**
 * `ms`: the job's own compute time, without the worker's start-up (what the worker rests
 * against). `memory`: the worker's tensors and heap after the job, so the page can show a leak.
 */
export type MetersReply =
  | { id: number; row: LlcRow; ms: number; memory: MemoryUse }
  | { id: number; slice: LandscapeSlice; ms: number; memory: MemoryUse }
  | { id: number; error: string };
