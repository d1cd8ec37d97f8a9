/// <reference lib="webworker" />
/**
 * A phase diagram's worker: measures how to train the grid fastest here, or trains its share of
 * the grid's runs to their grok step or the budget, posting each cell as it is decided. The page
 * runs one or two of these beside the training worker (one per core when runs go one at a time).
 */
import { sweepConfigs } from '../core/sweep/grid';
import { runSweep } from '../core/sweep/runSweep';
import { fastest, measureCandidates, useBackend } from './measureSweep';
import { SweepRequestSchema, type SweepReply, type SweepRequest } from './sweepProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: SweepReply) => scope.postMessage(reply);
let stopped = false;

async function handle(request: SweepRequest): Promise<void> {
  if (request.type === 'stop') {
    stopped = true;
    return;
  }
  if (request.type === 'measure') {
    const candidates = await measureCandidates(sweepConfigs(request.spec), !request.oneAtATime, undefined, request.known);
    const chosen = fastest(candidates);
    if (!chosen) throw new Error(`no backend could train the grid: ${candidates.map((c) => `${c.backend}: ${c.note}`).join('; ')}`);
    post({ type: 'measured', candidates, chosen });
    return;
  }
  stopped = false;
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;
  await useBackend(request.use.backend);
  await runSweep(request.spec, {
    mode: request.use.mode,
    steps: request.spec.base.steps,
    only: request.only,
    onCell: (cell, index) => post({ type: 'cell', index, cell }),
    onProgress: (p) => post({ type: 'progress', ...p, seconds: seconds() }),
    cancelled: () => stopped,
  });
  post({ type: 'done', seconds: seconds(), stopped });
}

scope.onmessage = (e: MessageEvent<unknown>) => {
  const parsed = SweepRequestSchema.safeParse(e.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    post({ type: 'error', message: `The sweep worker refused a message: ${issue.path.join('.') || 'message'}: ${issue.message}` });
    return;
  }
  handle(parsed.data as SweepRequest).catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
};
