/*
 * <grok-scope> for blog posts: builds a Grokscope iframe from its attributes.
 *   <script src="https://example.org/grokscope/embed.js" defer></script>
 *   <grok-scope preset="classic" panels="accuracy,llc"></grok-scope>
 * Attributes that are Grokscope settings (the link's parameter names: preset, p, lr, wd, train-frac,
 * task, model, width, seed, steps, panels, autoplay, theme, …) become the frame's query; any other
 * attribute (id, class, style, data-*, aria-*, title, …) is the host page's and is left alone.
 * The frame grows to the height of what it shows (no scrollbar inside the post); `height` caps it.
 * The iframe is served from the folder this script came from, so the app works from any host and
 * sub-path. Steer it with postMessage:
 *   element.iframe.contentWindow.postMessage({ type: 'grokscope', command: 'play' }, '*').
 * Built by vite.config.ts, which fills in the setting names from the app's one parameter table.
 */
(() => {
  const base = new URL('.', document.currentScript ? document.currentScript.src : window.location.href);
  const SETTINGS = new Set(__SETTING_NAMES__);
  /** Before the app inside has measured itself: room for the default two charts. */
  const INITIAL_HEIGHT = 640;

  class GrokScope extends HTMLElement {
    connectedCallback() {
      if (this.iframe) return;
      const url = new URL('index.html', base);
      url.searchParams.set('embed', '1');
      for (const { name, value } of Array.from(this.attributes)) if (SETTINGS.has(name)) url.searchParams.set(name, value);
      const max = Number(this.getAttribute('height')) || Infinity;
      // A block with its height reserved at once, so the post does not jump when the frame loads.
      this.style.display = 'block';
      const frame = document.createElement('iframe');
      frame.src = url.toString();
      frame.title = this.getAttribute('title') || 'Grokscope: a network grokking modular arithmetic';
      frame.style.cssText = `display:block;width:100%;border:0;height:${Math.min(INITIAL_HEIGHT, max)}px`;
      this.onSize = (e) => {
        if (e.source !== frame.contentWindow || !e.data || e.data.type !== 'grokscope-size') return;
        const h = Number(e.data.height);
        if (Number.isFinite(h) && h > 0) frame.style.height = `${Math.ceil(Math.min(h, max))}px`;
      };
      window.addEventListener('message', this.onSize);
      this.appendChild(frame);
      this.iframe = frame;
    }

    disconnectedCallback() {
      if (this.onSize) window.removeEventListener('message', this.onSize);
    }
  }

  if (!customElements.get('grok-scope')) customElements.define('grok-scope', GrokScope);
})();
