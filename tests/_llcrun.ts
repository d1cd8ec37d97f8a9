import { useNodeBackend } from '../src/node/backend';
import { estimateLlc, DEFAULT_LLC_SETTINGS } from '../src/core/metrics/llc';
import { Trainer } from '../src/core/trainer';
import { findPreset } from '../src/core/presets';
await useNodeBackend('wasm');
const settings = { ...DEFAULT_LLC_SETTINGS, ...JSON.parse(process.argv[2] ?? '{}') };
const t = new Trainer({ ...findPreset('classic')!.config });
const out: string[] = [];
let llcMs = 0, n = 0;
for (const s of [0, 20, 50, 100, 200, 400, 700, 1000, 1200, 1500, 2000, 3000]) {
  const rows = await t.advance(s);
  const r = rows.at(-1);
  const t0 = performance.now();
  const e = await estimateLlc(t.llcProblem(), settings, 1);
  llcMs += performance.now() - t0; n++;
  out.push(`${s}: test ${r ? (r.testAcc * 100).toFixed(0) : '?'}% llc ${e.llc.toFixed(1)}±${e.stdErr.toFixed(1)} ${e.warnings.length ? 'W' : ''}`);
}
console.log(JSON.stringify(settings)); console.log(out.join('\n')); console.log('ms per estimate', (llcMs / n).toFixed(0));
