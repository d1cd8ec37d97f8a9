/**
 * Headless runs in Node with the same Trainer as the browser.
 *   npm run cli -- train --preset classic [--lr X] [--wd X] [--train-frac X] [--seed N] [--p N]
 *        [--width N] [--task add|sub|mul|div] [--model quadratic|mlp] [--loss ce|mse] [--steps N]
 *        [--backend cpu|wasm|webgpu] [--out run.json]
 * Progress goes to stderr, the Run record (JSON) to --out or stdout. Bad arguments exit 2 with one line.
 *   npm run cli -- landscape --preset classic --steps N [--plane basin|pca|random] [--split train|test]
 *        [--size N] [--span X] --out slice.json      (trains N steps, then writes one slice)
 *   npm run cli -- leads --seeds 1,2,3 [train flags] [--out leads.json]   (signed meter leads over seeds)
 *   npm run cli -- llc-control --seeds 1,2,3 [--control no-decay] [train flags]   (λ̂ of a run and its control at equal train loss)
 *   npm run cli -- fourier --seeds 1,2,3 --at 50,400,1140,3000 [train flags]   (the embeddings' Fourier view at those steps)
 *   npm run cli -- sweep --preset classic --wd 0.1,0.3,1,3 --train-frac 0.2,0.3,0.5,0.7 --steps 3000
 *        [--mode auto|batched|sequential] [--out sweep.json]   (a phase diagram's grid: each run to grok or budget)
 *   npm run cli -- llc-check [--seeds 1,2,3,4,5,6] [--model linear|singular] [--d N] [--n SAMPLES] [--x-scale SD] [--seed N] [estimator flags]
 * prints the LLC estimator's answers on models with a known learning coefficient and the settings it
 * used: the live defaults unless --epsilon, --gamma, --n-beta, --chains, --draws, --burn-in or
 * --batch-size override them (train and leads take these flags too). Without --model, the whole
 * check over the seeds as a table; with --model (or --seed), one run as JSON.
 */
import { writeFileSync } from 'node:fs';
import { runLlcCheck } from './core/metrics/llcCheck';
import { runSuite } from './core/metrics/llcCheckSuite';
import { checkJson, formatSuite } from './node/llcCheckReport';
import { parseLandscapeArgs, parseLlcCheckArgs, parseSeeds, parseTrainArgs, takeFlag, trainUsage, UsageError } from './node/args';
import { findPreset, PRESETS } from './core/presets';
import { formatControl, llcControlOverSeeds } from './node/llcControlReport';
import { formatLeads, leadsOverSeeds } from './node/leadsReport';
import { formatFourier, fourierOverSeeds } from './node/fourierReport';
import { useNodeBackend } from './node/backend';
import { trainHeadless } from './node/headless';
import { formatSweep, parseSweepArgs } from './node/sweepReport';
import { pickMode, runSweep } from './core/sweep/runSweep';
import { sweepConfigs } from './core/sweep/grid';

async function llcCheck(argv: string[]): Promise<void> {
  const args = parseLlcCheckArgs(argv);
  await useNodeBackend(args.backend);
  const { n, xScale, settings } = args;
  if (args.single) {
    const [{ model, d }] = args.cases;
    process.stdout.write(checkJson(await runLlcCheck(model, { d, n, seed: args.seed, xScale, settings })) + '\n');
    return;
  }
  process.stdout.write(formatSuite(await runSuite(args.cases, { seeds: args.seeds, n, xScale, settings })) + '\n');
}

async function landscape(argv: string[]): Promise<void> {
  const { train, slice: request } = parseLandscapeArgs(argv);
  await useNodeBackend(train.backend);
  const { slice: result } = await trainHeadless(train.config, train.meters, train.backend, (line) => process.stderr.write(line + '\n'), request);
  if (result === null || typeof result === 'string') throw new Error(`no ${request.plane} slice: ${result ?? 'not computed'}`);
  const json = JSON.stringify(
    {
      format: 'grokscope-slice',
      version: 1,
      config: train.config,
      backend: train.backend,
      ...result,
      loss: Array.from(result.loss),
      accuracy: Array.from(result.accuracy),
    },
    null,
    1,
  );
  if (train.out) {
    writeFileSync(train.out, json);
    process.stderr.write(`wrote ${train.out}\n`);
  } else process.stdout.write(json + '\n');
}

