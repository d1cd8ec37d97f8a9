/**
 * The two snippets an author pastes (an iframe with its sizing listener, or the custom element),
 * built from the page's current link and the author's choices in the Embed dialog.
 */
import { EMBED_SIZE_TYPE } from '../core/embedApi';
import type { Panel } from '../core/panels';
import type { Theme } from '../core/url';

export interface EmbedChoices {
  /** In the order the embed shows them. */
  panels: Panel[];
  theme: Theme;
  captions: boolean;
  /** The most the frame may take, in px; null: as tall as its content. */
  maxHeight: number | null;
}

/** Text safe inside a double-quoted HTML attribute. */
const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The embed's link: the page's settings plus the author's choices (defaults left out, so links stay short). */
export function embedUrl(pageUrl: string, c: EmbedChoices): URL {
  const url = new URL(pageUrl);
  for (const key of ['embed', 'panels', 'theme', 'captions', 'height', 'present', 'lesson', 'step']) url.searchParams.delete(key);
  url.searchParams.set('embed', '1');
  url.searchParams.set('panels', c.panels.join(','));
  if (c.theme !== 'auto') url.searchParams.set('theme', c.theme);
  if (!c.captions) url.searchParams.set('captions', '0');
  if (c.maxHeight !== null) url.searchParams.set('height', String(c.maxHeight));
  return url;
}

export function embedSnippets(pageUrl: string, c: EmbedChoices): { iframe: string; element: string } {
  const url = embedUrl(pageUrl, c);
  const base = new URL('.', pageUrl).toString();
  // Only names an attribute can have; the values escaped, whatever the address held.
  const attrs = [...url.searchParams.entries()]
    .filter(([k]) => k !== 'embed' && /^[a-z][a-z0-9-]*$/.test(k))
    .map(([k, v]) => ` ${k}="${attr(v)}"`)
    .join('');
  const cap = c.maxHeight === null ? '' : `max-height:${c.maxHeight}px;`;
  return {
    // The few lines that let the frame fit its content (the custom element does this by itself).
    iframe:
      `<iframe src="${attr(url.toString())}" width="100%" height="${c.maxHeight ?? 640}" style="border:0;display:block;${cap}" title="Grokscope: a network grokking modular arithmetic" loading="lazy"></iframe>\n` +
      `<script>addEventListener('message', (e) => { for (const f of document.querySelectorAll('iframe')) ` +
      `if (f.contentWindow === e.source && e.data && e.data.type === '${EMBED_SIZE_TYPE}') f.style.height = Math.ceil(e.data.height) + 'px'; });</script>`,
    element: `<script src="${base}embed.js" defer></script>\n<grok-scope${attrs}></grok-scope>`,
  };
}
