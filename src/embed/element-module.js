/*
 * grokscope/element: <grok-scope> as an ES module, for sites that bundle their scripts.
 *   import 'grokscope/element';
 *   <grok-scope app="/grokscope/" preset="classic" panels="accuracy,llc"></grok-scope>
 * `app` is where the site serves the app's files (a copy of node_modules/grokscope/dist); default /grokscope/.
 */
__CORE__
/** Where the app's files are unless an element says otherwise (its `app` attribute). */
export const DEFAULT_APP = '/grokscope/';
defineGrokScope((el) => new URL(el.getAttribute('app') || DEFAULT_APP, window.location.href));
export { embedLink, SETTINGS };
