/*
 * What the <grok-scope> element (embed.js, a plain script), its ES module (element.mjs) and the React
 * component (react.mjs) share. Plain JavaScript with no imports: vite.config.ts pastes it into each
 * and fills in the setting names from the app's one parameter table.
 */
/** Attribute (and prop) names that are Grokscope settings; any other is the host page's. */
const SETTINGS = new Set(__SETTING_NAMES__);
/** Before the app inside has measured itself: room for the default two charts. */
const INITIAL_HEIGHT = 640;
const SIZE_MESSAGE = 'grokscope-size';
const FRAME_TITLE = 'Grokscope: a network grokking modular arithmetic';

/** The embed's link: the app's index.html under `base`, with the settings among `pairs` ([name, value]). */
function embedLink(base, pairs) {
  const url = new URL('index.html', base);
  url.searchParams.set('embed', '1');
  for (const [name, value] of pairs) if (SETTINGS.has(name)) url.searchParams.set(name, String(value));
  return url;
}

/** Grows `frame` to the height its page reports (at most `max`); returns the listener, to remove later. */
function fitFrame(frame, max) {
  const onSize = (e) => {
    if (e.source !== frame.contentWindow || !e.data || e.data.type !== SIZE_MESSAGE) return;
    const h = Number(e.data.height);
    if (Number.isFinite(h) && h > 0) frame.style.height = `${Math.ceil(Math.min(h, max))}px`;
  };
  window.addEventListener('message', onSize);
  return onSize;
}

/** Defines <grok-scope>; `baseOf(element)` says where the app's files are. */
function defineGrokScope(baseOf) {
  if (customElements.get('grok-scope')) return;
  class GrokScope extends HTMLElement {
    connectedCallback() {
      if (this.iframe) return;
      const url = embedLink(baseOf(this), Array.from(this.attributes, (a) => [a.name, a.value]));
      const max = Number(this.getAttribute('height')) || Infinity;
      // A block with its height reserved at once, so the post does not jump when the frame loads.
      this.style.display = 'block';
      const frame = document.createElement('iframe');
      frame.src = url.toString();
      frame.title = this.getAttribute('title') || FRAME_TITLE;
      frame.style.cssText = `display:block;width:100%;border:0;height:${Math.min(INITIAL_HEIGHT, max)}px`;
      this.onSize = fitFrame(frame, max);
      this.appendChild(frame);
      this.iframe = frame;
    }

    disconnectedCallback() {
      if (this.onSize) window.removeEventListener('message', this.onSize);
    }
  }
  customElements.define('grok-scope', GrokScope);
}
