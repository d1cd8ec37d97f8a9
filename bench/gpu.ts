/**
 * `npm run bench:gpu`: the WebGPU path on whatever Vulkan driver the machine has (a real GPU where
 * one is present; SwiftShader otherwise), next to wasm, for every preset. Prints the adapter,
 * ms per step and time to grok. Bundled to one file by `npm run bench:gpu:bundle` so it can run on
 * a machine with Node and a GPU driver but no node_modules.
 */
import { PRESETS } from '../src/core/presets';
import { nodeThroughput, nodeTimeToGrok } from './node';
import type { NodeBackend } from '../src/node/backend';

const fmt = (x: number | null, d = 1) => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(d));
const backends = (process.argv[2] ?? 'webgpu,wasm').split(',') as NodeBackend[];
const only = process.argv[3]?.split(',');

async function adapterInfo(): Promise<string> {
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<{ info?: Record<string, unknown> } | null> } } }).navigator?.gpu;
  const adapter = await gpu?.requestAdapter();
  const info = adapter?.info ?? {};
  return `${info.vendor ?? '?'} / ${info.architecture ?? '?'} / ${info.device ?? '?'} / ${info.description ?? '?'}`;
}

console.log('| preset | backend | ms/step | steps/s | ms/LLC | ms/H̃ | fit step | grok step | s to grok |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const preset of PRESETS.filter((p) => !only || only.includes(p.id))) {
  for (const backend of backends) {
    const t = await nodeThroughput(preset.config, backend, 100);
    if (backend === 'webgpu' && preset === PRESETS[0]) console.log(`adapter: ${await adapterInfo()}`);
    const g = await nodeTimeToGrok(preset.config, backend).catch(() => null);
    const row =
      typeof t === 'string'
        ? [preset.id, backend, t, '', '', '']
        : [preset.id, backend, fmt(t.msPerStep, 2), fmt(t.stepsPerSec, 0), fmt(t.msPerLlc, 0), fmt(t.msPerEntropy, 1)];
    row.push(String(g?.fitStep ?? '—'), String(g?.grokStep ?? '—'), fmt(g?.secondsToGrok ?? null));
    console.log(`| ${row.join(' | ')} |`);
  }
}
process.exit(0);
