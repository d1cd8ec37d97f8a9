/**
 * Backend set-up for Node (CLI, bench, tests). The browser's selection lives in the worker.
 * WebGPU in Node comes from the `webgpu` package (Dawn) on a Vulkan driver; on a machine
 * without a GPU, Chromium's SwiftShader ICD serves (docs/architecture.md, "Backends").
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';

export const NODE_BACKENDS = ['wasm', 'cpu', 'webgpu'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

async function registerWebGpu(): Promise<void> {
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const g = globalThis as Record<string, unknown>;
  if (!(g.navigator as { gpu?: unknown } | undefined)?.gpu) {
    Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });
  }
  // tfjs-backend-webgpu 4.22 registers only where it sees a browser-like global.
  g.WorkerGlobalScope ??= function WorkerGlobalScope() {};
  await import('@tensorflow/tfjs-backend-webgpu');
}

/** Switches tfjs to `name`, or throws with a one-line reason. */
export async function useNodeBackend(name: NodeBackend): Promise<void> {
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (name === 'webgpu') await registerWebGpu();
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`backend ${name} failed to initialise`);
  await tf.ready();
}
