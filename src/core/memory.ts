/** What a run holds in memory, for the soak, the bench and the page's leak check. */
import * as tf from '@tensorflow/tfjs';

/**
 * Size of the WebAssembly backend's heap in bytes, or null on another backend. The heap only
 * grows, so a heap that keeps growing while the tensor count stays flat means fragmentation or a
 * leak inside a kernel: tf.memory() cannot see either.
 */
export function wasmHeapBytes(): number | null {
  if (tf.getBackend() !== 'wasm') return null;
  const wasm = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm;
  return wasm?.HEAPU8?.buffer.byteLength ?? null;
}

export interface MemoryUse {
  tensors: number;
  wasmHeapBytes: number | null;
}

export function memoryUse(): MemoryUse {
  return { tensors: tf.memory().numTensors, wasmHeapBytes: wasmHeapBytes() };
}
