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
 * embed.js, the <grok-scope> element, with the names of every setting a link takes (from the one
 * parameter table), so the element passes on settings and leaves the host's own attributes alone.
 */
const embedScript = (): Plugin => {
  const names = ['preset', 'backend', ...Object.keys(URL_KEYS), ...Object.keys(VIEW_KEYS).filter((k) => k !== 'embed')];
  const source = () => readFileSync('src/embed/element.js', 'utf8').replace('__SETTING_NAMES__', JSON.stringify(names));
  return {
    name: 'grokscope-embed-script',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'embed.js', source: source() });
    },
    configureServer(server) {
      server.middlewares.use('/embed.js', (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        res.end(source());
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
  plugins: [react(), contentSecurityPolicy(), embedScript()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, outDir: mode === 'test' ? 'dist-test' : 'dist' },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
}));
