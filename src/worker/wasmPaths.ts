/**
 * Points tfjs's WebAssembly backend at the .wasm files of the build itself (no request leaves the
 * page's origin), and says how many threads it may use.
 */
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
export { trainingThreads } from './threads';
import wasmPlain from '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

/**
 * The threaded build needs SharedArrayBuffer, which browsers give only to a cross-origin isolated
 * page (the server sends COOP and COEP headers); elsewhere tfjs runs the single-threaded build.
 */
export const wasmCanThread = (): boolean => Boolean((self as { crossOriginIsolated?: boolean }).crossOriginIsolated);

/** Call before the wasm backend starts. Returns a line for the backend badge. */
export function setWasmThreads(threads: number): string {
  setThreadsCount(Math.max(1, threads));
  if (!wasmCanThread()) return 'single thread (page not cross-origin isolated)';
  return threads > 1 ? `${threads} threads` : 'single thread (no core to spare)';
}
