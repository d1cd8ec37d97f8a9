/** Points tfjs's WebAssembly backend at the .wasm files of the build itself: no request leaves the page's origin. */
import { env } from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

/**
 * Never the threaded build, even on a cross-origin isolated page (a host sending COOP/COEP): it
 * starts its threads from the source text of one of its functions, which fails ("e is not
 * defined") once the bundle is minified. Keeping names made the page's bundle 80% larger, and on
 * 2 cores 2 threads were no faster than one (transformer preset: 28–34 ms a step against 29–32).
 */
env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
