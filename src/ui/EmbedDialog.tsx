/**
 * The Embed dialog: the author picks the panels (and their order), theme, captions and a height
 * cap, sees the embed live, and copies either snippet.
 */
import { useEffect, useRef, useState } from 'react';
import { EMBED_SIZE_TYPE } from '../core/embedApi';
import { PANELS, type Panel } from '../core/panels';
import { EMBED_HEIGHT, THEMES, type Theme } from '../core/url';
import { embedSnippets, embedUrl, type EmbedChoices } from './embedSnippets';

const PANEL_NAMES: Record<Panel, string> = {
  accuracy: 'Accuracy',
  loss: 'Loss',
  norm: 'Weight norm',
  llc: 'LLC over training',
  entropy: 'Spectral entropy',
  landscape: 'Loss landscape',
  meter: 'Flatness gauge',
  fourier: 'Fourier view',
  progress: 'Progress measures',
};

/** The preview is drawn at most this tall inside the dialog; the embed itself is as tall as its content (or the cap). */
const PREVIEW_MAX = 480;

interface Props {
  initial: EmbedChoices;
  onClose(): void;
}

export function EmbedDialog({ initial, onClose }: Props) {
  const [c, setC] = useState<EmbedChoices>(initial);
  const snippets = embedSnippets(window.location.href, c);
  const set = (patch: Partial<EmbedChoices>) => setC((prev) => ({ ...prev, ...patch }));
  const toggle = (p: Panel) => set({ panels: c.panels.includes(p) ? c.panels.filter((x) => x !== p) : [...c.panels, p] });
  const move = (p: Panel, by: -1 | 1) => {
    const i = c.panels.indexOf(p);
    const j = i + by;
    if (j < 0 || j >= c.panels.length) return;
    const next = [...c.panels];
    [next[i], next[j]] = [next[j], next[i]];
    set({ panels: next });
  };
  // Chosen panels first, in their order, then the rest.
  const listed = [...c.panels, ...PANELS.filter((p) => !c.panels.includes(p))];
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="embed-title" onClick={onClose}>
      <div className="overlay-card embed-card" onClick={(e) => e.stopPropagation()}>
        <h2 id="embed-title">Embed this run in a page</h2>
        <div className="embed-options">
          <fieldset className="embed-panel-picker" data-testid="embed-panel-picker">
            <legend>Panels, in order</legend>
            {listed.map((p) => {
              const on = c.panels.includes(p);
              return (
                <div key={p} className="embed-panel-row">
                  <label>
                    <input type="checkbox" checked={on} disabled={on && c.panels.length === 1} onChange={() => toggle(p)} data-panel={p} />
                    {PANEL_NAMES[p]}
                  </label>
                  {on && (
                    <span className="embed-order">
                      <button className="btn small" onClick={() => move(p, -1)} disabled={c.panels[0] === p} aria-label={`Move ${PANEL_NAMES[p]} up`}>
                        ↑
                      </button>
                      <button className="btn small" onClick={() => move(p, 1)} disabled={c.panels.at(-1) === p} aria-label={`Move ${PANEL_NAMES[p]} down`}>
                        ↓
                      </button>
                    </span>
                  )}
                </div>
              );
            })}
          </fieldset>
          <div className="embed-look">
            <label className="field">
              <span>Theme</span>
              <select value={c.theme} onChange={(e) => set({ theme: e.target.value as Theme })} data-testid="embed-theme">
                {THEMES.map((t) => (
                  <option key={t} value={t}>
                    {t === 'auto' ? "auto (the reader's system)" : t}
                  </option>
                ))}
              </select>
            </label>
            <label className="field check">
              <input type="checkbox" checked={c.captions} onChange={(e) => set({ captions: e.target.checked })} data-testid="embed-captions" />
              <span>Captions under the charts</span>
            </label>
            <label className="field">
              <span>Height cap in px (blank: as tall as its content)</span>
              <input
                type="number"
                min={EMBED_HEIGHT.min}
                max={EMBED_HEIGHT.max}
                step={20}
                value={c.maxHeight ?? ''}
                onChange={(e) => {
                  const v = e.target.value === '' ? null : Number(e.target.value);
                  if (v === null || (Number.isInteger(v) && v >= EMBED_HEIGHT.min && v <= EMBED_HEIGHT.max)) set({ maxHeight: v });
                }}
                data-testid="embed-height"
              />
            </label>
          </div>
        </div>
        <Preview src={embedUrl(window.location.href, c).toString()} cap={c.maxHeight} />
        <Snippet label="An iframe, with the few lines that size it to its content" text={snippets.iframe} testId="embed-snippet" rows={4} />
        <Snippet label="Or the custom element, which builds that iframe from its attributes" text={snippets.element} testId="embed-element" rows={3} />
        <button className="btn" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}

/** The embed as a reader will see it, sized by its own height messages. */
function Preview({ src, cap }: { src: string; cap: number | null }) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(320);
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.source === ref.current?.contentWindow && e.data?.type === EMBED_SIZE_TYPE && Number.isFinite(e.data.height)) setHeight(Math.ceil(e.data.height));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  const shown = Math.min(cap ?? Infinity, height);
  return (
    <div className="embed-preview" style={{ maxHeight: PREVIEW_MAX }}>
      <span className="muted small">Live preview ({shown} px tall in a page)</span>
      <iframe ref={ref} src={src} title="Preview of the embed" style={{ height: shown }} data-testid="embed-preview" />
    </div>
  );
}

function Snippet({ label, text, testId, rows }: { label: string; text: string; testId: string; rows: number }) {
  const [copied, setCopied] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // No clipboard permission (an insecure origin, a locked-down browser): select it for Ctrl+C.
      box.current?.select();
    }
  };
  return (
    <div className="field">
      <span>{label}</span>
      <textarea ref={box} readOnly rows={rows} value={text} data-testid={testId} onFocus={(e) => e.target.select()} />
      <button className="btn small" onClick={copy} data-testid={`${testId}-copy`}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
