import { describe, expect, it } from 'vitest';
import { needsRestart, parseRunConfig, type RunConfig } from '../src/core/config';
import { defaultConfig, findPreset, PRESETS } from '../src/core/presets';
import { decodeQuery, encodeQuery } from '../src/core/url';
import { parseSeeds, parseTrainArgs, UsageError } from '../src/node/args';

const errorsFor = (patch: Record<string, unknown>) => {
  const r = parseRunConfig({ ...defaultConfig(), ...patch });
  return r.ok ? [] : r.errors;
};

describe('RunConfig validation', () => {
  it('accepts every preset', () => {
    for (const p of PRESETS) expect(parseRunConfig(p.config).ok).toBe(true);
  });

  it.each([
    [{ p: 60 }, 'p must be a prime number'],
    [{ p: 2 }, 'p must be at least 5'],
    [{ p: 7.5 }, 'p must be a whole number'],
    [{ lr: 0 }, 'learning rate must be between'],
    [{ lr: Number.NaN }, 'learning rate'],
    [{ wd: -1 }, 'weight decay must be between'],
    [{ trainFrac: 1 }, 'train fraction must be between'],
    [{ width: 0 }, 'width must be at least'],
    [{ task: 'pow' }, 'task must be one of add, sub, mul, div'],
    [{ model: 'cnn' }, 'model must be one of'],
    [{ seed: 0 }, 'seed must be at least 1'],
  ])('rejects %j with a readable reason', (patch, message) => {
    const errors = errorsFor(patch);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join(' ')).toContain(message);
  });

  it('restarts only for settings that change the data or the model', () => {
    const c = defaultConfig();
    expect(needsRestart(c, { ...c, lr: 0.001, wd: 0.1, steps: 99 })).toBe(false);
    for (const patch of [{ trainFrac: 0.5 }, { seed: 2 }, { p: 53 }, { width: 64 }, { task: 'mul' }, { model: 'mlp' }] as Partial<RunConfig>[])
      expect(needsRestart(c, { ...c, ...patch })).toBe(true);
  });
});

describe('URL decoding', () => {
  it('reads settings with the CLI names', () => {
    const d = decodeQuery('?p=53&train-frac=0.4&lr=0.003&backend=wasm&task=mul');
    expect(d.notices).toEqual([]);
    expect(d.config).toMatchObject({ p: 53, trainFrac: 0.4, lr: 0.003, task: 'mul' });
    expect(d.backend).toBe('wasm');
  });

  it('replaces each bad value by the default and says so', () => {
    const d = decodeQuery('?p=60&lr=abc&backend=tpu&preset=nope');
    const def = findPreset('classic')!.config; // an address naming settings is read against classic
    expect(d.config.p).toBe(def.p);
    expect(d.config.lr).toBe(def.lr);
    expect(d.backend).toBe('auto');
    expect(d.notices).toHaveLength(4);
    expect(d.notices.join('\n')).toContain(`p="60": p must be a prime number; using ${def.p}`);
    expect(d.notices.join('\n')).toMatch(/lr="abc"/);
  });

  it('opens the textbook run on a bare address and reads settings without a preset against classic, as links made before it meant', () => {
    expect(decodeQuery('').presetId).toBe('textbook');
    expect(decodeQuery('').config).toEqual(findPreset('textbook')!.config);
    const old = decodeQuery('?p=17&width=32');
    expect(old.presetId).toBe('classic');
    expect(old.config).toEqual({ ...findPreset('classic')!.config, p: 17, width: 32 });
    expect(encodeQuery('textbook', findPreset('textbook')!.config, 'auto')).toBe('');
    expect(encodeQuery('classic', findPreset('classic')!.config, 'auto')).toBe('?preset=classic');
    expect(encodeQuery('classic', { ...findPreset('classic')!.config, lr: 0.02 }, 'auto')).toBe('?lr=0.02');
    const tuned = { ...findPreset('textbook')!.config, lr: 0.02 };
    expect(encodeQuery('textbook', tuned, 'auto')).toBe('?preset=textbook&lr=0.02');
    expect(decodeQuery('?preset=textbook&lr=0.02').config).toEqual(tuned);
    // The command line follows the same rule.
    expect(parseTrainArgs([]).config).toEqual(findPreset('textbook')!.config);
    expect(parseTrainArgs(['--lr', '0.02']).config).toEqual({ ...findPreset('classic')!.config, lr: 0.02 });
  });

  it('takes an embed origin only as a bare origin, as browsers report it', () => {
    expect(decodeQuery('?embed=1&origin=https://blog.example:8443').view.origin).toBe('https://blog.example:8443');
    for (const bad of ['https://blog.example/', 'https://blog.example/post', 'blog.example', 'javascript:alert(1)', '*']) {
      const d = decodeQuery(`?origin=${encodeURIComponent(bad)}`);
      expect(d.view.origin, bad).toBeNull();
      expect(d.notices.join(' '), bad).toContain('origin must be a scheme, host and optional port');
    }
  });

  it('round-trips through encode', () => {
    const c = { ...defaultConfig(), lr: 0.002, width: 64 };
    const d = decodeQuery(encodeQuery('classic', c, 'wasm'));
    expect(d.config).toEqual(c);
    expect(d.backend).toBe('wasm');
  });
});

describe('CLI arguments', () => {
  it('takes --seeds out of the train flags, with 1,2,3 when absent and a reason when empty', () => {
    expect(parseSeeds(['--seeds', '4,5', '--wd', '0'])).toEqual({ seeds: [4, 5], rest: ['--wd', '0'] });
    expect(parseSeeds(['--wd=0', '--seeds=7'])).toEqual({ seeds: [7], rest: ['--wd=0'] });
    expect(parseSeeds(['--wd', '0'])).toEqual({ seeds: [1, 2, 3], rest: ['--wd', '0'] });
    expect(() => parseSeeds(['--seeds='])).toThrow(/--seeds must be a whole number/);
    expect(() => parseSeeds(['--seeds'])).toThrow('--seeds needs a value');
  });

  it('reads the estimator\'s settings as flags, over the live defaults for the model and loss', () => {
    const a = parseTrainArgs(['--preset', 'mse', '--gamma', '50', '--draws=300']);
    expect(a.meters.llc).toMatchObject({ gamma: 50, draws: 300, epsilon: 3e-4 });
    expect(() => parseTrainArgs(['--chains', '0'])).toThrow(/--chains "0": chains must be at least 1/);
  });

  it('applies flags over the preset', () => {
    const a = parseTrainArgs(['--preset', 'classic', '--lr', '0.02', '--train-frac=0.5', '--backend', 'cpu', '--out', 'x.json']);
    expect(a.config.lr).toBe(0.02);
    expect(a.config.trainFrac).toBe(0.5);
    expect(a.backend).toBe('cpu');
    expect(a.out).toBe('x.json');
  });

  it.each([
    [['--p', '60'], /prime/],
    [['--lr', 'fast'], /--lr must be a number/],
    [['--bogus', '1'], /unknown flag --bogus/],
    [['--preset', 'nope'], /unknown preset/],
    [['--backend', 'tpu'], /--backend must be one of/],
    [['--steps'], /--steps needs a value/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseTrainArgs(argv)).toThrow(UsageError);
    expect(() => parseTrainArgs(argv)).toThrow(message);
  });
});
