/**
 * Backend choice in the browser worker: webgpu → webgl → wasm → cpu (a requested one first),
 * each confirmed by a tiny numerical self-check before it is trusted.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { BACKENDS, type BackendInfo, type BackendName, type BackendRequest } from './protocol';
import './wasmPaths';

/** A matmul, square, sum and argMax with known answers: catches a backend that runs but computes wrong. */
async function selfCheck(): Promise<string | null> {
  const out = tf.tidy(() => {
    const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const b = tf.tensor2d([1, 0, -1, 2, 0.5, 1], [3, 2]);
    const prod = tf.matMul(a, b); // [[0.5, 7], [2, 16]]
    return tf.concat([tf.sum(tf.square(prod)).reshape([1]), tf.cast(tf.argMax(prod, 1), 'float32')]);
  });
  const v = await out.data();
  out.dispose();
  const expected = [0.25 + 49 + 4 + 256, 1, 1];
  const ok = expected.every((e, i) => Math.abs(v[i] - e) < 1e-3 * Math.max(1, Math.abs(e)));
  return ok ? null : `self-check computed [${Array.from(v).join(', ')}], expected [${expected.join(', ')}]`;
}

async function describeWebGpuAdapter(): Promise<{ adapter: string | null; software: boolean } | string> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return 'this browser exposes no WebGPU (navigator.gpu is missing)';
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return 'no WebGPU adapter was offered';
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacy = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const software = Boolean(info?.isFallbackAdapter ?? legacy) || /swiftshader|llvmpipe|lavapipe/i.test(info?.architecture ?? '');
  const name = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ');
  return { adapter: name || null, software };
}

function order(request: BackendRequest, exclude: readonly BackendName[]): BackendName[] {
  const all = request === 'auto' ? [...BACKENDS] : [request, ...BACKENDS.filter((b) => b !== request)];
  return all.filter((b) => !exclude.includes(b));
}

/** The WebGPU device tfjs trains on, to watch for its loss (and, in tests, to lose it). */
export function webgpuDevice(): GPUDevice | null {
  return tf.getBackend() === 'webgpu' ? ((tf.backend() as unknown as { device?: GPUDevice }).device ?? null) : null;
}

/** The WebGL renderer's name, to tell a software one (SwiftShader, llvmpipe) from a GPU. */
function webglRenderer(): string | null {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return null;
  }
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|lavapipe|software/i;

/**
 * In 'auto', a GPU backend that runs on a software renderer is skipped for WebAssembly, which is
 * several times faster on a CPU (measured here: wasm 105 steps/s, WebGL on SwiftShader 17,
 * WebGPU on SwiftShader 3). Asking for it by name (?backend=webgpu) still uses it.
 */
export async function chooseBackend(request: BackendRequest, exclude: readonly BackendName[] = [], notes: string[] = []): Promise<BackendInfo> {
  const fallbacks: string[] = [...notes];
  for (const name of order(request, exclude)) {
    let adapter: string | null = null;
    let software = false;
    const skipSoftware = request === 'auto';
    try {
      if (name === 'webgpu') {
        const described = await describeWebGpuAdapter();
        if (typeof described === 'string') {
          fallbacks.push(`webgpu: ${described}`);
          continue;
        }
        ({ adapter, software } = described);
        if (software && skipSoftware) {
          fallbacks.push(
            `webgpu: the only adapter is a software one (${adapter ?? 'no GPU'}), slower than WebAssembly; add ?backend=webgpu to use it anyway`,
          );
          continue;
        }
      }
      if (name === 'webgl') {
        adapter = webglRenderer();
        software = adapter !== null && SOFTWARE_RENDERER.test(adapter);
        if (software && skipSoftware) {
          fallbacks.push(
            `webgl: the renderer is software (${adapter}), slower than WebAssembly; add ?backend=webgl to use it anyway`,
          );
          continue;
        }
        // tfjs refuses software WebGL unless told; reaching here means it was asked for by name.
        tf.env().set('SOFTWARE_WEBGL_ENABLED', software);
      }
      if (!(await tf.setBackend(name))) {
        fallbacks.push(
          name === 'webgl'
            ? 'webgl: could not start (no WebGL in workers here, or only a software renderer, which tfjs refuses)'
            : `${name}: could not start`,
        );
        continue;
      }
      await tf.ready();
      const problem = await selfCheck();
      if (problem) {
        fallbacks.push(`${name}: ${problem}`);
        continue;
      }
      return { name, adapter, softwareAdapter: software, fallbacks };
    } catch (err) {
      fallbacks.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  throw new Error(`No tfjs backend works in this browser: ${fallbacks.join('; ')}`);
}
