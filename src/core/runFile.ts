/**
 * Reading and writing Run records as files: JSON import with a specific message for every way a
 * file can be wrong, and a CSV of the metric series. tfjs-free: runs on the main thread.
 */
import { RUN_FORMAT, RUN_VERSION, RunRecordSchema, type RunRecord } from './run';

export type ParsedRunFile = { ok: true; record: RunRecord } | { ok: false; message: string };

/**
 * Largest run file read (20 MB), far above what the app exports. A larger file would freeze the
 * page while it is parsed and squash the live curve when drawn beside it.
 */
export const MAX_RUN_FILE_BYTES = 20 * 2 ** 20;

export const tooLarge = (bytes: number) =>
  `it is ${(bytes / 2 ** 20).toFixed(1)} MB, more than the ${MAX_RUN_FILE_BYTES / 2 ** 20} MB Grokscope reads`;

/** "metrics row 12, trainAcc" for a path like ['metrics', 12, 'trainAcc']. */
function where(path: PropertyKey[]): string {
  if (path.length === 0) return '(top)';
  const [field, row, ...rest] = path;
  if (typeof row === 'number') return `${String(field)} row ${row}${rest.length ? `, ${rest.map(String).join('.')}` : ''}`;
  return path.map(String).join('.');
}

export function parseRunFile(text: string): ParsedRunFile {
  if (text.length > MAX_RUN_FILE_BYTES) return { ok: false, message: tooLarge(text.length) };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, message: `it is not valid JSON (${why}); a truncated download looks like this` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, message: 'it is JSON, but not a Grokscope run (no object at the top)' };
  const obj = data as Record<string, unknown>;
  if (obj.format !== RUN_FORMAT) return { ok: false, message: `it is not a Grokscope run file (format is ${JSON.stringify(obj.format ?? null)}, expected "${RUN_FORMAT}")` };
  if (obj.version !== RUN_VERSION)
    return { ok: false, message: `it is version ${JSON.stringify(obj.version ?? null)} of the run format; this Grokscope reads version ${RUN_VERSION}` };
  const parsed = RunRecordSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${where(i.path)}: ${i.message}`);
    const more = parsed.error.issues.length > 3 ? ` and ${parsed.error.issues.length - 3} more` : '';
    return { ok: false, message: `some fields are invalid: ${issues.join('; ')}${more}` };
  }
  return { ok: true, record: parsed.data };
}

const cell = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '' : String(v));

/** One row per measured step; the meters' columns are filled at the steps they were measured. */
export function metricsCsv(record: RunRecord): string {
  const llc = new Map(record.llc.map((r) => [r.step, r]));
  const entropy = new Map(record.entropy.map((r) => [r.step, r]));
  const steps = [...new Set([...record.metrics.map((m) => m.step), ...llc.keys(), ...entropy.keys()])].sort((a, b) => a - b);
  const metrics = new Map(record.metrics.map((m) => [m.step, m]));
  const header = 'step,train_acc,test_acc,train_loss,test_loss,weight_norm,llc,llc_std_err,spectral_entropy';
  const rows = steps.map((s) => {
    const m = metrics.get(s);
    const l = llc.get(s);
    const e = entropy.get(s);
    return [s, cell(m?.trainAcc), cell(m?.testAcc), cell(m?.trainLoss), cell(m?.testLoss), cell(m?.weightNorm), cell(l?.llc), cell(l?.stdErr), cell(e?.entropy)].join(',');
  });
  return [header, ...rows].join('\n') + '\n';
}
