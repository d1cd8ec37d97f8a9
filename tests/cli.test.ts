import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RunRecordSchema } from '../src/core/run';

const run = promisify(execFile);
const cli = (args: string[]) => run('npx', ['tsx', 'src/cli.ts', ...args], { cwd: process.cwd() });

describe('npm run cli', () => {
  it('trains a small config to 100% train accuracy and writes a valid Run record', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'grokscope-')), 'run.json');
    const { stderr } = await cli(['train', '--preset', 'classic', '--p', '13', '--width', '32', '--train-frac', '0.5', '--steps', '300', '--backend', 'wasm', '--out', out]);
    expect(stderr).toMatch(/done on wasm/);
    const record = RunRecordSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(record.backend).toBe('wasm');
    expect(record.config).toMatchObject({ p: 13, width: 32, trainFrac: 0.5, steps: 300 });
    expect(record.metrics.at(-1)!.step).toBe(300);
    expect(record.metrics.at(-1)!.trainAcc).toBe(1);
    expect(record.events.fitStep).not.toBeNull();
  });

  it('exits non-zero with a one-line reason on bad arguments', async () => {
    const err = await cli(['train', '--p', '12']).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    const lines = (err as { stderr: string }).stderr.split('\n').filter((l) => l.startsWith('grokscope:'));
    expect(lines).toEqual(['grokscope: p must be a prime number']);
  });
});
