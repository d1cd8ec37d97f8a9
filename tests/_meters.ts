import { useNodeBackend } from '../src/node/backend';
import { MeterRunner, DEFAULT_METERS } from '../src/core/meters';
import { Trainer } from '../src/core/trainer';
import { findPreset } from '../src/core/presets';
import { detectPhases } from '../src/core/phases';
await useNodeBackend('wasm');
const cfg = { ...findPreset(process.argv[2] ?? 'classic')!.config, ...JSON.parse(process.argv[3] ?? '{}') };
const t = new Trainer(cfg);
const m = new MeterRunner(t, { ...DEFAULT_METERS, llcEvery: 200, entropyEvery: 50 });
const rows: any[] = []; const ent: string[] = []; const llc: string[] = [];
let mt = 0, tt = 0;
while (t.step < cfg.steps) {
  const a = performance.now();
  rows.push(...await t.advance(Math.min(cfg.steps, m.nextDue())));
  tt += performance.now() - a;
  const b = performance.now();
  const r = await m.runDue();
  mt += performance.now() - b;
  if (r.entropy) ent.push(`${r.entropy.step}:${r.entropy.entropy.toFixed(3)}`);
  if (r.llc) llc.push(`${r.llc.step}:${r.llc.llc.toFixed(2)}`);
}
console.log('events', JSON.stringify(t.events));
console.log('entropy', ent.join(' '));
console.log('llc', llc.join(' '));
console.log('phases', JSON.stringify(detectPhases(rows, 1 / cfg.p)));
console.log('train ms', tt.toFixed(0), 'meter ms', mt.toFixed(0));
