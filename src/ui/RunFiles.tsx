/** Export the live run (JSON, CSV) and import a saved one to compare against it. */
import { useRef } from 'react';
import type { MeterConfig } from '../core/meterConfig';
import { MAX_RUN_FILE_BYTES, metricsCsv, parseRunFile, tooLarge } from '../core/runFile';
import { download } from './download';
import type { RunStore } from './runStore';

const saveText = (name: string, type: string, text: string) => download(name, new Blob([text], { type }));

/** Reads a dropped or picked file; a bad one leaves the live run and any comparison untouched. */
export async function importRunFile(store: RunStore, file: File): Promise<void> {
  const fail = (message: string) => store.reportError(`Could not import "${file.name}": ${message}. The current run is unchanged.`);
  // Refused before reading: reading a huge file is itself what freezes the page.
  if (file.size > MAX_RUN_FILE_BYTES) return fail(tooLarge(file.size));
  const parsed = parseRunFile(await file.text());
  if (parsed.ok) store.setComparison({ record: parsed.record, name: file.name, tag: 'imported' });
  else fail(parsed.message);
}

export function RunFiles({ store, meters }: { store: RunStore; meters: MeterConfig }) {
  const input = useRef<HTMLInputElement>(null);
  const stamp = () => `grokscope-${store.config?.task ?? 'run'}-p${store.config?.p ?? ''}-step${store.status.step}`;
  const record = () => store.toRecord(meters);
  return (
    <section className="panel files" aria-label="Save and compare runs">
      <div className="files-title">Save and compare</div>
      <div className="files-buttons">
        <button
          className="btn small"
          data-testid="export-json"
          onClick={() => {
            const r = record();
            if (r) saveText(`${stamp()}.json`, 'application/json', JSON.stringify(r, null, 1));
          }}
        >
          Run (JSON)
        </button>
        <button
          className="btn small"
          data-testid="export-csv"
          onClick={() => {
            const r = record();
            if (r) saveText(`${stamp()}.csv`, 'text/csv', metricsCsv(r));
          }}
        >
          Metrics (CSV)
        </button>
        <button className="btn small" data-testid="import" onClick={() => input.current?.click()}>
          Compare with a run…
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="import-input"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) await importRunFile(store, file);
            e.target.value = '';
          }}
        />
      </div>
      {store.comparison ? (
        <div className="files-note" data-testid="comparison">
          Comparing with <b>{store.comparison.name}</b> (dashed): {store.comparison.record.config.task} mod{' '}
          {store.comparison.record.config.p}, {store.comparison.record.config.model}, lr {store.comparison.record.config.lr}, wd{' '}
          {store.comparison.record.config.wd}.{' '}
          <button className="btn small" onClick={() => store.setComparison(null)}>
            Remove
          </button>
        </div>
      ) : (
        <div className="files-note muted">Drop a saved run (.json) anywhere on the page to draw it beside this one.</div>
      )}
    </section>
  );
}
