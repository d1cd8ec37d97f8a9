/** Always tells the user which tfjs backend trains, and why it is not the preferred one. */
import type { MemoryUse } from '../core/memory';
import { BACKEND_LABEL as NAMES, type BackendInfo, type BackendSpeed } from '../worker/protocol';
import { formatRate } from './format';

/** Short names for the one visible line of timings. */
const SHORT: Record<BackendInfo['name'], string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'Wasm', cpu: 'CPU' };

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
  /** Backends are being timed (auto): the line is there from the start, so the page does not shift when they are. */
  measuring?: boolean;
  memory: MemoryUse;
  /** The meters' own worker (LLC estimates, landscape slices), after its last job. */
  estimatorMemory: MemoryUse | null;
}

export function BackendBadge({ info, measured = null, measuring = false, memory, estimatorMemory }: Props) {
  // The same lines as the badge it becomes, so nothing below moves when the backend is chosen.
  if (!info)
    return (
      <div className="backend pending">
        <div>Choosing a backend…</div>
        <div className="backend-memory muted">each candidate checks its own numbers first</div>
        <div className="backend-memory muted">Meters worker: no job yet</div>
        {measuring && <div className="backend-measured muted">backends timed on this network while paused…</div>}
        {measuring && <div className="backend-note">Each backend, timed</div>}
      </div>
    );
  const warn = info.softwareAdapter || info.name === 'cpu';
  const ranked = measured ? [...measured].sort((a, b) => (b.stepsPerSec ?? -1) - (a.stepsPerSec ?? -1)) : null;
  const fastest = ranked?.[0]?.stepsPerSec != null ? ranked[0] : null;
  const timings = ranked?.map((m) => `${NAMES[m.backend]} ${m.stepsPerSec === null ? '—' : `${m.lowerBound ? '≥' : ''}${formatRate(m.stepsPerSec)}`}`).join(' · ');
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
      {estimatorMemory ? (
        <MemoryLine
          testId="estimator-memory"
          label="Meters worker: "
          memory={estimatorMemory}
          title="The same for the meters' own worker (LLC estimates and landscape slices), after its last job."
        />
      ) : (
        // Held from the start, so the badge does not grow when the first estimate arrives.
        <div className="backend-memory muted">Meters worker: no job yet</div>
      )}
      {info.softwareAdapter && (
        <div className="backend-note" data-testid="software-adapter">
          This {info.name === 'webgpu' ? 'WebGPU adapter' : 'WebGL renderer'} is software: no GPU is in use, and
          WebAssembly is faster here. Remove <code>?backend={info.name}</code> to let Grokscope choose.
        </div>
      )}
      {/* One short line, there from the start: the badge keeps its size when the timings arrive. */}
      {!measured && measuring && <div className="backend-measured muted">backends timed on this network while paused…</div>}
      {fastest && (
        <div className="backend-measured muted" data-testid="backend-measured">
          measured fastest: {SHORT[fastest.backend]} {formatRate(fastest.stepsPerSec!)} steps/s
        </div>
      )}
      {(info.fallbacks.length > 0 || timings || measuring) && (
        <details className="backend-note" data-testid="fallbacks">
          <summary>
            {info.fallbacks.length > 0
              ? `Not ${info.fallbacks.map((f) => NAMES[f.split(':')[0] as BackendInfo['name']] ?? f.split(':')[0]).join(' or ')}: why?`
              : 'Each backend, timed'}
          </summary>
          <ul>
            {timings ? (
              <li data-testid="backend-timings">
                timed on this network while it was not training: {timings} steps/s (≥: only its first step was timed, which took over a second: at least
                this fast)
              </li>
            ) : (
              measuring && <li>not timed yet: each backend is timed on this network while it is not training</li>
            )}
            {info.fallbacks.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
