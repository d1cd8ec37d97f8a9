/**
 * Headless runs in Node with the same Trainer as the browser: the commands below (also printed by
 * `npm run cli -- help`). Progress goes to stderr, results to stdout or --out. Bad arguments exit 2 with one line.
 */
import { writeFileSync } from 'node:fs';
import { runLlcCheck } from './core/metrics/llcCheck';
import { runSuite } from './core/metrics/llcCheckSuite';
import { checkJson, formatSuite } from './node/llcCheckReport';
import { parseLandscapeArgs, parseLlcCheckArgs, parseSeeds, parseSteps, parseTrainArgs, takeFlag, trainUsage, UsageError } from './node/args';
import { findPreset, PRESETS } from './core/presets';
import { formatControl, llcControlOverSeeds } from './node/llcControlReport';
import { formatLeads, leadsOverSeeds } from './node/leadsReport';
import { formatFourier, fourierOverSeeds } from './node/fourierReport';
import { formatPlateau, plateauOverSeeds } from './node/plateauReport';
import { chainNoiseAtSteps, formatNoise } from './node/llcNoiseReport';
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

async function llcNoise(argv: string[]): Promise<void> {
  const { steps: at, rest } = parseSteps(argv, '250,1000,3000');
  const { value, rest: trainFlags } = takeFlag(rest, 'repeats');
  const repeats = value === null ? 40 : Number(value);
  if (!Number.isInteger(repeats) || repeats < 3 || repeats > 1000) throw new UsageError(`--repeats must be a whole number from 3 to 1000, not "${value}"`);
  const args = parseTrainArgs(trainFlags);
  await useNodeBackend(args.backend);
  const rows = await chainNoiseAtSteps(args.config, args.meters, at, repeats, (line) => process.stderr.write(line + '\n'));
  process.stdout.write(formatNoise(args.config, args.meters, rows) + '\n');
}

async function fourier(argv: string[]): Promise<void> {
  const { seeds, rest } = parseSeeds(argv);
  const { steps: at, rest: trainFlags } = parseSteps(rest, '50,400,1140,3000');
  const args = parseTrainArgs(trainFlags);
  await useNodeBackend(args.backend);
  const runs = await fourierOverSeeds(args.config, seeds, at, (line) => process.stderr.write(line + '\n'));
  process.stdout.write(formatFourier(args.config, runs) + '\n');
}

async function plateau(argv: string[]): Promise<void> {
  const { seeds, rest } = parseSeeds(argv);
  const args = parseTrainArgs(rest);
  await useNodeBackend(args.backend);
  const runs = await plateauOverSeeds(args.config, seeds, (line) => process.stderr.write(line + '\n'));
  process.stdout.write(formatPlateau(args.config, runs) + '\n');
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

const COMMANDS = `npm run cli -- train --preset classic [train flags] [--out run.json]   (one run; the Run record as JSON)
npm run cli -- landscape --preset classic --steps N [--plane basin|pca|random] [--split train|test] [--size N] [--span X] --out slice.json
npm run cli -- leads --seeds 1,2,3 [train flags] [--out leads.json]   (signed meter leads over seeds)
npm run cli -- llc-control --seeds 1,2,3 [--control no-decay] [train flags]   (λ̂ of a run and its control at equal train loss)
npm run cli -- llc-check [--seeds 1,2,3,4,5,6] [--model linear|singular] [--d N] [--n SAMPLES] [--x-scale SD] [--seed N] [estimator flags]
    (the LLC estimator on models with a known λ: without --model the whole check as a table, with --model or --seed one run as JSON)
npm run cli -- llc-noise --at 250,1000,3000 [--repeats 40] [train flags]   (the convergence check's noise against many one-chain estimates)
npm run cli -- plateau --seeds 1,2,3 [train flags]   (the wait on a linear axis: flat stretch, 10% → 90% climb, grok / fit)
npm run cli -- fourier --seeds 1,2,3 --at 50,400,1140,3000 [train flags]   (the embeddings' Fourier view at those steps)
npm run cli -- sweep --preset classic --wd 0.1,0.3,1,3 --train-frac 0.2,0.3,0.5,0.7 --steps 3000 [--mode auto|batched|sequential] [--out sweep.json]
Estimator flags (train, leads, llc-control, llc-noise, llc-check): --epsilon --gamma --n-beta --chains --draws --burn-in --batch-size; the live defaults otherwise.`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'help' || command === '--help' || rest.includes('--help')) {
    process.stdout.write(`${COMMANDS}\n\nTrain flags:\n${trainUsage()}\n`);
    return;
  }
  if (command === 'llc-check') return llcCheck(rest);
  if (command === 'leads') return leads(rest);
  if (command === 'llc-control') return llcControl(rest);
  if (command === 'llc-noise') return llcNoise(rest);
  if (command === 'fourier') return fourier(rest);
  if (command === 'plateau') return plateau(rest);
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
