/*
 * embed.js: <grok-scope> for blog posts, as a plain script. Builds a Grokscope iframe from its attributes.
 *   <script src="https://example.org/grokscope/embed.js" defer></script>
 *   <grok-scope preset="classic" panels="accuracy,llc"></grok-scope>
 * Attributes that are Grokscope settings (the link's parameter names: preset, p, lr, wd, train-frac,
 * task, model, width, seed, steps, panels, autoplay, theme, …) become the frame's query; any other
 * attribute (id, class, style, data-*, aria-*, title, …) is the host page's and is left alone.
 * The frame grows to the height of what it shows (no scrollbar inside the post); `height` caps it,
 * and the page inside then lays its panels out to fit that height.
 * The iframe is served from the folder this script came from, so the app works from any host and
 * sub-path. Steer it with postMessage:
 *   element.iframe.contentWindow.postMessage({ type: 'grokscope', command: 'play' }, '*').
 */
(() => {
  __CORE__
  const base = new URL('.', document.currentScript ? document.currentScript.src : window.location.href);
  defineGrokScope(() => base);
})();
