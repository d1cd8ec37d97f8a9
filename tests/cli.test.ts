import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_LLC_SETTINGS } from '../src/core/meterConfig';
import { describe, expect, it } from 'vitest';
import { RunRecordSchema } from '../src/core/run';
import { parseTrainArgs, TRAIN_FLAGS } from '../src/node/args';

const run = promisify(execFile);
const cli = (args: string[]) => run('npx', ['tsx', 'src/cli.ts', ...args], { cwd: process.cwd() });

describe('npm run cli', () => {
  it('trains a small config to 100% train accuracy and writes a valid Run record', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'grokscope-')), 'run.json');
    const { stderr } = await cli(['train', '--preset', 'classic', '--p', '13', '--width', '32', '--train-frac', '0.5', '--steps', '300', '--backend', 'wasm', '--llc-every', '100', '--entropy-every', '50', '--out', out]);
    expect(stderr).toMatch(/done on wasm/);
    const record = RunRecordSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(record.backend).toBe('wasm');
    expect(record.config).toMatchObject({ p: 13, width: 32, trainFrac: 0.5, steps: 300 });
    expect(record.metrics.at(-1)!.step).toBe(300);
    expect(record.metrics.at(-1)!.trainAcc).toBe(1);
    expect(record.events.fitStep).not.toBeNull();
    // Meters on their cadence (plus the early steps), finite, with their settings recorded.
    expect(record.llc.map((r) => r.step)).toEqual([0, 10, 20, 50, 100, 200, 300]);
    expect(record.entropy.map((r) => r.step)).toEqual([0, 5, 10, 25, 50, 100, 150, 200, 250, 300]);
    for (const r of record.entropy) expect(r.entropy).toBeGreaterThan(0);
    for (const r of record.entropy) expect(r.entropy).toBeLessThanOrEqual(1);
    for (const r of record.llc) expect(Number.isFinite(r.llc)).toBe(true);
    expect(record.meters).toMatchObject({ llcEvery: 100, entropyEvery: 50 });
    expect(record.events.entropyThreshold).toBeCloseTo(0.609, 6);
    expect(record.phases[0]).toMatchObject({ name: 'memorization', from: 0 });
  });

  it('checks the LLC estimator from the command line at the live defaults, or at the settings its flags give', async () => {
    const live = JSON.parse((await cli(['llc-check', '--model', 'linear', '--d', '20'])).stdout);
    expect(live).toMatchObject({ model: 'linear', d: 20, theory: 10, settings: DEFAULT_LLC_SETTINGS });
    expect(Math.abs(live.relativeError)).toBeLessThan(0.15);
    const tuned = JSON.parse((await cli(['llc-check', '--model', 'singular', '--gamma', '1', '--draws', '300', '--chains', '1', '--x-scale', '2'])).stdout);
    expect(tuned.settings).toEqual({ ...DEFAULT_LLC_SETTINGS, gamma: 1, draws: 300, chains: 1 });
    expect(tuned.xScale).toBe(2);
    const table = (await cli(['llc-check', '--seeds', '1,2'])).stdout;
    expect(table).toMatch(/seeds 1, 2\./);
    expect(table).toMatch(/γ 100, nβ n\/log n, 2 chains × 200 draws after 100 burn-in/);
    expect(table.split('\n').filter((l) => /^\| (linear|singular)/.test(l))).toHaveLength(4);
    const both = await cli(['llc-check', '--seed', '1', '--seeds', '1,2']).catch((e: { code: number; stderr: string }) => e);
    expect((both as { stderr: string }).stderr).toMatch(/--seed .* or --seeds .*, not both/);
    const badScale = await cli(['llc-check', '--x-scale', '0']).catch((e: { code: number; stderr: string }) => e);
    expect((badScale as { stderr: string }).stderr).toMatch(/--x-scale must be a number from 0.001 to 1000, not "0"/);
    const bad = await cli(['llc-check', '--gamma', '-1']).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toMatch(/--gamma "-1"/);
  });

  it('exits non-zero with a one-line reason on bad arguments', async () => {
    const err = await cli(['train', '--p', '12']).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    const lines = (err as { stderr: string }).stderr.split('\n').filter((l) => l.startsWith('grokscope:'));
    expect(lines).toEqual(['grokscope: p must be a prime number']);
    const repeats = await cli(['llc-noise', '--repeats', '1']).catch((e: { code: number; stderr: string }) => e);
    expect(repeats).toMatchObject({ code: 2 });
    expect((repeats as { stderr: string }).stderr).toMatch(/--repeats must be a whole number from 3 to 1000, not "1"/);
    const meterErr = await cli(['train', '--llc-every', '-5']).catch((e: { code: number; stderr: string }) => e);
    expect(meterErr).toMatchObject({ code: 2 });
    expect((meterErr as { stderr: string }).stderr).toMatch(/--llc-every "-5": llc-every must be at least 0/);
    const atErr = await cli(['fourier', '--at', '10,x']).catch((e: { code: number; stderr: string }) => e);
    expect(atErr).toMatchObject({ code: 2 });
    expect((atErr as { stderr: string }).stderr).toMatch(/--at must be whole step numbers/);
  });

  it('prints the Fourier view of a small run at the steps asked, per seed and as a mean', async () => {
    const { stdout } = await cli(['fourier', '--p', '11', '--width', '16', '--train-frac', '0.5', '--seeds', '1,2', '--at', '0,40', '--backend', 'wasm']);
    const rows = stdout.split('\n').filter((l) => /^\d+\s+(0|40)\s/.test(l));
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      const [, , , unit, top5] = r.trim().split(/\s+/);
      expect(Number(unit)).toBeGreaterThan(0);
      expect(Number(unit)).toBeLessThanOrEqual(1);
      expect(Number(top5)).toBeGreaterThan(0);
    }
    expect(stdout).toMatch(/mean over seeds:/);
  });

  it('gives every run setting, meter cadence and estimator setting a flag of its own', () => {
    // A run's minibatch (--train-batch) and the SGLD chains' (--batch-size) once shared a name.
    expect(new Set(TRAIN_FLAGS).size).toBe(TRAIN_FLAGS.length);
    const args = parseTrainArgs(['--train-batch', '0', '--batch-size', '64']);
    expect(args.config.trainBatch).toBe(0);
    expect(args.meters.llc.batchSize).toBe(64);
  });
});
