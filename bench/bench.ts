/**
 * `npm run bench`: prints how fast Grokscope trains here. No thresholds: it reports.
 *   Node: steps/s and ms per full-batch forward on wasm, cpu and webgpu (Dawn on SwiftShader without a GPU)
 *   Chromium (built app, real worker): the same on webgpu, webgl and wasm
 *   Time to grok of the classic preset: Node wasm, and the browser app from the click on Train.
 * Skip the browser half with --node-only.
 */
import { execSync } from 'node:child_process';
import { DEFAULT_METERS } from '../src/core/meters';
import { DEFAULT_LANDSCAPE, MAX_SLICE_SHARE } from '../src/core/landscape/slice';
import { findPreset, PRESETS } from '../src/core/presets';
import type { Throughput } from '../src/core/throughput';
import { browserStepsPerSec, browserSweep, browserThroughput, browserTimeToGrok, startPreview } from './browser';
import { nodeMsPerStep, nodeThroughput, nodeTimeToGrok } from './node';
import { sweepThroughput } from './sweep';

const classic = findPreset('classic')!.config;
const rows: string[][] = [];
const fmt = (x: number, d = 1) => x.toFixed(d);
const addRow = (where: string, backend: string, r: Throughput | string, note = '') =>
  rows.push(
    typeof r === 'string'
      ? [where, backend, '—', '—', '—', '—', '—', '—', '—', '—', '—', '—', r]
      : [
          where,
          backend,
          fmt(r.stepsPerSec),
          fmt(r.msPerStep, 2),
          fmt(r.msPerForward, 2),
          fmt(r.msPerLlc, 0),
          fmt(r.msPerEntropy, 1),
          fmt(r.msPerFourier, 2),
          `${fmt(100 * r.fourierShare, 1)}%`,
          `${fmt(100 * r.meterShare, 0)}%`,
          `${fmt(r.msPerSlice, 0)} (${r.sliceSize}²)`,
          `${fmt(100 * r.sliceShare, 0)}%`,
          note,
        ],
  );

function printTable(header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  body.forEach((r) => console.log(line(r)));
}

const c = classic;
console.log(`Grokscope bench — classic preset: ${c.task} mod ${c.p}, ${c.model} width ${c.width}, train ${c.trainFrac}, lr ${c.lr}, wd ${c.wd}`);
console.log(`machine: ${execSync('nproc').toString().trim()} cores, node ${process.version}\n`);

for (const backend of ['wasm', 'cpu', 'webgpu'] as const) {
  addRow('node', backend, await nodeThroughput(classic, backend), backend === 'webgpu' ? 'Dawn; SwiftShader if no GPU' : '');
}

const nodeOnly = process.argv.includes('--node-only');
let browserGrok: Awaited<ReturnType<typeof browserTimeToGrok>> | null = null;
let browserTransformer: Awaited<ReturnType<typeof browserTimeToGrok>> | null = null;
let browserTextbook: Awaited<ReturnType<typeof browserTimeToGrok>> | null = null;
let browserGrid: Awaited<ReturnType<typeof browserSweep>> | null = null;
/** Steps/s in the app with the meters off and on, alternated to even out the machine's drift. */
const meterRuns: { off: number[]; on: number[] } = { off: [], on: [] };
if (!nodeOnly) {
  execSync('npx vite build --mode test', { stdio: 'ignore' });
  const server = await startPreview();
  try {
    for (const [backend, steps] of [['wasm', 200], ['webgl', 40], ['webgpu', 10]] as const) {
      const r = await browserThroughput(backend, steps).catch((e: Error) => e.message);
      addRow('chromium', backend, typeof r === 'string' ? r : r.result, typeof r === 'string' ? '' : r.adapter);
    }
    browserGrok = await browserTimeToGrok('?preset=classic');
    browserTextbook = await browserTimeToGrok('?preset=textbook');
    browserTransformer = await browserTimeToGrok('?preset=transformer');
    browserGrid = await browserSweep();
    for (let i = 0; i < 3; i++) {
      meterRuns.off.push(await browserStepsPerSec('&llc-every=0&entropy-every=0'));
      meterRuns.on.push(await browserStepsPerSec(''));
    }
  } finally {
    server.kill();
  }
}

