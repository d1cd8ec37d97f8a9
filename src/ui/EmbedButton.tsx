/** Shows ready-to-paste snippets (iframe and custom element) for the current state. */
import { useState } from 'react';
import { EMBED_SIZE_TYPE } from '../core/embedApi';
import { PANELS } from '../core/panels';

/** Text safe inside a double-quoted HTML attribute. */
const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function snippets(): { iframe: string; element: string } {
  const url = new URL(window.location.href);
  url.searchParams.set('embed', '1');
  if (!url.searchParams.has('panels')) url.searchParams.set('panels', 'accuracy,llc');
  const base = new URL('.', window.location.href).toString();
  // Only names an attribute can have; the values escaped, whatever the address held.
  const attrs = [...url.searchParams.entries()]
    .filter(([k]) => k !== 'embed' && /^[a-z][a-z0-9-]*$/.test(k))
    .map(([k, v]) => ` ${k}="${attr(v)}"`)
    .join('');
  return {
    // The few lines that let the frame fit its content (the custom element does this by itself).
    iframe:
      `<iframe src="${attr(url.toString())}" width="100%" height="640" style="border:0;display:block" title="Grokscope: a network grokking modular arithmetic" loading="lazy"></iframe>\n` +
      `<script>addEventListener('message', (e) => { for (const f of document.querySelectorAll('iframe')) ` +
      `if (f.contentWindow === e.source && e.data && e.data.type === '${EMBED_SIZE_TYPE}') f.style.height = Math.ceil(e.data.height) + 'px'; });</script>`,
    element: `<script src="${base}embed.js" defer></script>\n<grok-scope${attrs}></grok-scope>`,
  };
}

export function EmbedButton() {
  const [open, setOpen] = useState(false);
  const s = open ? snippets() : null;
  return (
    <>
      <button className="btn" onClick={() => setOpen(true)} data-testid="embed-button">
        Embed
      </button>
      {s && (
        <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="embed-title" onClick={() => setOpen(false)}>
          <div className="overlay-card embed-card" onClick={(e) => e.stopPropagation()}>
            <h2 id="embed-title">Embed this run in a page</h2>
            <label className="field">
              <span>An iframe with the current settings (panels=, from: {PANELS.join(', ')})</span>
              <textarea readOnly rows={4} value={s.iframe} data-testid="embed-snippet" onFocus={(e) => e.target.select()} />
            </label>
            <label className="field">
              <span>Or the custom element, which builds that iframe from its attributes</span>
              <textarea readOnly rows={3} value={s.element} onFocus={(e) => e.target.select()} />
            </label>
            <button className="btn" onClick={() => setOpen(false)} autoFocus>
              Close
            </button>
          </div>
        </div>
      )}
    </>
  );
}
