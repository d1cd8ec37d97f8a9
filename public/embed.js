/*
 * <grok-scope> for blog posts: builds a Grokscope iframe from its attributes.
 *   <script src="https://example.org/grokscope/embed.js" defer></script>
 *   <grok-scope preset="classic" panels="accuracy,llc" height="640"></grok-scope>
 * Every attribute except height and title becomes a query parameter with the same name (preset, p,
 * lr, wd, train-frac, task, model, width, seed, steps, panels, autoplay, …). The iframe is served
 * from the folder this script came from, so the app works from any host and sub-path.
 * Steer it with postMessage: element.iframe.contentWindow.postMessage({ type: 'grokscope', command: 'play' }, '*').
 */
(() => {
  const base = new URL('.', document.currentScript ? document.currentScript.src : window.location.href);

  class GrokScope extends HTMLElement {
    connectedCallback() {
      if (this.iframe) return;
      const url = new URL('index.html', base);
      url.searchParams.set('embed', '1');
      for (const { name, value } of Array.from(this.attributes)) {
        if (name !== 'height' && name !== 'title') url.searchParams.set(name, value);
      }
      const frame = document.createElement('iframe');
      frame.src = url.toString();
      frame.title = this.getAttribute('title') || 'Grokscope: a network grokking modular arithmetic';
      frame.style.width = '100%';
      frame.style.border = '0';
      frame.style.height = `${this.getAttribute('height') || '640'}px`;
      this.appendChild(frame);
      this.iframe = frame;
    }
  }

  if (!customElements.get('grok-scope')) customElements.define('grok-scope', GrokScope);
})();
