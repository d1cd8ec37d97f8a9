import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_METERS } from '../src/core/meterConfig';
import { classicConfig } from './classic';
import { makeRunRecord, RunRecordSchema } from '../src/core/run';
import { metricsCsv, parseRunFile } from '../src/core/runFile';

const metrics = [0, 10, 20].map((step, i) => ({ step, trainAcc: i / 2, testAcc: 0.02, trainLoss: 3 - i, testLoss: 3.5, weightNorm: 10 + i }));
const record = makeRunRecord({
  config: classicConfig(),
  backend: 'wasm',
  metrics,
  events: { fitStep: 20, grokStep: null },
  hyperChanges: [],
  wallMs: 12,
  divergence: null,
  meters: DEFAULT_METERS,
  llc: [{ step: 10, llc: 4.5, stdErr: 0.2, settings: DEFAULT_METERS.llc, nBeta: 100, converged: false, drift: 0.4, trend: 0.2, chainSpread: 0.1, distance: 0.3, trace: [[1, 2]], centerLoss: 0.5, warnings: [] }],
  entropy: [{ step: 0, entropy: 0.9, topShare: 0.1 }],
  progress: [],
});
const text = JSON.stringify(record);

const fourierRow = { step: 10, power: [0.5, 0.5], keyFrequencies: [1], top5Share: 1, unitFrequency: [1, 2], unitShare: [0.9, 0.8], topFrequencyShare: 0.85, restrictedLoss: 1.2, excludedLoss: 0.4 };

describe('run files', () => {
  it('reads back what it writes', () => {
    const r = parseRunFile(text);
    expect(r.ok && r.record).toEqual(RunRecordSchema.parse(JSON.parse(text)));
  });

  it('carries the progress measures, and reads files written before them as having none', () => {
    const withProgress = parseRunFile(JSON.stringify({ ...record, progress: [fourierRow] }));
    expect(withProgress.ok && withProgress.record.progress).toEqual([fourierRow]);
    const { progress: _, ...older } = record;
    const old = parseRunFile(JSON.stringify({ ...older, leads: { ...record.leads, restricted: undefined, events: { ...record.leads!.events, restrictedSignal: undefined } } }));
    expect(old.ok && old.record.progress).toEqual([]);
    expect(old.ok && old.record.leads!.restricted).toEqual({ toRise: null, toHalf: null, toGrok: null, toFull: null });
    const bad = parseRunFile(JSON.stringify({ ...record, progress: [{ ...fourierRow, keyFrequencies: [0] }] }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/progress row 0, keyFrequencies/);
  });

  it.each([
    ['{"format": "grokscope-run", "vers', /not valid JSON/],
    ['[1, 2]', /not a Grokscope run \(no object/],
    ['{"format": "other"}', /not a Grokscope run file \(format is "other"/],
    [JSON.stringify({ ...record, version: 2 }), /version 2 of the run format; this Grokscope reads version 1/],
    [JSON.stringify({ ...record, metrics: [{ step: -1 }] }), /some fields are invalid: metrics row 0, step/],
    // Plausibility, not only shape: each names the field and the row.
    [JSON.stringify({ ...record, metrics: [{ ...metrics[0], trainAcc: 7 }] }), /metrics row 0, trainAcc: must be between 0 and 1/],
    [JSON.stringify({ ...record, metrics: [metrics[0], { ...metrics[1], testAcc: -3 }] }), /metrics row 1, testAcc: must be between 0 and 1/],
    [JSON.stringify({ ...record, metrics: [{ ...metrics[0], trainLoss: -1 }] }), /metrics row 0, trainLoss: must be 0 or more/],
    [JSON.stringify({ ...record, entropy: [{ step: 0, entropy: 5, topShare: 0.1 }] }), /entropy row 0, entropy: must be between 0 and 1/],
    [JSON.stringify({ ...record, events: { ...record.events, fitStep: -5 } }), /events\.fitStep: must be 0 or more/],
    [JSON.stringify({ ...record, events: { ...record.events, grokStep: 1e15 } }), /events\.grokStep: must be at most/],
    [JSON.stringify({ ...record, events: { ...record.events, grokStep: 5000 } }), /events\.grokStep: step 5000 is after the run's last step \(20\)/],
    [JSON.stringify({ ...record, metrics: [metrics[1], metrics[0]] }), /metrics row 1, step: must be greater than the row before \(10\)/],
    [JSON.stringify({ ...record, metrics: [{ ...metrics[0], step: 2.5 }] }), /metrics row 0, step: must be a whole number/],
    [JSON.stringify({ ...record, llc: [{ ...record.llc[0], stdErr: -1 }] }), /llc row 0, stdErr: must be 0 or more/],
  ])('explains what is wrong with %s', (bad, message) => {
    const r = parseRunFile(bad);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });

  it('refuses a file over the size limit with its size, before parsing it', () => {
    const r = parseRunFile('x'.repeat(20 * 2 ** 20 + 1));
    expect(!r.ok && r.message).toMatch(/it is 20\.0 MB, more than the 20 MB Grokscope reads/);
  });

  it('never throws on random text, truncations or mutated records (fast-check)', () => {
    const truncated = fc.nat(text.length).map((n) => text.slice(0, n));
    const mutated = fc.tuple(fc.constantFrom(...Object.keys(record)), fc.jsonValue()).map(([k, v]) => JSON.stringify({ ...record, [k]: v }));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), truncated, mutated), (s) => {
        const r = parseRunFile(s);
        if (r.ok) expect(RunRecordSchema.safeParse(r.record).success).toBe(true);
        else expect(r.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 1500 },
    );
  });

  it('writes a CSV with one row per measured step and the meters where measured', () => {
    const lines = metricsCsv(record).trim().split('\n');
    expect(lines[0]).toBe('step,train_acc,test_acc,train_loss,test_loss,weight_norm,llc,llc_std_err,spectral_entropy');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('0,0,0.02,3,3.5,10,,,0.9');
    expect(lines[2]).toBe('10,0.5,0.02,2,3.5,11,4.5,0.2,');
  });
});
