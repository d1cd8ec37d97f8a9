/** Always tells the user which tfjs backend trains, and why it is not the preferred one. */
import type { MemoryUse } from '../core/memory';
import { BACKEND_LABEL as NAMES, type BackendInfo, type BackendSpeed } from '../worker/protocol';
import { formatRate } from './format';

/** One worker's tensors and heap, as text and as data attributes (the memory tests read those). */
function MemoryLine({ testId, label = '', memory, title }: { testId: string; label?: string; memory: MemoryUse; title: string }) {
  return (
    <div className="backend-memory muted" data-testid={testId} data-tensors={memory.tensors} data-wasm-heap={memory.wasmHeapBytes ?? ''} title={title}>
      {label}
      {memory.tensors} tensors
      {memory.wasmHeapBytes !== null && ` · heap ${(memory.wasmHeapBytes / 2 ** 20).toFixed(0)} MB`}
    </div>
  );
}

interface Props {
  info: BackendInfo | null;
  /** Each backend timed on this network, fastest first once known. */
  measured?: BackendSpeed[] | null;
  memory: MemoryUse;
  /** The LLC estimator's own worker, after its last estimate. */
  estimatorMemory: MemoryUse | null;
}

export function BackendBadge({ info, measured = null, memory, estimatorMemory }: Props) {
  if (!info) return <div className="backend pending">Choosing a backend…</div>;
  const warn = info.softwareAdapter || info.name === 'cpu';
  return (
    <div className={`backend ${warn ? 'warn' : ''}`} data-testid="backend" data-backend={info.name}>
      <div>
        Training on <b>{NAMES[info.name]}</b>
        {info.adapter && <span className="muted"> · {info.adapter}</span>}
      </div>
      <MemoryLine
        testId="memory"
        memory={memory}
        title="Tensors alive in the worker and the WebAssembly heap: both stay flat while training runs, or something leaks."
      />
      {estimatorMemory && (
        <MemoryLine
          testId="estimator-memory"
          label="LLC estimator: "
          memory={estimatorMemory}
          title="The same for the LLC estimator's own worker, after its last estimate."
        />
      )}
      {info.softwareAdapter && (
        <div className="backend-note" data-testid="software-adapter">
          This {info.name === 'webgpu' ? 'WebGPU adapter' : 'WebGL renderer'} is software: no GPU is in use, and
          WebAssembly is faster here. Remove <code>?backend={info.name}</code> to let Grokscope choose.
        </div>
      )}
      {measured && (
        <div className="backend-measured muted" data-testid="backend-measured" title="Each backend timed on this network for a fraction of a second, beside the run; ≥: only its first step was timed (it took over a second, compiling), so it is at least this fast">
          measured here:{' '}
          {[...measured]
            .sort((a, b) => (b.stepsPerSec ?? -1) - (a.stepsPerSec ?? -1))
            .map((m) => `${NAMES[m.backend]} ${m.stepsPerSec === null ? '—' : `${m.lowerBound ? '≥' : ''}${formatRate(m.stepsPerSec)}`}`)
            .join(' · ')}{' '}
          steps/s
        </div>
      )}
      {info.fallbacks.length > 0 && (
        <details className="backend-note" data-testid="fallbacks">
          <summary>
            Not {info.fallbacks.map((f) => NAMES[f.split(':')[0] as BackendInfo['name']] ?? f.split(':')[0]).join(' or ')}: why?
          </summary>
          <ul>
            {info.fallbacks.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