async function leads(argv: string[]): Promise<void> {
  const { seeds, rest } = parseSeeds(argv);
  const args = parseTrainArgs(rest);
  await useNodeBackend(args.backend);
  const report = await leadsOverSeeds(args.config, args.meters, args.backend, seeds, (line) => process.stderr.write(line + '\n'));
  process.stdout.write(formatLeads(report) + '\n');
  if (args.out) {
    writeFileSync(args.out, JSON.stringify(report, null, 1));
    process.stderr.write(`wrote ${args.out}\n`);
  }
}

async function fourier(argv: string[]): Promise<void> {
  const { seeds, rest } = parseSeeds(argv);
  const { value, rest: trainFlags } = takeFlag(rest, 'at');
  const at = (value ?? '50,400,1140,3000').split(',').map(Number);
  if (value === '' || at.some((s) => !Number.isInteger(s) || s < 0)) throw new UsageError(`--at must be whole step numbers separated by commas, not "${value}"`);
  const args = parseTrainArgs(trainFlags);
  await useNodeBackend(args.backend);
  const runs = await fourierOverSeeds(args.config, seeds, at, (line) => process.stderr.write(line + '\n'));
  process.stdout.write(formatFourier(args.config, runs) + '\n');
}

async function llcControl(argv: string[]): Promise<void> {
  const { seeds, rest } = parseSeeds(argv);
  const { value, rest: trainFlags } = takeFlag(rest, 'control');
  const controlId = value ?? 'no-decay';
  const control = findPreset(controlId);
  if (!control) throw new UsageError(`--control must be a preset (${PRESETS.map((p) => p.id).join(', ')}), not "${controlId}"`);
  const args = parseTrainArgs(trainFlags);
  await useNodeBackend(args.backend);
  const report = await llcControlOverSeeds(args.config, { ...control.config, steps: Math.max(control.config.steps, args.config.steps) }, args.meters, args.backend, seeds, (line) => process.stderr.write(line + '\n'));
  process.stdout.write(formatControl(report) + '\n');
  if (args.out) {
    writeFileSync(args.out, JSON.stringify(report, null, 1));
    process.stderr.write(`wrote ${args.out}\n`);
  }
}

async function sweep(argv: string[]): Promise<void> {
  const { spec, train, mode: asked } = parseSweepArgs(argv);
  await useNodeBackend(train.backend);
  const configs = sweepConfigs(spec);
  const picked = asked === 'auto' ? await pickMode(configs) : null;
  const mode = picked?.mode ?? (asked as 'batched' | 'sequential');
  if (picked) process.stderr.write(`measured on ${picked.backend}: ${Object.entries(picked.rates).map(([m, r]) => `${m} ${r!.toFixed(0)} network-steps/s`).join(', ')}; training ${mode}\n`);
  const start = performance.now();
  const cells = await runSweep(spec, {
    mode,
    steps: spec.base.steps,
    onCell: (c) => process.stderr.write(`${spec.x.key} ${c.x}, ${spec.y.key} ${c.y}: ${c.outcome}, fit ${c.fitStep ?? '—'}, grok ${c.grokStep ?? '—'}\n`),
  });
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(formatSweep(spec, cells) + `\n${cells.length} runs in ${seconds.toFixed(1)} s (${mode}, ${train.backend})\n`);
  if (train.out) {
    const grid = { format: 'grokscope-sweep', version: 1, base: spec.base, x: spec.x, y: spec.y, mode, backend: train.backend, seconds, cells };
    writeFileSync(train.out, JSON.stringify(grid, null, 1));
    process.stderr.write(`wrote ${train.out}\n`);
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'help' || command === '--help' || rest.includes('--help')) {
    process.stdout.write(`npm run cli -- train [flags]   (landscape takes these too, plus --plane --split --size --span)\n${trainUsage()}\n`);
    return;
  }
  if (command === 'llc-check') return llcCheck(rest);
  if (command === 'leads') return leads(rest);
  if (command === 'llc-control') return llcControl(rest);
  if (command === 'fourier') return fourier(rest);
  if (command === 'landscape') return landscape(rest);
  if (command === 'sweep') return sweep(rest);
  if (command !== 'train') throw new UsageError(`unknown command "${command ?? ''}"; try: train --preset classic, llc-check --model linear --d 4, or help`);
  const args = parseTrainArgs(rest);
  await useNodeBackend(args.backend);
  const { record } = await trainHeadless(args.config, args.meters, args.backend, (line) => process.stderr.write(line + '\n'));
  const json = JSON.stringify(record, null, 1);
  if (args.out) {
    writeFileSync(args.out, json);
    process.stderr.write(`wrote ${args.out}\n`);
  } else {
    process.stdout.write(json + '\n');
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const usage = err instanceof UsageError;
  process.stderr.write(`grokscope: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(usage ? 2 : 1);
});