const m = DEFAULT_METERS;
console.log(
  `meters at their defaults: LLC every ${m.llcEvery} steps (ε ${m.llc.epsilon}, γ ${m.llc.gamma}, ${m.llc.chains} chains × ` +
    `${m.llc.draws}+${m.llc.burnIn} draws, batch ${m.llc.batchSize}), H̃ every ${m.entropyEvery} steps on ${m.probeSize} probe inputs`,
);
console.log(
  `landscape: random plane, train loss; refreshed every ${DEFAULT_LANDSCAPE.every} steps, capped at ${100 * MAX_SLICE_SHARE}% of wall time`,
);
printTable(
  ['where', 'backend', 'steps/s', 'ms/step', 'ms/forward', 'ms/LLC', 'ms/H̃', 'ms/Fourier', 'Fourier share', 'meters if in-thread', 'ms/slice (grid)', 'slice share', 'adapter / note'],
  rows,
);

const grok = await nodeTimeToGrok(classic, 'wasm');
console.log('\nTime to grok, classic preset (test accuracy ≥ 95%):');
console.log(
  `  node wasm: fit step ${grok.fitStep}, grok step ${grok.grokStep}, ` +
    `${grok.secondsToGrok === null ? 'did not grok' : fmt(grok.secondsToGrok) + ' s'} (fit after ${fmt(grok.secondsToFit ?? NaN)} s)`,
);
if (browserGrok) console.log(`  chromium app (${browserGrok.backend}, from the click on Train): ${fmt(browserGrok.seconds)} s — "${browserGrok.narrative}"`);
if (browserTextbook)
  console.log(`  chromium app, textbook preset, the first screen's run (${browserTextbook.backend}, from the click): ${fmt(browserTextbook.seconds)} s — "${browserTextbook.narrative}"`);
if (browserTransformer)
  console.log(`  chromium app, transformer preset (${browserTransformer.backend}, from the click): ${fmt(browserTransformer.seconds)} s — "${browserTransformer.narrative}"`);
console.log('  for comparison: the only peer that trains live needs 153 s here to reach 95% test accuracy.');
if (meterRuns.on.length) {
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  const [off, on] = [mean(meterRuns.off), mean(meterRuns.on)];
  console.log('\nMeters on vs off in the app (chromium, wasm, fast speed, LLC on its own worker; runs alternated):');
  console.log(`  off: ${meterRuns.off.map((v) => fmt(v, 0)).join(', ')} steps/s · on: ${meterRuns.on.map((v) => fmt(v, 0)).join(', ')} steps/s`);
  console.log(`  training with the meters on runs at ${fmt((100 * on) / off, 0)}% of its speed with them off`);
}

// A phase diagram's runs: batched (one stacked computation) vs one after another, same backend.
console.log('\nSweep training, classic-size runs of the default grid (network-steps per second, higher is faster):');
const sweepRows: string[][] = [];
for (const [backend, networks, steps] of [['wasm', 36, 5], ['wasm', 6, 10], ['webgpu', 6, 2]] as const) {
  const r = await sweepThroughput(backend, networks, steps);
  sweepRows.push(
    typeof r === 'string'
      ? ['node', backend, String(networks), '—', '—', '—', r]
      : ['node', backend, String(networks), fmt(r.batched, 0), fmt(r.sequential, 0), `${fmt(r.batched / r.sequential, 2)}×`, backend === 'webgpu' ? 'Dawn; SwiftShader if no GPU' : ''],
  );
}
printTable(['where', 'backend', 'runs', 'batched', 'one after another', 'batched / sequential', 'note'], sweepRows);
if (browserGrid) console.log(`  chromium app, phase diagram (default 6 × 6 grid of classic, from the click): ${fmt(browserGrid.seconds)} s — "${browserGrid.status}"`);

// Every preset, Node wasm, training only: a step's cost and the wall time to 95% test accuracy.
console.log('\nEvery preset, node wasm (training only: no meters, no slices):');
const presetRows: string[][] = [];
for (const preset of PRESETS) {
  const ms = await nodeMsPerStep(preset.config);
  const g = await nodeTimeToGrok(preset.config, 'wasm');
  const c = preset.config;
  presetRows.push([
    preset.id,
    `${c.model} p ${c.p} width ${c.width}, train ${c.trainFrac}`,
    fmt(ms, 2),
    g.grokStep === null ? `not within ${c.steps} steps` : String(g.grokStep),
    g.secondsToGrok === null ? '—' : fmt(g.secondsToGrok),
  ]);
}
printTable(['preset', 'model', 'ms/step', 'grok step (95%)', 's to grok'], presetRows);
