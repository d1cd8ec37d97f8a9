/** Always tells the user which tfjs backend trains, and why it is not the preferred one. */
import type { MemoryUse } from '../core/memory';
import type { BackendInfo } from '../worker/protocol';

const NAMES: Record<BackendInfo['name'], string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'plain JavaScript (CPU)',
};

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
  memory: MemoryUse;
  /** The LLC estimator's own worker, after its last estimate. */
  estimatorMemory: MemoryUse | null;
}

export function BackendBadge({ info, memory, estimatorMemory }: Props) {
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
