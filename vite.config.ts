import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CSP } from './scripts/csp';
import { URL_KEYS, VIEW_KEYS } from './src/core/url';

/** The Content-Security-Policy, added at build time only: the dev server injects an inline script for hot reload. */
const contentSecurityPolicy = (): Plugin => ({
  name: 'grokscope-csp',
  apply: 'build',
  transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
});

/**
 * The embeds for authors, each with the shared core (src/embed/core.js) pasted in and the names of
 * every setting a link takes (from the one parameter table), so they pass on settings and leave the
 * host's own attributes alone: embed.js (a plain script), element.mjs and react.mjs (the package's
 * `grokscope/element` and `grokscope/react`).
 */
const EMBED_FILES = { 'embed.js': 'src/embed/element.js', 'element.mjs': 'src/embed/element-module.js', 'react.mjs': 'src/embed/react.js' };
const embedScripts = (): Plugin => {
  const names = ['preset', 'backend', ...Object.keys(URL_KEYS), ...Object.keys(VIEW_KEYS).filter((k) => k !== 'embed')];
  // Replacer functions, not strings: the core's template literals must not be read as $-patterns.
  const core = () => readFileSync('src/embed/core.js', 'utf8').replace('__SETTING_NAMES__', () => JSON.stringify(names));
  const source = (file: string) => readFileSync(file, 'utf8').replace('__CORE__', core);
  return {
    name: 'grokscope-embed-scripts',
    generateBundle() {
      for (const [fileName, file] of Object.entries(EMBED_FILES)) this.emitFile({ type: 'asset', fileName, source: source(file) });
    },
    configureServer(server) {
      for (const [fileName, file] of Object.entries(EMBED_FILES))
        server.middlewares.use(`/${fileName}`, (_req, res) => {
          res.setHeader('Content-Type', 'text/javascript');
          res.end(source(file));
        });
    },
  };
};

/**
 * `--mode test` builds into dist-test/ with the hooks the e2e tests and the bench drive (a lost
 * device, a crashed worker, timing the worker); the production build compiles them out.
 */
export default defineConfig(({ mode }) => ({
  define: { __TEST_HOOKS__: JSON.stringify(mode === 'test') },
  // Relative base: the build works from any static host and sub-path.
  base: './',
  plugins: [react(), contentSecurityPolicy(), embedScripts()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, outDir: mode === 'test' ? 'dist-test' : 'dist' },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
}));
